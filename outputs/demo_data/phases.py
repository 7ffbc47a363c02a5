"""The three phases of MMSP and their pillars (focus areas for I, topics for II, key areas for III).

Dates are shown only as precisely as the documents give them (start_precision / end_precision);
the stored days are the first and last of the year or month, used only to sort and to check that
activities fall inside their phase:
- phase I: 2015 - 2018, years only. Press release: "its first phase conducted between 2015 and
  2018"; the Forum of 7 May 2018 "marked the three-year anniversary".
- phase II: start not known (no document dates it or its launch); end June 2023, month only:
  newsletter 11 covers "May 2022 until June 2023" and "marks the successful completion of the
  MMSP II". The stored start (1 January 2019, the year after phase I) is never shown.
- phase III: 2023 - 2026, years only (fact sheet; "upcoming" in newsletter 11).
Each record's `sources` field says the same for staff in the admin.
"""

import datetime

from activities.enums import PillarKind
from core.enums import DatePrecision

PHASES = [
    {
        "number": 1,
        "name_en": "EU-China Dialogue on Migration and Mobility Support Project (MMSP)",
        "name_zh_hans": "支持中欧人员往来和移民领域对话项目",
        "start_date": datetime.date(2015, 1, 1),
        "start_precision": DatePrecision.YEAR,
        "end_date": datetime.date(2018, 12, 31),
        "end_precision": DatePrecision.YEAR,
        "objectives_label_en": "",
        "objectives_label_zh_hans": "",
        "sources": (
            "Brochure (MMSP, phase I), English and Chinese: introduction, main objectives (quoted verbatim), "
            "funding and implementers. Dates: press release of the phase II launch (\"first phase "
            "conducted between 2015 and 2018\") and the 2018 Forum report (\"three-year "
            "anniversary\"): years only."
        ),
        "funding_instrument_en": "EU Partnership Instrument (PI)",
        "funding_instrument_zh_hans": "欧盟伙伴关系项目（PI）",
        "implementing_organisations": ["iom", "ilo"],
        "summary_en": (
            "An initiative funded by the Partnership Instrument of the European Union and implemented by the "
            "International Organization for Migration (IOM) and the International Labour Organization (ILO). "
            "It aims at maximizing the benefits of international migration and focuses on the four pillars "
            "of the Global Approach to Migration and Mobility that are of common interest to European and "
            "Chinese stakeholders, with a needs-based approach to cooperation that recognizes both sides' "
            "migration challenges and opportunities."
        ),
        "summary_zh_hans": (
            "“支持中欧人员往来和移民领域对话项目”由欧盟伙伴关系项目倡导并资助开展，"
            "国际移民组织和国际劳工组织负责执行。项目旨在最大化国际移民的利益，"
            "关注中欧利益相关方共同感兴趣的《移民和人口流动全球措施》框架下的4个支柱，"
            "采用以需求为基础的合作方法，使双方认识到移民方面的挑战和机遇。"
        ),
        "objectives_en": (
            "The project contributes to a better management of mobility and legal migration between the EU "
            "and China, as well as to reduce irregular migratory flows stemming from China. Its specific "
            "objectives are to support the EU-China Dialogue on Mobility and Migration, further develop "
            "EU-China cooperation in this area and strengthen relevant migration management capacities of "
            "the competent Chinese authorities."
        ),
        "objectives_zh_hans": (
            "项目致力于更好地管理中国和欧盟间的人口流动和合法移民，同时减少非正规移民。"
            "项目特定目标是支持中欧人员往来和移民领域对话，进一步促进中国和欧盟在此领域的广泛合作，"
            "加强中国有关机构的移民监管能力。"
        ),
    },
    {
        "number": 2,
        "name_en": "EU-China Dialogue on Migration and Mobility Support Project – Phase II (MMSP II)",
        "name_zh_hans": "第二期支持中欧人员往来和移民领域对话项目（MMSP II）",
        "start_date": datetime.date(2019, 1, 1),
        "start_precision": DatePrecision.UNKNOWN,
        "end_date": datetime.date(2023, 6, 30),
        "end_precision": DatePrecision.MONTH,
        "objectives_label_en": "Expectations voiced at the launch",
        "objectives_label_zh_hans": "启动会上各方表达的期望",
        "sources": (
            "Press release \"EU-China Dialogue on Migration and Mobility Support Project Phase II "
            "Launched\" (IOM; undated): summary and the expectations of the Chinese partners at the "
            "launch (shown under \"Expectations voiced at the launch\", not as objectives). End: "
            "newsletter 11 (\"May 2022 until June 2023\", \"successful completion of the MMSP II\"). "
            "Start: not known; the stored 1 January 2019 is never shown."
        ),
        "funding_instrument_en": "EU Partnership Instrument (PI)",
        "funding_instrument_zh_hans": "欧盟伙伴关系项目（PI）",
        "implementing_organisations": ["iom"],
        "summary_en": (
            "A three-year initiative funded by the EU Partnership Instrument and implemented by IOM. "
            "Building on the achievements of the first phase, conducted between 2015 and 2018, it provided "
            "support and technical assistance to Chinese and EU partners on matters of mutual interest to "
            "the EU-China Dialogue on Migration and Mobility, covering regular migration, irregular "
            "migration, migration policy and research. It was completed in June 2023."
        ),
        "summary_zh_hans": (
            "第二期项目为期三年，由欧盟伙伴关系项目资助，国际移民组织负责执行。"
            "项目在2015至2018年开展的第一期成果基础上，继续就中欧人员往来和移民领域对话中双方共同关心的问题，"
            "向中欧合作伙伴提供支持和技术援助，涵盖正常移民、非正常移民、移民政策和研究等议题。"
            "项目于2023年6月圆满结束。"
        ),
        "objectives_en": (
            "The representatives of China's National Immigration Administration, the Office to Combat "
            "Trafficking of the Ministry of Public Security and the Ministry of Foreign Affairs stressed "
            "their interest and willingness to continue implementing the second phase of the project, which "
            "is expected to result in stronger cooperation in areas including information sharing, border "
            "management and development of capacities to promote regular migration, while curbing irregular "
            "flows and jointly combatting trans-border organized crime, in particular human trafficking. "
            "They also highlighted that the project will play a significant role in promoting mutual "
            "understanding and trust to facilitate mobility between the EU and China."
        ),
        "objectives_zh_hans": (
            "国家移民管理局、公安部打拐办和外交部的代表表示有意愿继续实施第二期项目，期待项目在信息共享、"
            "边境管理以及促进正常移民的能力建设等方面加强合作，同时遏制非正常移民流动，共同打击跨境有组织犯罪，"
            "特别是人口贩运。他们还强调，项目将在增进相互理解和信任、便利中欧人员往来方面发挥重要作用。"
        ),
    },
    {
        "number": 3,
        "name_en": "EU-China Dialogue on Migration and Mobility Support Project – Phase III (MMSP III)",
        "name_zh_hans": "第三期支持中欧人员往来和移民领域对话项目（MMSP III）",
        "start_date": datetime.date(2023, 1, 1),
        "start_precision": DatePrecision.YEAR,
        "end_date": datetime.date(2026, 12, 31),
        "end_precision": DatePrecision.YEAR,
        "objectives_label_en": "",
        "objectives_label_zh_hans": "",
        "sources": (
            "Fact sheet MMSP Phase III (2023-2026), English and Chinese: background and objectives "
            "(the Chinese is the fact sheet's own). Funding instrument: newsletter 11, foreword."
        ),
        "funding_instrument_en": (
            "Neighbourhood, Development and International Cooperation Instrument – Global Europe "
            "(NDICI-Global Europe)"
        ),
        "funding_instrument_zh_hans": "邻国、发展和国际合作工具——全球欧洲（NDICI-Global Europe）",
        "implementing_organisations": ["iom"],
        "summary_en": (
            "The third phase builds on the achievements of the two previous phases, conducted between 2015 "
            "and 2023. Financed by the European Union and implemented by IOM, the three-year project "
            "continues to provide technical support and assistance to Chinese and EU stakeholders on matters "
            "of mutual interest and priorities to the EU-China Dialogue on Migration and Mobility "
            "(EU-China MMD)."
        ),
        "summary_zh_hans": (
            "“第三期支持中欧人员往来和移民领域对话项目”（MMSP III）建立在2015至2023年开展的一期和二期项目成果"
            "上。该项目由欧盟资助，国际移民组织负责执行。它为期三年，"
            "继续向中欧利益相关方就中欧人员往来和移民领域对话（EU-China MMD）"
            "相互关心问题和优先事项提供技术支持和帮助。"
        ),
        "objectives_en": (
            "The overall goal of MMSP III is to strengthen the EU-China MMD by addressing migration as a "
            "global challenge. To achieve this goal, the project aims to address the practical needs of all "
            "parties concerned and to enhance their cooperation on migration and mobility between the EU and "
            "China, enhancing knowledge and cooperation along the EU-China corridor through four key areas."
        ),
        "objectives_zh_hans": (
            "MMSP III 总体目标是通过把移民作为一项全球挑战来应对，促进和加强中欧人员往来和移民领域对话。"
            "为实现这一目标，项目旨在满足有关各方实际需求，加强中欧移民和人员流动合作，"
            "通过四个关键领域加强中欧走廊沿线移民和人员流动的知识和合作。"
        ),
    },
]


