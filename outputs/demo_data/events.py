"""Every activity the seed documents describe, with the documents' dates, places and figures.

Each record's `sources` field names its document for staff (visible in the admin).

Dates: as precise as the document (day, month, year) or "not known" (the phase II launch: the
press release is undated; its stored dates are the phase's and are never shown).

Figures: as the documents state them. "Around one hundred" (2018 Forum) is a total of 100 with
the qualifier "about"; "over 30" (2023 integration seminar) and "25 Chinese representatives"
(June 2023 border management seminar) are China-side counts without a total ("over" and exact).
No women/men split is given anywhere.

Pillars: the documents never tag an activity with a pillar. Where a tag is the project team's
reading, pillars_editorial is True and the public page says "Classified by the project team".

Agencies: the EU funds every activity of the project, so it is recorded as funder on each,
except the IOM Director General's visit, an IOM visit that the newsletter reports without saying
the project paid for it. "Organized by IOM in close coordination with and support from X" is
recorded as IOM organiser, X co-organiser.

Participants: only speakers named in the project's own published documents, with the position
those documents give. They spoke in public and are named there, so consent_to_publish is True; no
gender, e-mail or phone is recorded. A name is shown as the document gives it: where it gives no
characters (Yang Tao, Wang Haixing, Pär Liljert...), the Chinese page shows the same Latin spelling
and none is invented.
"""

import datetime

from activities.enums import AgencyRole, EventType, ParticipantRole, ParticipantsQualifier
from core.enums import DatePrecision, Status

ORGANISER = AgencyRole.ORGANISER
CO_ORGANISER = AgencyRole.CO_ORGANISER
HOST = AgencyRole.HOST
FUNDER = AgencyRole.FUNDER
PARTICIPATING = AgencyRole.PARTICIPATING

HAINAN_EMBASSIES = [
    "embassy-at", "embassy-be", "embassy-hr", "embassy-dk", "embassy-fi", "embassy-de",
    "embassy-hu", "embassy-is", "embassy-nl", "embassy-pt", "embassy-es", "embassy-se",
]


def _speaker(
    name_en, position_en, position_zh_hans, agency, *, name_zh_hans=None, role=ParticipantRole.SPEAKER
):
    """A speaker named in a published project document (see the module docstring on consent).

    Without characters from a reliable source, the Chinese name is the document's own spelling.
    """
    return {
        "name_en": name_en,
        "name_zh_hans": name_en if name_zh_hans is None else name_zh_hans,
        "position_en": position_en,
        "position_zh_hans": position_zh_hans,
        "agency": agency,
        "organisation_en": "",
        "organisation_zh_hans": "",
        "country": "",
        "role": role,
        "consent_to_publish": True,
    }


