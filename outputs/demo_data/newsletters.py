"""Newsletter issue 11 of MMSP II (May 2022 - June 2023), section by section in the document's order.

Sections and headings are the document's: Foreword; Project highlights (the Seminar on Migrant
Integration); MMSP II events (the Hainan field visit and the two seminars, each under that heading
in the document); Policy corner; Infobites / IOM China news. The Director General's April 2023 visit
is not under "MMSP II events" in the document; in the extracted text it stands after the events and
before the Policy corner, and the only headings left without text are "Infobites" and "IOM China
news", so it is filed there (the extraction cannot say more: noted for staff in `sources`).
Each item's text is its activity's body, which holds the document's own text verbatim; the
foreword and the policy corner are the section's text, verbatim too. The newsletter is in English
and no source gives it in Chinese, so those Chinese texts are empty: the Chinese edition shows the
English, marked as such, and the records stay in the translators' queue (headings are translated).
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
            "other text. Texts word for word (extraction breaks mended, the document's wording and "
            "slips kept). The newsletter is in English: the headings' Chinese is the project's; the "
            "texts' Chinese is left empty for translators."
        ),
        "status": Status.PUBLISHED,
        "published_at": None,
        "sections": [
            {
                "kind": SectionKind.FOREWORD,
                "title_en": "Foreword",
                "title_zh_hans": "前言",
                "body_en": (
                    "<p>The 11th issue of the newsletter of the EU-China Dialogue on Migration and "
                    "Mobility Support Project – Phase II (MMSP II) covers the period from May 2022 until "
                    "June 2023. It also marks the successful completion of the MMSP II, with very "
                    "positive feedback received from the beneficiaries of the action. As we wrap up the "
                    "current phase of this flagship project, we are looking forward to the continuation "
                    "of the action in the framework of the upcoming MMSP – Phase III that is to be "
                    "implemented from 2023 to 2026.</p><p>The new phase of the action builds on the "
                    "achievements of the previous two phases of the project carried out between 2015 and "
                    "2023. Financed under the Neighbourhood, Development and International Cooperation "
                    "Instrument – Global Europe, MMSP III and implemented by the International "
                    "Organization for Migration (IOM), the project will continue to provide technical "
                    "supports to Chinese and European Union stakeholders on matters of mutual interest "
                    "and priorities within the scope of the EU-China Dialogue on Migration and "
                    "Mobility.</p><p>The MMSP Project Team</p>"
                ),
                # The newsletter is in English and no source gives this text in Chinese: the Chinese
                # page shows the English, marked, and the section waits for translators.
                "body_zh_hans": "",
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
                    "<p>Following the downgrading of the management of COVID-19, as of 8 January 2023, "
                    "the NIA optimized Policies and Measures for Immigration Administration as "
                    "follows:</p><ul><li>Resumed the acceptance and examination of Chinese citizens' "
                    "applications for ordinary passports for tourism and visiting friends abroad, as "
                    "well as the processing of endorsements for Chinese mainland residents to visit Hong "
                    "Kong Special Administrative Region for tourism and business "
                    "purposes.</li><li>Resumed the acceptance and examination of foreigners' "
                    "applications for the extension, renewal, and re-issuance of ordinary visas, stay "
                    "permits, and residence permits, with expedited procedures available for urgent "
                    "needs.</li><li>Resumed the issuance of port visas, implement the 24/72/144-hour "
                    "visa-free transit policy, and issue temporary entry permits in accordance with the "
                    "law.</li><li>Resumed the issuance of exit and entry permits of the People's "
                    "Republic of China, as well as exit and entry permits for the border control "
                    "area.</li><li>Gradually resumed passenger clearance at land ports, allowing the "
                    "orderly exit and entry of passengers and border residents through land ports and "
                    "corridors, with immigration inspection conducted according to relevant regulations "
                    "and the law.</li><li>Resumed the use of fast channels in ports adjacent to Hong "
                    "Kong and Macao Special Administrative Regions, enabling holders of travel permits "
                    "for mainland residents and residents of Hong Kong and Macao to go through "
                    "immigration inspection quickly.</li></ul><p>Full information is available at NIA's "
                    "website at <a "
                    "href=\"https://en.nia.gov.cn/n162/n232/c107304/content.html\">https://en.nia.gov.cn/n162/n232/c107304/content.html</a></p>"
                ),
                # NIA published these measures in Chinese, but that announcement is not among the
                # sources: translators take its wording from there; none is made up here.
                "body_zh_hans": "",
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