# Phase I: the brochure's four focus areas (names quoted from its English and Chinese, including
# its 合法移民 / 非正规移民, which the glossary keeps only for such quotations). Their descriptions
# pair each area with one of the brochure's outcomes: that pairing is ours, so they are marked
# "Classified by the project team". Phase II: no document names its focus areas; the launch press
# release says it covers "topics including regular migration, irregular migration, migration policy
# and research", and those four topics are its pillars, without descriptions. Phase III: the fact
# sheet's four key areas; their descriptions draw on its list of main activities (ours: marked).
_FOCUS_AREAS = [
    {
        "key": "regular-migration",
        "name_en": "Organizing and facilitating regular migration and mobility",
        "name_zh_hans": "组织和促进合法移民和人口流动",
        "description_en": (
            "Regular migration and mobility opportunities between China and the EU are strengthened and "
            "promoted, and the rights of migrant workers protected."
        ),
        "description_zh_hans": "加强和促进中国和欧盟间的合法移民和人口流动的机会，并保护移民工人权利。",
    },
    {
        "key": "irregular-migration",
        "name_en": "Preventing and reducing irregular migration",
        "name_zh_hans": "预防和减少非正规移民",
        "description_en": (
            "The capacity of Chinese stakeholders is strengthened to prevent and reduce irregular migration "
            "from China to the EU, address human trafficking and reduce the presence of Chinese irregular "
            "migrants in the EU through return, readmission and reintegration measures."
        ),
        "description_zh_hans": (
            "加强中国利益相关方预防和减少赴欧中国非正规移民以及应对人口拐卖的能力，通过返回、"
            "重新接纳和重新融合措施减少在欧盟的中国非正规移民。"
        ),
    },
    {
        "key": "development",
        "name_en": "Maximizing development impact of migration and mobility",
        "name_zh_hans": "使移民和人口流动的发展影响最大化",
        "description_en": (
            "Policy makers and practitioners draw on international good practice and research to improve "
            "cooperation on migration and mobility and maximize the development impacts."
        ),
        "description_zh_hans": (
            "政策制定者和实践者借鉴国际良好实践和研究成果，促进移民和人口流动的合作，使发展的影响最大化。"
        ),
    },
    {
        "key": "international-protection",
        "name_en": "Promoting international protection",
        "name_zh_hans": "促进国际保护",
        "description_en": "International protection is ensured in mixed migration flows.",
        "description_zh_hans": "在混合移民流中确保国际保护。",
    },
]