EVENTS = [
    {
        # Forum report: "On May 7 2018 ... IOM hosted the Forum"; "around one hundred" participants.
        "slug": "forum-eu-china-migration-mobility-2018",
        "sources": (
            "Summary report of the Forum on EU-China Migration and Mobility, 7 May 2018, Beijing "
            "(English). \"Around one hundred\" participants: about 100. Pillars: the report speaks of "
            "\"the various result areas of the project\"; tagging all four is the project team's reading."
        ),
        "pillars_editorial": True,
        "phase": 1,
        "type": EventType.FORUM,
        "pillars": [
            "p1-regular-migration", "p1-irregular-migration", "p1-development", "p1-international-protection",
        ],
        "title_en": "Forum on EU-China Migration and Mobility",
        "title_zh_hans": "中欧移民和人员流动论坛",
        "summary_en": (
            "On the occasion of Director General William Lacy Swing's last visit to China, IOM hosted the "
            "Forum marking three years of the project. Around one hundred stakeholders took stock of its "
            "milestones, lessons learnt, challenges and prospects."
        ),
        "summary_zh_hans": (
            "借国际移民组织总干事威廉·莱西·斯温大使卸任前最后一次访华之机，国际移民组织主办了本次论坛，"
            "纪念项目实施三周年。约一百名利益相关方回顾了项目取得的阶段性成果、经验教训、挑战和前景。"
        ),
        "body_en": (
            "<p>On 7 May 2018, on the occasion of H.E. Ambassador William Lacy Swing's last visit to China "
            "as IOM Director General, the International Organization for Migration (IOM) hosted the Forum on "
            "EU-China Migration and Mobility. The activity marked the three-year anniversary of the EU-China "
            "Dialogue on Migration and Mobility Support Project and was an opportunity for IOM, the European "
            "Union and other key stakeholders to take stock of the milestones achieved, lessons learnt, "
            "challenges prevailing and future prospects in the various result areas of the project.</p>"
            "<p>The Forum brought together around one hundred of IOM and ILO's major stakeholders, including "
            "officials from the embassies of EU Member States and Schengen Zone countries, the EU "
            "Delegation, ILO and UNHCR, and from the Ministry of Foreign Affairs, the Ministry of Public "
            "Security and the recently established National Immigration Administration.</p>"
            "<p>DG Swing noted that we live in a world on the move, commended the commitment of the European "
            "Union and China to safe and orderly migration and to the project, and concluded that migration "
            "is not so much a problem to be solved as a human reality to be managed through partnership. "
            "During his visit he also launched the IOM WeChat app providing pre-departure orientation to "
            "Chinese workers migrating to Europe.</p>"
            "<p>Christopher Wood, Deputy Head of the EU Delegation to China, outlined the successes of the "
            "EU-China Dialogue on Migration and Mobility. Mr Liu Shibin, Deputy Director General of the "
            "National State Immigration (as the report names it), praised the project for promoting "
            "technical cooperation between China and the "
            "EU, and IOM China Chief of Mission Pär Liljert stressed the importance of partnership and "
            "collaboration. The Forum closed with a reception.</p>"
        ),
        "body_zh_hans": (
            "<p>2018年5月7日，借威廉·莱西·斯温大使以国际移民组织总干事身份最后一次访华之机，"
            "国际移民组织主办了“中欧移民和人员流动论坛”。本次活动纪念“支持中欧人员往来和移民领域对话项目”"
            "实施三周年，为国际移民组织、欧盟及其他主要利益相关方提供了契机，"
            "共同回顾项目各成果领域取得的阶段性成果、经验教训、现存挑战和未来前景。</p>"
            "<p>约一百名国际移民组织和国际劳工组织的主要合作伙伴出席论坛，包括欧盟成员国和申根国家驻华使馆、"
            "欧盟驻华代表团、国际劳工组织和联合国难民署的官员，以及外交部、"
            "公安部和新组建的国家移民管理局的官员。</p>"
            "<p>斯温总干事指出，我们生活在一个人员流动的世界。他赞扬欧盟和中国致力于促进安全、有序的移民，"
            "以及对本项目的支持，并总结说，移民与其说是一个需要解决的问题，"
            "不如说是一个需要通过伙伴关系加以管理的人类现实。访华期间，"
            "他还正式启动了国际移民组织微信应用程序，为赴欧中国劳务人员提供出行前指导。</p>"
            "<p>欧盟驻华代表团副团长 Christopher Wood 先生介绍了中欧人员往来和移民领域对话取得的成果。"
            "Liu Shibin 先生（报告称其为 National State Immigration 的 Deputy Director General）"
            "赞扬项目促进了中欧之间的技术合作；"
            "国际移民组织驻华联络处主任 Pär Liljert 强调了伙伴关系与合作的重要性。论坛以招待会结束。</p>"
        ),
        "start_date": datetime.date(2018, 5, 7),
        "end_date": datetime.date(2018, 5, 7),
        "date_precision": DatePrecision.DAY,
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "venue_en": "",
        "venue_zh_hans": "",
        "country": "CN",
        "agencies": [
            ("iom", HOST),
            ("eu", FUNDER),
            ("ilo", PARTICIPATING),
            ("eu-delegation-china", PARTICIPATING),
            ("unhcr", PARTICIPATING),
            ("mfa", PARTICIPATING),
            ("mps", PARTICIPATING),
            ("nia", PARTICIPATING),
        ],
        "participants_total": 100,  # "around one hundred"
        "participants_qualifier": ParticipantsQualifier.ABOUT,
        "participants_women": None,
        "participants_men": None,
        "participants_eu": None,
        "participants_china": None,
        "participants": [
            _speaker(
                "William Lacy Swing",
                "Director General, International Organization for Migration",
                "国际移民组织总干事",
                "iom",
                name_zh_hans="威廉·莱西·斯温",
                role=ParticipantRole.KEYNOTE,
            ),
            _speaker(
                "Christopher Wood",
                "Deputy Head of the Delegation of the European Union to China",
                "欧盟驻华代表团副团长",
                "eu-delegation-china",
            ),
            _speaker(
                # The report says "Deputy Director General of the National State Immigration": the
                # rank and the body are kept as the report gives them, in English, for translators
                # to confirm; no Chinese rank is guessed.
                "Liu Shibin",
                "Deputy Director General of the National State Immigration",
                "Deputy Director General of the National State Immigration（报告原文）",
                "nia",
            ),
            _speaker("Pär Liljert", "Chief of Mission, IOM China", "国际移民组织驻华联络处主任", "iom"),
        ],
        "status": Status.PUBLISHED,
        "published_at": None,
    },
    {
        # The press release gives no date. The launch is recorded by year only (2019: the first
        # phase ran "between 2015 and 2018"); no month or day is invented.
        "slug": "launch-mmsp-phase-2",
        "sources": (
            "IOM press release \"EU-China Dialogue on Migration and Mobility Support Project Phase II "
            "Launched\" (English; undated: the date is not known). 43 participants. Pillars: the four "
            "topics the release says the phase covers."
        ),
        "pillars_editorial": False,
        "phase": 2,
        "type": EventType.LAUNCH,
        "pillars": ["p2-regular-migration", "p2-irregular-migration", "p2-migration-policy", "p2-research"],
        "title_en": "Launch of the EU-China Dialogue on Migration and Mobility Support Project Phase II",
        "title_zh_hans": "第二期支持中欧人员往来和移民领域对话项目启动",
        "summary_en": (
            "IOM in China officially launched MMSP Phase II in Beijing, bringing together 43 European and "
            "Chinese participants from the EU, the embassies of EU Member States and Schengen Area countries "
            "and five Chinese ministries and administrations."
        ),
        "summary_zh_hans": (
            "国际移民组织在北京正式启动第二期支持中欧人员往来和移民领域对话项目，来自欧盟、"
            "欧盟成员国和申根国家驻华使馆以及中国五个部委和机构的43名中欧代表出席。"
        ),
        "body_en": (
            "<p>IOM in China officially launched the EU-China Dialogue on Migration and Mobility Support "
            "Project (MMSP) Phase II, a three-year initiative funded by the EU Partnership Instrument and "
            "implemented by IOM. Building on the achievements of the first phase, conducted between 2015 and "
            "2018, the second phase continues to support Chinese and EU partners on matters of mutual "
            "interest to the EU-China Dialogue on Migration and Mobility, covering regular migration, "
            "irregular migration, migration policy and research.</p>"
            "<p>The launch brought together 43 European and Chinese participants, including representatives "
            "of the EU, EU Member States and Schengen Area embassies in China, as well as the Ministry of "
            "Foreign Affairs, the National Immigration Administration, the Ministry of Public Security, the "
            "Ministry of Science and Technology and the Ministry of Culture and Tourism. Senior officials of "
            "the EU Foreign Policy Instruments from Brussels and Bangkok also attended.</p>"
            "<p>At the opening, H.E. Nicolas Chapuis, EU Ambassador to China, and Mr Yang Tao of the "
            "Ministry of Foreign Affairs committed to support the new project, a very good platform to "
            "jointly face the challenge of realizing safe, orderly and regular migration. IOM China Chief of "
            "Mission Giuseppe Crocetti noted that international migration is a top priority for both China "
            "and the EU, and MMSP II Programme Manager Laura Scorretti introduced the project's objectives, "
            "framework, focus areas and work plan.</p>"
            "<p>The representatives of the NIA, the Office to Combat Trafficking of the MPS and the MFA "
            "stressed their willingness to continue the project, expected to strengthen cooperation in "
            "information sharing, border management and capacities to promote regular migration, while "
            "curbing irregular flows and jointly combatting trans-border organized crime, in particular "
            "human trafficking. Ms Nona Deprez, Head of the Partnership Instrument Unit at the European "
            "Commission, said that expectations for the project are high, as its first phase achieved "
            "important results.</p>"
        ),
        "body_zh_hans": (
            "<p>国际移民组织驻华联络处正式启动第二期支持中欧人员往来和移民领域对话项目（MMSP II）。"
            "该项目为期三年，由欧盟伙伴关系项目资助，国际移民组织负责执行。"
            "第二期项目在2015至2018年开展的第一期成果基础上，"
            "继续就中欧人员往来和移民领域对话中双方共同关心的问题向中欧合作伙伴提供支持，议题涵盖正常移民、"
            "非正常移民、移民政策和研究。</p>"
            "<p>启动会汇聚了43名中欧代表，包括欧盟、欧盟成员国和申根国家驻华使馆的代表，以及外交部、"
            "国家移民管理局、公安部、科学技术部和文化和旅游部的代表。"
            "欧盟外交政策实施署来自布鲁塞尔和曼谷的高级官员也出席了活动。</p>"
            "<p>开幕式上，欧盟驻华大使郁白和外交部 Yang Tao 先生承诺支持新项目，"
            "认为该项目是共同应对实现安全、"
            "有序和正常移民这一挑战的良好平台。国际移民组织驻华联络处主任 Giuseppe Crocetti 指出，"
            "国际移民是中国和欧盟的共同优先事项；第二期项目经理 Laura Scorretti 介绍了项目的目标、框架、"
            "关注领域和工作计划。</p>"
            "<p>国家移民管理局、公安部打拐办和外交部的代表表示愿意继续实施第二期项目，期待在信息共享、"
            "边境管理和促进正常移民的能力建设等方面加强合作，同时遏制非正常移民流动，共同打击跨境有组织犯罪，"
            "特别是人口贩运。欧盟委员会伙伴关系项目处处长 Nona Deprez 女士表示，项目第一期取得了重要成果，"
            "各方对本项目寄予厚望。</p>"
        ),
        # Not known: the phase's stored span, never shown (see phases.py).
        "start_date": datetime.date(2019, 1, 1),
        "end_date": datetime.date(2023, 6, 30),
        "date_precision": DatePrecision.UNKNOWN,
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "venue_en": "",
        "venue_zh_hans": "",
        "country": "CN",
        "agencies": [
            ("iom", ORGANISER),
            ("eu", FUNDER),
            ("eu-delegation-china", PARTICIPATING),
            ("fpi", PARTICIPATING),
            ("mfa", PARTICIPATING),
            ("nia", PARTICIPATING),
            ("mps", PARTICIPATING),
            ("mps-oct", PARTICIPATING),
            ("most", PARTICIPATING),
            ("mct", PARTICIPATING),
        ],
        "participants_total": 43,  # "The launch brought together 43 European and Chinese participants"
        "participants_women": None,
        "participants_men": None,
        "participants_eu": None,
        "participants_china": None,
        "participants": [
            _speaker(
                "Nicolas Chapuis",
                "Ambassador of the European Union to China",
                "欧盟驻华大使",
                "eu-delegation-china",
                name_zh_hans="郁白",
            ),
            _speaker("Yang Tao", "Ministry of Foreign Affairs", "外交部", "mfa"),
            _speaker("Giuseppe Crocetti", "Chief of Mission, IOM China", "国际移民组织驻华联络处主任", "iom"),
            _speaker(
                "Laura Scorretti", "Programme Manager, MMSP II, IOM", "国际移民组织第二期项目经理", "iom"
            ),
            _speaker(
                "Nona Deprez",
                "Head of the Partnership Instrument Unit, European Commission",
                "欧盟委员会伙伴关系项目处处长",
                "fpi",
            ),
        ],
        "status": Status.PUBLISHED,
        "published_at": None,
    },
    {
        # Newsletter 11: "from 20 to 23 February 2023"; no participant count is given.
        "slug": "field-visit-hainan-2023",
        "sources": (
            "Newsletter 11 (MMSP II, May 2022 - June 2023), \"MMSP II events\": \"Field visit for "
            "representatives of EU Member States and Schengen Area countries to Hainan province\", "
            "20-23 February 2023; no participant count. Places: Haikou (main city), Yangpu, Sanya. "
            "Pillar: the project team's reading."
            " Body: the newsletter's own text, word for word (extraction breaks mended; the "
            "document's wording and slips kept). The newsletter is in English only: the Chinese "
            "body is left empty for translators."
        ),
        "pillars_editorial": True,
        "phase": 2,
        "type": EventType.FIELD_VISIT,
        "pillars": ["p2-regular-migration"],
        "title_en": "Field visit for representatives of EU Member States and Schengen Area countries to "
        "Hainan province",
        "title_zh_hans": "欧盟成员国和申根国家代表赴海南省考察",
        "summary_en": (
            "Consuls, visa officers and immigration liaison officers from twelve European embassies visited "
            "Hainan province to learn about immigration inspection and the policies that attract foreign "
            "talent and investment to the Hainan Free Trade Port."
        ),
        "summary_zh_hans": (
            "来自十二个欧洲国家驻华使馆的领事、签证官和移民联络官赴海南省考察，"
            "了解出入境边防检查工作以及海南自由贸易港吸引外国人才和外商投资的政策。"
        ),
        "body_en": (
            "<p>IOM organized a field visit to Hainan province from 20 to 23 February 2023 in close "
            "coordination with and support from NIA. Participants included Consuls, Visa Officers and "
            "Immigration Liaison Officers from the Embassies of Austria, Belgium, Croatia, Denmark, Finland, "
            "Germany, Hungary, Iceland, the Netherlands, Portugal, Spain and Sweden as well as IOM China "
            "representatives and NIA officers. Participants visited Meilan International Airport, Hainan "
            "University, Immigration Service Center of Haikou, Hainan Ecological Software Park, Yangpu "
            "Government Affairs Service Centre, Yangpu International Port, Yazhou Bay Science and Technology "
            "City, Sanya Central Business District. Meetings were held with provincial and local government "
            "officials, foreign students, foreign teachers and representatives of the international business "
            "community.</p><p>Through the visit, European participants were able to familiarize themselves "
            "with immigration inspection policies, learn about policies applied to attract and retain "
            "foreign talent and foreign investments as well as specific services provided by the Exit and "
            "Entry Administration to foreigners in Hainan province while exchanging views on a number of "
            "topics with their Chinese counterparts.</p><p>Mr. Wang Haixing, Director General of Haikou "
            "General Station of Immigration Inspection, expressed interest in strengthening cooperation and "
            "exchanges with the immigration inspection authorities of EU Member States and Schengen Area "
            "countries, IOM and other international organizations to jointly maintain and further promote "
            "regular and orderly international mobility.</p><p>Mr. Lin Zhaonan, Director of the "
            "International Cooperation Division of the International Cooperation Department of NIA, stressed "
            "that the visit paved the way for further cooperation between the EU and China. Mr. Giuseppe "
            "Crocetti, Chief of Mission for IOM in China, noted that the Hainan Free Trade Port is a useful "
            "example of China's continued reform and opening-up in the context of the ongoing dialogue on "
            "migration and mobility between China and the EU.</p>"
        ),
        # The newsletter is in English: no source gives this text in Chinese, so the Chinese
        # page shows the English, marked, and the record waits in the translators' queue.
        "body_zh_hans": "",
        "start_date": datetime.date(2023, 2, 20),
        "end_date": datetime.date(2023, 2, 23),
        "date_precision": DatePrecision.DAY,
        "city_en": "Haikou",
        "city_zh_hans": "海口",
        "places_en": "Yangpu, Sanya",
        "places_zh_hans": "洋浦、三亚",
        "venue_en": "",
        "venue_zh_hans": "",
        "country": "CN",
        "agencies": [
            ("iom", ORGANISER),
            ("nia", CO_ORGANISER),
            ("eu", FUNDER),
            ("nia-icd", PARTICIPATING),
            ("haikou-station", PARTICIPATING),
            *[(embassy, PARTICIPATING) for embassy in HAINAN_EMBASSIES],
        ],
        "participants_total": None,
        "participants_women": None,
        "participants_men": None,
        "participants_eu": None,
        "participants_china": None,
        "participants": [
            _speaker(
                "Wang Haixing",
                "Director General, Haikou General Station of Immigration Inspection",
                "海口出入境边防检查总站总站长",
                "haikou-station",
            ),
            _speaker(
                "Lin Zhaonan",
                "Director, International Cooperation Division, International Cooperation Department, NIA",
                "国家移民管理局国际合作司国际合作处处长",
                "nia-icd",
            ),
            _speaker("Giuseppe Crocetti", "Chief of Mission, IOM China", "国际移民组织驻华联络处主任", "iom"),
        ],
        "status": Status.PUBLISHED,
        "published_at": None,
    },
    {
        # Newsletter 11: "In April 2023 ...": the month only, so month precision, 1-30 April.
        "slug": "iom-director-general-visit-china-2023",
        "sources": (
            "Newsletter 11: \"In April 2023 the Director General of the IOM ... carried out a high-level "
            "visit to China\" (month only; no city). The newsletter does not file it under \"MMSP II "
            "events\"; the project link it states is DG Vitorino commending support \"including MMSP "
            "related initiatives\"."
            " Body: the newsletter's own text, word for word (extraction breaks mended; the "
            "document's wording and slips kept). The newsletter is in English only: the Chinese "
            "body is left empty for translators."
        ),
        "pillars_editorial": False,
        "phase": 2,
        "type": EventType.HIGH_LEVEL_VISIT,
        "pillars": [],
        "title_en": "High-level visit of the IOM Director General to China",
        "title_zh_hans": "国际移民组织总干事高级别访华",
        "summary_en": (
            "IOM Director General António Vitorino visited China and held talks with senior Chinese "
            "government officials, including Vice-Minister of Public Security and NIA Commissioner Xu Ganlu."
        ),
        "summary_zh_hans": (
            "国际移民组织总干事安东尼奥·维托里诺访华，与中国政府高级官员举行会谈，包括公安部副部长、"
            "国家移民管理局局长许甘露。"
        ),
        "body_en": (
            "<p>In April 2023 the Director General of the IOM, Mr. António Vitorino, carried out a "
            "high-level visit to China, where he met with senior Chinese government officials.</p><p>During "
            "his second visit to China since 2019, Director General held talks with high level officials of "
            "the Chinese government including H.E. Mr. Xu Ganlu, Vice-Minister of Public Security and "
            "Commissioner of the NIA.</p><p>Director General Vitorino commended China's commitment to the "
            "GCM and the strong support to IOM's work and priorities, including MMSP related initiatives.</p>"
        ),
        # The newsletter is in English: no source gives this text in Chinese, so the Chinese
        # page shows the English, marked, and the record waits in the translators' queue.
        "body_zh_hans": "",
        "start_date": datetime.date(2023, 4, 1),
        "end_date": datetime.date(2023, 4, 30),
        "date_precision": DatePrecision.MONTH,
        "city_en": "",  # the newsletter says "China" only
        "city_zh_hans": "",
        "venue_en": "",
        "venue_zh_hans": "",
        "country": "CN",
        "agencies": [
            ("iom", ORGANISER),
            ("mps", PARTICIPATING),
            ("nia", PARTICIPATING),
        ],
        "participants_total": None,
        "participants_women": None,
        "participants_men": None,
        "participants_eu": None,
        "participants_china": None,
        "participants": [
            _speaker(
                "António Vitorino",
                "Director General, International Organization for Migration",
                "国际移民组织总干事",
                "iom",
                name_zh_hans="安东尼奥·维托里诺",
            ),
            _speaker(
                "Xu Ganlu",
                "Vice-Minister of Public Security and Commissioner of the National Immigration "
                "Administration",
                "公安部副部长、国家移民管理局局长",
                "nia",
                name_zh_hans="许甘露",
            ),
        ],
        "status": Status.PUBLISHED,
        "published_at": None,
    },
    {
        # Newsletter 11: "held on 12-13 April 2023 in Beijing"; no participant count is given.
        "slug": "seminar-trafficking-organized-crime-2023",
        "sources": (
            "Newsletter 11, \"MMSP II events\": Seminar on cross-country cooperation to fight "
            "transnational organized crime, 12-13 April 2023, Beijing; no participant count. Pillar: the "
            "project team's reading (the newsletter calls trafficking \"this form of irregular movement "
            "of people\")."
            " Body: the newsletter's own text, word for word (extraction breaks mended; the "
            "document's wording and slips kept). The newsletter is in English only: the Chinese "
            "body is left empty for translators."
        ),
        "pillars_editorial": True,
        "phase": 2,
        "type": EventType.SEMINAR,
        "pillars": ["p2-irregular-migration"],
        "title_en": "Seminar on cross-country cooperation to fight transnational organized crime: "
        "experiences of investigation, prosecution and conviction of trafficking in human beings cases",
        "title_zh_hans": "跨国合作打击跨国有组织犯罪研讨会：人口贩运案件侦查、起诉和定罪经验",
        "summary_en": (
            "European and Chinese law enforcement, judicial and prosecution officials and experts shared "
            "their policies and practices on investigating, prosecuting and convicting trafficking in human "
            "beings, and expressed their willingness to strengthen information sharing."
        ),
        "summary_zh_hans": (
            "中欧执法、审判和检察部门官员及专家交流了人口贩运案件侦查、起诉和定罪方面的政策与实践，"
            "并表示愿意加强信息共享。"
        ),
        "body_en": (
            "<p>The Seminar on “Cross-country cooperation to fight transnational organized crime: "
            "experiences of investigation, prosecution and conviction of trafficking in human beings' cases” "
            "was held on 12-13 April 2023 in Beijing, China. The event was organized by the IOM in close "
            "coordination with and support from the Office to Combat Trafficking of the Ministry of Public "
            "Security (MPS OCT).</p><p>The seminar was carried out to contribute to cross-border cooperation "
            "in preventing and combatting transnational organized crime of trafficking in human beings. "
            "Participants of the event have strengthened knowledge and understanding on criminal "
            "investigation, prosecution and conviction of human trafficking to better prevent this form of "
            "irregular movement of people. Using the communication platform provided by the seminar, "
            "counterparts have discussed the latest developments as well as challenges in detecting and "
            "convicting perpetrators, while rescuing victims of trafficking.</p><p>By sharing European and "
            "Chinese policies, practices, approaches related to investigation and good practices on handling "
            "cases of trafficking of human beings, both parties enhanced understanding and knowledge of "
            "issues and trends related to this type of crime. Both sides expressed willingness to strengthen "
            "information sharing and to continue effectively cooperate to jointly fight again human "
            "trafficking in order to effectively curb illegal activities at transnational "
            "level.</p><p>Representatives of the Criminal Investigation Department of the MPS, MPS OCT, "
            "Supreme People's Court, Supreme People's Procuratorate, Ministry of Civil Affairs, National "
            "Immigration Administration, International Cooperation Bureau of MPS, Public Security and "
            "Management Bureau of MPS, Henan and Guangdong Provincial Public Security Departments, China "
            "University of Political Science and Law and Beijing Yuanmeng Foundation were in "
            "attendance.</p><p>European participants have been represented by the officials from the "
            "European Commission, DG HOME, experts from the Europol, Eurojust, EMPACT, as well as by the law "
            "enforcement professionals from a number of EU countries as well as by the representatives of "
            "the EU Member States' Embassies in China. The seminar had also provided experts with an "
            "opportunity to re-establish existing and establish new contacts to support their future "
            "cooperation in joint fight against human trafficking.</p>"
        ),
        # The newsletter is in English: no source gives this text in Chinese, so the Chinese
        # page shows the English, marked, and the record waits in the translators' queue.
        "body_zh_hans": "",
        "start_date": datetime.date(2023, 4, 12),
        "end_date": datetime.date(2023, 4, 13),
        "date_precision": DatePrecision.DAY,
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "venue_en": "",
        "venue_zh_hans": "",
        "country": "CN",
        "agencies": [
            ("iom", ORGANISER),
            ("mps-oct", CO_ORGANISER),
            ("eu", FUNDER),
            ("mps-cid", PARTICIPATING),
            ("spc", PARTICIPATING),
            ("spp", PARTICIPATING),
            ("mca", PARTICIPATING),
            ("nia", PARTICIPATING),
            ("mps-icb", PARTICIPATING),
            ("mps-psmb", PARTICIPATING),
            ("henan-psd", PARTICIPATING),
            ("guangdong-psd", PARTICIPATING),
            ("cupl", PARTICIPATING),
            ("yuanmeng", PARTICIPATING),
            ("ec", PARTICIPATING),
            ("dg-home", PARTICIPATING),
            ("europol", PARTICIPATING),
            ("eurojust", PARTICIPATING),
            ("empact", PARTICIPATING),
        ],
        "participants_total": None,
        "participants_women": None,
        "participants_men": None,
        "participants_eu": None,
        "participants_china": None,
        "participants": [],
        "status": Status.PUBLISHED,
        "published_at": None,
    },
    {
        # Newsletter 11: "On 9-10 May 2023 ... in Hangzhou"; "Over 30 representatives" of the
        # Chinese side attended: not exact, so no figure is recorded.
        "slug": "seminar-migrant-integration-2023",
        "sources": (
            "Newsletter 11, \"Project highlights\": Seminar on Migrant Integration, 9-10 May 2023, "
            "Hangzhou. \"Over 30 representatives\" of the Chinese side: China side over 30, total not "
            "known. Pillar: the project team's reading."
            " Body: the newsletter's own text, word for word (extraction breaks mended; the "
            "document's wording and slips kept). The newsletter is in English only: the Chinese "
            "body is left empty for translators."
        ),
        "pillars_editorial": True,
        "phase": 2,
        "type": EventType.SEMINAR,
        "pillars": ["p2-regular-migration"],
        "title_en": "Seminar on Migrant Integration",
        "title_zh_hans": "移民融合研讨会",
        "summary_en": (
            "Over 30 representatives of the National Immigration Administration and provincial authorities "
            "discussed migrant integration with IOM experts and European and Korean specialists in Hangzhou."
        ),
        "summary_zh_hans": (
            "国家移民管理局和各省有关部门的30余名代表在杭州与国际移民组织专家及欧洲和韩国专家"
            "探讨移民融合问题。"
        ),
        "body_en": (
            "<p>On 9-10 May 2023 a Seminar on Migrant Integration was held in Hangzhou, China. Over 30 "
            "representatives of China's National Immigration Administration (NIA), Exit and Entry "
            "Administration Bureaus of provincial Public Security Departments and other provincial "
            "organizations were in attendance. IOM experts from the organization's headquarters, regional "
            "and country offices took part and presented on various topics linked with migrant integration, "
            "focusing on IOM approaches and programming.</p><p>The seminar also covered and addressed "
            "experience and practical knowledge on migrant integration through the implementation of "
            "multilateral instruments such as the UN Global Compact for Safe, Orderly and Regular Migration "
            "(GCM).</p><p>Representatives of the Chinese government showcased innovative approaches used to "
            "support integration of migrants in Shanghai and in Zhejiang provinces of China. Other foreign "
            "experts from the Migration Research and Training Center in the Republic of Korea, the Migration "
            "Policy Institute in Belgium, the Expert Council on Integration and Migration in Germany, the "
            "Emet Arco Iris Foundation in Spain, and the Entraide Pierre Valdo Association in France, "
            "contributed by sharing their views and perspectives on EU countries' experience on migrant "
            "integration, including in the Netherlands, Germany, Spain and France.</p><p>Both IOM and NIA "
            "have stressed the importance of information-sharing and further communications and exchanges in "
            "this area. Mr. Mao Xu, Director General of Department of Foreigners Administration of NIA, "
            "stated that with the world becoming a “global village”, immigration is seen as important "
            "driving force for global development. He noted that migration is an important force to "
            "stimulate innovation, promote economic development and global inclusive growth, as well as to "
            "enhance mutual understanding and cultural integration among countries.</p><p>Mr. Giuseppe "
            "Crocetti, Chief of Mission for IOM China, recalled that IOM views successful integration as a "
            "dynamic two-way process that involves mutual adaptation of migrants and the host society based "
            "on principles of protection of fundamental rights, respect, tolerance and "
            "non-discrimination.</p><p>Overall, the seminar provided a valuable platform for Chinese and "
            "foreign participants to share good practices and to discuss common challenges and opportunities "
            "in the field of migrant integration.</p>"
        ),
        # The newsletter is in English: no source gives this text in Chinese, so the Chinese
        # page shows the English, marked, and the record waits in the translators' queue.
        "body_zh_hans": "",
        "start_date": datetime.date(2023, 5, 9),
        "end_date": datetime.date(2023, 5, 10),
        "date_precision": DatePrecision.DAY,
        "city_en": "Hangzhou",
        "city_zh_hans": "杭州",
        "venue_en": "",
        "venue_zh_hans": "",
        "country": "CN",
        "agencies": [
            ("iom", ORGANISER),
            ("eu", FUNDER),
            ("nia", PARTICIPATING),
            ("nia-dfa", PARTICIPATING),
            ("mrtc", PARTICIPATING),
            ("mpi-europe", PARTICIPATING),
            ("svr", PARTICIPATING),
            ("emet-arco-iris", PARTICIPATING),
            ("entraide-pierre-valdo", PARTICIPATING),
        ],
        "participants_total": None,
        "participants_qualifier": ParticipantsQualifier.OVER,  # "Over 30 representatives"
        "participants_women": None,
        "participants_men": None,
        "participants_eu": None,
        "participants_china": 30,
        "participants": [
            _speaker(
                "Mao Xu",
                "Director General, Department of Foreigners Administration, NIA",
                "国家移民管理局外国人管理司司长",
                "nia-dfa",
            ),
            _speaker("Giuseppe Crocetti", "Chief of Mission, IOM China", "国际移民组织驻华联络处主任", "iom"),
        ],
        "status": Status.PUBLISHED,
        "published_at": None,
    },
    {
        # Newsletter 11: "On 27 June 2023 in Beijing"; "25 Chinese representatives" (China side
        # only; EU embassy representatives and European speakers also attended, total unknown).
        "slug": "seminar-border-management-systems-2023",
        "sources": (
            "Newsletter 11, \"MMSP II events\": Seminar on border management systems to combat illegal "
            "movements at ports of entry, 27 June 2023, Beijing. \"25 Chinese representatives\": China "
            "side 25, total not known. Pillar: the project team's reading."
            " Body: the newsletter's own text, word for word (extraction breaks mended; the "
            "document's wording and slips kept). The newsletter is in English only: the Chinese "
            "body is left empty for translators."
        ),
        "pillars_editorial": True,
        "phase": 2,
        "type": EventType.SEMINAR,
        "pillars": ["p2-irregular-migration"],
        "title_en": "Seminar on border management systems to combat illegal movements at ports of entry",
        "title_zh_hans": "边境管理系统打击口岸非法出入境研讨会",
        "summary_en": (
            "IOM and the NIA brought together 25 Chinese representatives of immigration inspection "
            "authorities with European experts and EU Member States' embassies to compare the border "
            "management systems used against irregular migration at ports of entry."
        ),
        "summary_zh_hans": (
            "国际移民组织与国家移民管理局联合举办研讨会，25名中方出入境边防检查部门代表与欧洲专家及欧盟成员国"
            "驻华使馆代表一道，交流在口岸打击非正常移民的边境管理系统。"
        ),
        "body_en": (
            "<p>On 27 June 2023 in Beijing, the IOM and the NIA have jointly organized a Seminar on border "
            "management systems (BMS) to combat illegal movements at ports of entry (POEs).</p><p>The "
            "activity brought together 25 Chinese representatives from the Department of Immigration "
            "Inspection and Border Control of NIA, Exit and Entry Administration Bureaus of Beijing, "
            "Tianjin, Shanghai, Hebei and Shandong provinces as well as from the General Stations of "
            "Immigration Inspection in these cities and provinces.</p><p>Keynote speakers stressed the "
            "overall importance of the MMSP and the value of the this Seminar in particular in further "
            "facilitation of EU - China technical exchanges in the area of migration and mobility. Mr. Chi "
            "Jingyang, Director-General of the Department of immigration Inspection and Border Control of "
            "NIA, Ms. Maria Linder, Head of Political, Press and Information Section of the Delegation of "
            "the EU to the People's Republic of China and Mr. Andrei Zaitsev, Officer-in-Charge and "
            "Programme Manager of the IOM in China spoke at the opening. They all highlighted the relevance "
            "of information exchange and intelligence-sharing, as well as the importance of solid "
            "international cooperation to successfully combat irregular migration.</p><p>European experts "
            "from Austrian Federal Ministry of the Interior, Embassy of the Federal Republic of Germany in "
            "China and Portuguese Immigration and Borders Service were invited as speakers. European and "
            "Chinese speakers introduced current approaches and measures taken to strengthen intelligence "
            "exchange and law enforcement cooperation against irregular migration at the POEs. "
            "Representatives from EU Member States' Embassies in China also attended the seminar to exchange "
            "views with their Chinese counterparts. Additionally, IOM presented examples of successful "
            "models of integrated border management such as the Border Risk Assessment Centre in Colombo, "
            "established in Sri Lanka as a result of close cooperation of the government and "
            "IOM.</p><p>Discussions and exchanges carried out during the seminar significantly increased "
            "familiarity and understanding of Chinese and EU officials about their respective systems used "
            "for border control. Presentations provided detailed features of the BMS focusing on their "
            "effectiveness in addressing irregular migration, including the most recent developments in the "
            "field, as well as the latest trends and challenges.</p><p>All participants expressed their "
            "willingness to continue exchange on effective implementation of BMS to strengthen coordinated "
            "international response to irregular migration. The professional exchanges that the Seminar "
            "facilitated laid a good foundation for further cooperation among the parties in the future.</p>"
        ),
        # The newsletter is in English: no source gives this text in Chinese, so the Chinese
        # page shows the English, marked, and the record waits in the translators' queue.
        "body_zh_hans": "",
        "start_date": datetime.date(2023, 6, 27),
        "end_date": datetime.date(2023, 6, 27),
        "date_precision": DatePrecision.DAY,
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "venue_en": "",
        "venue_zh_hans": "",
        "country": "CN",
        "agencies": [
            ("iom", ORGANISER),
            ("nia", CO_ORGANISER),
            ("eu", FUNDER),
            ("nia-dbc", PARTICIPATING),
            ("eu-delegation-china", PARTICIPATING),
            ("at-bmi", PARTICIPATING),
            ("embassy-de", PARTICIPATING),
            ("pt-sef", PARTICIPATING),
        ],
        # "25 Chinese representatives": the China-side count; the total is not known.
        "participants_total": None,
        "participants_women": None,
        "participants_men": None,
        "participants_eu": None,
        "participants_china": 25,
        "participants": [
            _speaker(
                "Chi Jingyang",
                "Director-General, Department of Immigration Inspection and Border Control, NIA",
                "国家移民管理局边防检查管理司司长",
                "nia-dbc",
                role=ParticipantRole.KEYNOTE,
            ),
            _speaker(
                "Maria Linder",
                "Head of the Political, Press and Information Section, Delegation of the EU to China",
                "欧盟驻华代表团政治、新闻和信息处处长",
                "eu-delegation-china",
                role=ParticipantRole.KEYNOTE,
            ),
            _speaker(
                "Andrei Zaitsev",
                "Officer-in-Charge and Programme Manager, IOM China",
                "国际移民组织驻华联络处代理负责人兼项目经理",
                "iom",
                role=ParticipantRole.KEYNOTE,
            ),
        ],
        "status": Status.PUBLISHED,
        "published_at": None,
    },
]

for _event in EVENTS:
    _event.setdefault("participants_qualifier", ParticipantsQualifier.EXACT)
    _event.setdefault("places_en", "")
    _event.setdefault("places_zh_hans", "")
