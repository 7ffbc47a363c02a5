"""A newsletter comparable to the real issue 11 (seeds/003), built with the factories.

Used by the newsletter tests that need a realistic issue and by bench/newsletter_pdf.py where
``load_demo`` is not available. The text is abridged from the real newsletter.
"""

import datetime

from activities.enums import EventType
from core.enums import DatePrecision, Status
from newsletters.enums import SectionKind
from tests.factories import (
    EventFactory,
    NewsletterFactory,
    NewsletterSectionFactory,
    PhaseFactory,
    PhotoFactory,
    SectionEventFactory,
)

FOREWORD_EN = (
    "<p>The 11th issue of the newsletter of the EU-China Dialogue on Migration and Mobility Support "
    "Project – Phase II (MMSP II) covers the period from May 2022 until June 2023. It also marks the "
    "successful completion of the MMSP II, with very positive feedback received from the beneficiaries "
    "of the action.</p><p>The new phase of the action builds on the achievements of the previous two "
    "phases of the project carried out between 2015 and 2023. Financed under the Neighbourhood, "
    "Development and International Cooperation Instrument – Global Europe, MMSP III will continue to "
    "provide technical support to Chinese and European Union stakeholders.</p>"
    "<p><em>The MMSP Project Team</em></p>"
)
FOREWORD_ZH = (
    "<p>第11期“支持中欧人员往来和移民领域对话项目”第二期（MMSP II）简报涵盖2022年5月至2023年6月。"
    "本期简报也标志着第二期项目圆满结束，项目受益方给予了非常积极的反馈。</p>"
    "<p>新一期项目以2015年至2023年间前两期项目的成果为基础。第三期项目由“全球欧洲”邻国、发展与国际合作工具资助，"
    "将继续为中国和欧盟利益相关方提供技术支持。</p><p><em>MMSP项目团队</em></p>"
)
POLICY_EN = (
    "<p>Following the downgrading of the management of COVID-19, as of 8 January 2023, the NIA "
    "optimized Policies and Measures for Immigration Administration as follows:</p><ul>"
    "<li>Resumed the acceptance and examination of Chinese citizens' applications for ordinary "
    "passports for tourism and visiting friends abroad.</li>"
    "<li>Resumed the acceptance and examination of foreigners' applications for the extension, "
    "renewal, and re-issuance of ordinary visas, stay permits, and residence permits.</li>"
    "<li>Resumed the issuance of port visas and the 24/72/144-hour visa-free transit policy.</li></ul>"
    '<p>Full information is available at <a href="https://en.nia.gov.cn/n162/n232/c107304/content.html">'
    "NIA's website</a>.</p>"
)
POLICY_ZH = (
    "<p>随着新冠疫情防控调整，自2023年1月8日起，国家移民管理局优化移民管理政策措施如下：</p><ul>"
    "<li>恢复受理审批中国公民因出境旅游、探访朋友申请普通护照。</li>"
    "<li>恢复受理审批外国人普通签证、停留居留证件延期、换发、补发申请。</li>"
    "<li>恢复实施口岸签证政策和24/72/144小时过境免签政策。</li></ul>"
    '<p>详情请见<a href="https://en.nia.gov.cn/n162/n232/c107304/content.html">国家移民管理局网站</a>。</p>'
)