def _focus_areas(phase):
    return [
        {
            "slug": f"p{phase}-{area['key']}",
            "phase": phase,
            "kind": PillarKind.FOCUS_AREA,
            "order": order,
            **{name: value for name, value in area.items() if name != "key"},
            "description_editorial": True,
            "sources": (
                "Brochure (phase I), \"Focus Areas\" / 关注领域: name and outcome quoted verbatim. "
                "Description: the brochure's matching outcome, paired with the area by the project team."
            ),
        }
        for order, area in enumerate(_FOCUS_AREAS, start=1)
    ]


_PHASE_2_TOPICS = [
    ("regular-migration", "Regular migration", "正常移民"),
    ("irregular-migration", "Irregular migration", "非正常移民"),
    ("migration-policy", "Migration policy", "移民政策"),
    ("research", "Research", "研究"),
]


def _phase_2_topics():
    return [
        {
            "slug": f"p2-{key}",
            "phase": 2,
            "kind": PillarKind.FOCUS_AREA,
            "order": order,
            "name_en": name_en,
            "name_zh_hans": name_zh_hans,
            "description_en": "",
            "description_zh_hans": "",
            "description_editorial": False,
            "sources": (
                "Press release of the phase II launch: the second phase covers \"topics including "
                "regular migration, irregular migration, migration policy and research\". No document "
                "names phase II's focus areas as such; the Chinese follows the glossary."
            ),
        }
        for order, (key, name_en, name_zh_hans) in enumerate(_PHASE_2_TOPICS, start=1)
    ]


