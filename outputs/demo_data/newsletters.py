"""Newsletter issue 11 of MMSP II (May 2022 - June 2023), section by section in the document's order.

Sections and headings are the document's: Foreword; Project highlights (the Seminar on Migrant
Integration); MMSP II events (the Hainan field visit and the two seminars, each under that heading
in the document); Policy corner; Infobites / IOM China news. The Director General's April 2023 visit
is not under "MMSP II events" in the document; in the extracted text it stands after the events and
before the Policy corner, and the only headings left without text are "Infobites" and "IOM China
news", so it is filed there (the extraction cannot say more: noted for staff in `sources`).
Each item's text is the activity's record (its body is the document's own text).
The document gives no publication date, so publication_date is None (it is not invented).
"""

import datetime

from core.enums import Status
from newsletters.enums import SectionKind

NEWSLETTERS = [
    {
        "number": 11,
        "title_en": "MMSP II newsletter: May 2022 – June 2023",
        "title_zh_hans": "第二期支持中欧人员往来和移民领域对话项目简报：2022年5月至2023年6月",
        "period_start": datetime.date(2022, 5, 1),
        "period_end": datetime.date(2023, 6, 30),
        "phase": 2,
        "publication_date": None,
        "sources": (
            "Newsletter issue 11 of MMSP II (PDF, English), covering May 2022 - June 2023; no "
            "publication date. Sections and headings in the document's order. The DG's visit (April "
            "2023) is not under \"MMSP II events\" in the document; the extracted text leaves its "
            "heading uncertain: filed under \"Infobites / IOM China news\", the only headings without "
            "other text. The Chinese is the project's translation (the newsletter is in English)."
        ),
        "status": Status.PUBLISHED,
        "published_at": None,
        "sections": [
            {
                "kind": SectionKind.FOREWORD,
                "title_en": "Foreword",
                "title_zh_hans": "前言",
                "body_en": (
                    "<p>The 11th issue of the newsletter of the EU-China Dialogue on Migration and Mobility "
                    "Support Project – Phase II (MMSP II) covers the period from May 2022 until June 2023. "
                    "It also marks the successful completion of the MMSP II, with very positive feedback "
                    "received from the beneficiaries of the action. As we wrap up the current phase of this "
                    "flagship project, we are looking forward to the continuation of the action in the "
                    "framework of the upcoming MMSP – Phase III that is to be implemented "
                    "from 2023 to 2026.</p>"
                    "<p>The new phase of the action builds on the achievements of the previous two phases of "
                    "the project carried out between 2015 and 2023. Financed under the Neighbourhood, "
                    "Development and International Cooperation Instrument – Global Europe and implemented by "
                    "the International Organization for Migration (IOM), MMSP III will continue to provide "
                    "technical support to Chinese and European Union stakeholders on matters of mutual "
                    "interest and priorities within the scope of the EU-China Dialogue on Migration and "
                    "Mobility.</p>"
                    "<p>The MMSP Project Team</p>"
                ),
                "body_zh_hans": (
                    "<p>第二期支持中欧人员往来和移民领域对话项目（MMSP II）"
                    "第11期简报涵盖2022年5月至2023年6月。本期简报也标志着第二期项目圆满结束，"
                    "项目受益方给予了非常积极的反馈。在这一旗舰项目本期工作收尾之际，"
                    "我们期待在即将于2023年至2026年实施的第三期项目框架下继续开展工作。</p>"
                    "<p>新一期项目建立在2015至2023年开展的前两期项目成果之上。第三期项目由“邻国、"
                    "发展和国际合作工具——全球欧洲”资助，国际移民组织负责执行，"
                    "将继续在中欧人员往来和移民领域对话框架内，"
                    "就双方共同关心的问题和优先事项向中国和欧盟利益相关方提供技术支持。</p>"
                    "<p>项目团队</p>"
                ),
                "events": [],
            },
            {
                "kind": SectionKind.HIGHLIGHTS,
                "title_en": "Project highlights",
                "title_zh_hans": "项目亮点",
                "body_en": "",
                "body_zh_hans": "",
                "events": ["seminar-migrant-integration-2023"],
            },
            {
                "kind": SectionKind.EVENTS,
                "title_en": "MMSP II events",
                "title_zh_hans": "第二期项目活动",
                "body_en": "",
                "body_zh_hans": "",
                "events": [
                    "field-visit-hainan-2023",
                    "seminar-trafficking-organized-crime-2023",
                    "seminar-border-management-systems-2023",
                ],
            },
            {
                "kind": SectionKind.POLICY_CORNER,
                "title_en": "Policy corner",
                "title_zh_hans": "政策园地",
                "body_en": (
                    "<p>Following the downgrading of the management of COVID-19, as of 8 January 2023 the "
                    "NIA optimized its policies and measures for immigration administration as follows:</p>"
                    "<ul>"
                    "<li>Resumed the acceptance and examination of Chinese citizens' applications for "
                    "ordinary passports for tourism and visiting friends abroad, as well as the processing "
                    "of endorsements for Chinese mainland residents to visit the Hong Kong Special "
                    "Administrative Region for tourism and business purposes.</li>"
                    "<li>Resumed the acceptance and examination of foreigners' applications for the "
                    "extension, renewal and re-issuance of ordinary visas, stay permits and residence "
                    "permits, with expedited procedures available for urgent needs.</li>"
                    "<li>Resumed the issuance of port visas, implemented the 24/72/144-hour visa-free "
                    "transit policy, and issued temporary entry permits in accordance with the law.</li>"
                    "<li>Resumed the issuance of exit and entry permits of the People's Republic of China, "
                    "as well as exit and entry permits for the border control area.</li>"
                    "<li>Gradually resumed passenger clearance at land ports, allowing the orderly exit and "
                    "entry of passengers and border residents through land ports and corridors, with "
                    "immigration inspection conducted according to relevant regulations and the law.</li>"
                    "<li>Resumed the use of fast channels in ports adjacent to the Hong Kong and Macao "
                    "Special Administrative Regions, enabling holders of travel permits for mainland "
                    "residents and residents of Hong Kong and Macao to go through immigration inspection "
                    "quickly.</li>"
                    "</ul>"
                    '<p>Full information is available on <a href="https://en.nia.gov.cn/n162/n232/c107304/'
                    'content.html">the NIA website</a>.</p>'
                ),
                "body_zh_hans": (
                    "<p>随着新冠病毒感染调整为“乙类乙管”，自2023年1月8日起，"
                    "国家移民管理局优化移民管理政策措施如下：</p>"
                    "<ul>"
                    "<li>恢复受理审批中国公民因出境旅游、出国访友申请普通护照，"
                    "恢复办理内地居民赴香港特别行政区旅游、商务签注。</li>"
                    "<li>恢复受理审批外国人申请普通签证延期、换发、补发以及停留居留证件，"
                    "紧急需要的可加急办理。</li>"
                    "<li>恢复签发口岸签证，实施24/72/144小时过境免签政策，依法签发临时入境许可。</li>"
                    "<li>恢复签发中华人民共和国出入境通行证和边境管理区通行证。</li>"
                    "<li>逐步恢复陆路口岸客运通关，旅客和边民可经陆路口岸和通道有序出入境，"
                    "依法依规实施出入境边防检查。</li>"
                    "<li>恢复毗邻香港、澳门特别行政区口岸快捷通道使用，"
                    "持内地居民往来港澳通行证和港澳居民往来内地通行证的人员"
                    "可快捷办理出入境边防检查手续。</li>"
                    "</ul>"
                    '<p>详情请见<a href="https://en.nia.gov.cn/n162/n232/c107304/content.html">'
                    "国家移民管理局网站</a>。</p>"
                ),
                "events": [],
            },
            {
                "kind": SectionKind.INFOBITES,
                "title_en": "Infobites: IOM China news",
                "title_zh_hans": "信息速递：国际移民组织中国新闻",
                "body_en": "",
                "body_zh_hans": "",
                "events": ["iom-director-general-visit-china-2023"],
            },
        ],
    },
]