EVENTS = [
    {
        "slug": "field-visit-hainan-2023",
        "type": EventType.FIELD_VISIT,
        "title_en": "Field visit for representatives of EU Member States and Schengen Area countries "
        "to Hainan province",
        "title_zh_hans": "欧盟成员国和申根国家代表赴海南省实地考察",
        "summary_en": "Consuls, visa officers and immigration liaison officers from twelve embassies "
        "visited Meilan International Airport, Hainan University and the Yangpu International Port, "
        "and met provincial officials, foreign students and the business community.",
        "summary_zh_hans": "来自12个国家使馆的领事、签证官和移民联络官参观了美兰国际机场、"
        "海南大学和洋浦国际港，并与省级官员、外国留学生和商界代表座谈。",
        "start_date": datetime.date(2023, 2, 20),
        "end_date": datetime.date(2023, 2, 23),
        "city_en": "Haikou and Sanya",
        "city_zh_hans": "海口和三亚",
        "color": "teal",
    },
    {
        "slug": "seminar-transnational-organized-crime-2023",
        "type": EventType.SEMINAR,
        "title_en": "Seminar on cross-country cooperation to fight transnational organized crime",
        "title_zh_hans": "打击跨国有组织犯罪跨国合作研讨会",
        "summary_en": "Investigators, prosecutors and judges from China and the EU shared experience of "
        "investigating, prosecuting and convicting cases of trafficking in human beings.",
        "summary_zh_hans": "中欧侦查、检察和审判人员交流了侦办、起诉和审判拐卖人口案件的经验。",
        "start_date": datetime.date(2023, 4, 12),
        "end_date": datetime.date(2023, 4, 13),
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "color": "navy",
    },
    {
        "slug": "iom-director-general-visit-2023",
        "type": EventType.HIGH_LEVEL_VISIT,
        "title_en": "High-level visit of the IOM Director General to China",
        "title_zh_hans": "国际移民组织总干事访华",
        "summary_en": "Director General António Vitorino met senior Chinese officials, including the "
        "Vice-Minister of Public Security and Commissioner of the NIA.",
        "summary_zh_hans": "总干事维多里诺会见了中国政府高级官员，包括公安部副部长、国家移民管理局局长。",
        "start_date": datetime.date(2023, 4, 1),
        "end_date": datetime.date(2023, 4, 30),
        "date_precision": DatePrecision.MONTH,
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "color": None,
    },
    {
        "slug": "seminar-migrant-integration-2023",
        "type": EventType.SEMINAR,
        "title_en": "Seminar on Migrant Integration",
        "title_zh_hans": "移民融合研讨会",
        "summary_en": "Over 30 representatives of the NIA and provincial exit and entry administrations "
        "discussed migrant integration with IOM experts and practitioners from Europe and Korea.",
        "summary_zh_hans": "国家移民管理局及各省出入境管理部门30余名代表与国际移民组织专家"
        "及欧洲、韩国的实务人员探讨了移民融合问题。",
        "start_date": datetime.date(2023, 5, 9),
        "end_date": datetime.date(2023, 5, 10),
        "city_en": "Hangzhou",
        "city_zh_hans": "杭州",
        "color": "darkgreen",
    },
    {
        "slug": "seminar-border-management-systems-2023",
        "type": EventType.SEMINAR,
        "title_en": "Seminar on border management systems to combat illegal movements at ports of entry",
        "title_zh_hans": "打击口岸非法出入境边境管理系统研讨会",
        "summary_en": "25 Chinese officials and experts from Austria, Germany and Portugal compared "
        "intelligence exchange and law enforcement cooperation at ports of entry.",
        "summary_zh_hans": "25名中国官员与来自奥地利、德国和葡萄牙的专家"
        "就口岸情报交流和执法合作进行了比较研讨。",
        "start_date": datetime.date(2023, 6, 27),
        "end_date": datetime.date(2023, 6, 27),
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "color": "maroon",
    },
]


def build_issue_11(number=11, photo_size=(1200, 800)):
    """Issue 11 of MMSP II with its five sections and five activities; returns the newsletter."""
    phase = PhaseFactory(
        number=2,
        name_en="MMSP Phase II",
        name_zh_hans="第二期项目",
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2023, 6, 30),
    )
    events = {}
    for spec in EVENTS:
        spec = dict(spec)
        color = spec.pop("color")
        event = EventFactory(phase=phase, country="CN", status=Status.PUBLISHED, **spec)
        if color:
            PhotoFactory(
                event=event,
                image__width=photo_size[0],
                image__height=photo_size[1],
                image__color=color,
                image__format="JPEG",
                image__filename="photo.jpg",
                caption_en=f"Participants of the {spec['title_en'][:40]}",
                caption_zh_hans=f"{spec['title_zh_hans']}与会者",
                credit_en="IOM China",
                credit_zh_hans="国际移民组织驻华代表处",
            )
        events[spec["slug"]] = event
    newsletter = NewsletterFactory(
        number=number,
        title_en="MMSP II: a successful completion",
        title_zh_hans="第二期项目圆满结束",
        period_start=datetime.date(2022, 5, 1),
        period_end=datetime.date(2023, 6, 30),
        phase=phase,
        publication_date=datetime.date(2023, 7, 15),
        status=Status.PUBLISHED,
    )
    sections = [
        (SectionKind.FOREWORD, "Foreword", "前言", FOREWORD_EN, FOREWORD_ZH, []),
        (SectionKind.HIGHLIGHTS, "Project highlights", "项目亮点", "", "",
         ["seminar-migrant-integration-2023"]),
        (SectionKind.EVENTS, "MMSP II events", "第二期项目活动", "", "",
         ["field-visit-hainan-2023", "seminar-transnational-organized-crime-2023",
          "seminar-border-management-systems-2023"]),
        (SectionKind.POLICY_CORNER, "Policy corner", "政策角", POLICY_EN, POLICY_ZH, []),
        (SectionKind.INFOBITES, "Infobites: IOM China news", "信息速递：国际移民组织驻华新闻", "", "",
         ["iom-director-general-visit-2023"]),
    ]
    for order, (kind, title_en, title_zh, body_en, body_zh, slugs) in enumerate(sections):
        section = NewsletterSectionFactory(
            newsletter=newsletter, kind=kind, order=order, title_en=title_en, title_zh_hans=title_zh,
            body_en=body_en, body_zh_hans=body_zh,
        )
        for position, slug in enumerate(slugs):
            SectionEventFactory(section=section, event=events[slug], order=position)
    return newsletter