_KEY_AREA_SOURCES = (
    "Fact sheet MMSP Phase III, \"four key areas\" / 四个关键领域: name quoted in English and Chinese. "
    "Description: drawn by the project team from the fact sheet's list of main activities."
)

PILLARS = [
    *_focus_areas(1),
    *_phase_2_topics(),
    {
        "slug": "p3-border-management",
        "phase": 3,
        "kind": PillarKind.KEY_AREA,
        "description_editorial": True,
        "sources": _KEY_AREA_SOURCES,
        "order": 1,
        "name_en": "Immigration and border management",
        "name_zh_hans": "移民和边境管理",
        "description_en": (
            "Technical exchange, including field visits, between EU and Chinese authorities on immigration "
            "and border management, including anti-document fraud and the mobility of researchers."
        ),
        "description_zh_hans": (
            "中欧机构间就移民和边境管理开展技术交流和考察活动，包括打击伪造证件和研究人员的流动等话题。"
        ),
    },
    {
        "slug": "p3-return-readmission",
        "phase": 3,
        "kind": PillarKind.KEY_AREA,
        "description_editorial": True,
        "sources": _KEY_AREA_SOURCES,
        "order": 2,
        "name_en": "Return and readmission of irregular migrants",
        "name_zh_hans": "非正常移民返回和重新接纳",
        "description_en": (
            "Workshops to facilitate a better understanding of return and readmission of irregular migrants."
        ),
        "description_zh_hans": "举办研讨会，促进对非正常移民返回和重新接纳的更好理解。",
    },
    {
        "slug": "p3-trafficking-irregular-migration",
        "phase": 3,
        "kind": PillarKind.KEY_AREA,
        "description_editorial": True,
        "sources": _KEY_AREA_SOURCES,
        "order": 3,
        "name_en": "Prevention and reduction of trafficking in human beings and irregular migration flows",
        "name_zh_hans": "预防和减少人口贩运和非正常移民流动",
        "description_en": (
            "Criminal investigation and judicial cooperation on trafficking in human beings, and "
            "international best practices in curbing the irregular movement of people."
        ),
        "description_zh_hans": "人口贩运问题的刑事调查和司法合作，以及打击非正常移民的国际最佳实践。",
    },
    {
        "slug": "p3-international-mechanisms",
        "phase": 3,
        "kind": PillarKind.KEY_AREA,
        "description_editorial": True,
        "sources": _KEY_AREA_SOURCES,
        "order": 4,
        "name_en": (
            "Regional and international migration mechanisms to address migration as a global phenomenon"
        ),
        "name_zh_hans": "应对移民这一全球现象的区域和国际移民机制",
        "description_en": (
            "Addressing migration as a global challenge, with technical meetings between the EU and China in "
            "the framework of the EU-China Dialogue on Migration and Mobility."
        ),
        "description_zh_hans": (
            "把移民作为一项全球挑战来应对，在中欧人员往来和移民领域对话框架下支持中欧双方举办技术会议。"
        ),
    },
]
