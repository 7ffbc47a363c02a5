"""Every admin import and export, through the admin's own views.

A file exported and imported again changes nothing, in CSV and XLSX, for every resource; an edit
changes only what was edited; headings are names in the user's language, and either language's
headings import; an unknown agency, pillar or phase is named on its row and column and nothing is
imported; each group's limits hold on import and export.
"""

import datetime
import io
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from openpyxl import load_workbook

from activities.models import Event, EventAgency, Participant
from activities.resources import EventResource, ParticipantResource
from core.spreadsheets import EXPORT_FORMATS, IMPORT_FORMATS, SafeCSV, SafeTSV, SafeXLSX
from partners.models import PartnerAgency
from partners.resources import PartnerAgencyResource
from tests.factories import (
    EventAgencyFactory,
    EventFactory,
    ParticipantFactory,
    PartnerAgencyFactory,
    PhaseFactory,
    PillarFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
BOM = "\ufeff".encode()
RESOURCES = {
    "activities": ("admin:activities_event", EventResource),
    "participants": ("admin:activities_participant", ParticipantResource),
    "partner agencies": ("admin:partners_partneragency", PartnerAgencyResource),
}
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def content():
    """Records with every kind of value an export writes: both languages, roles, formulas, figures."""
    phase = PhaseFactory(number=2, start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2023, 6, 30))
    labour = PillarFactory(phase=phase, slug="labour-migration")
    irregular = PillarFactory(phase=phase, slug="irregular-migration")
    mps = PartnerAgencyFactory(
        slug="mps", acronym_en="MPS", name_en="Ministry of Public Security", name_zh_hans="公安部"
    )
    iom = PartnerAgencyFactory(
        slug="iom",
        acronym_en="IOM",
        acronym_zh_hans="国际移民组织",
        name_en="International Organization for Migration",
        name_zh_hans="国际移民组织",
        country="CH",
        website="https://www.iom.int/",
        description_en="- an intergovernmental body\n- =not a formula; @not either",
        description_zh_hans="联合国移民机构。",
    )
    nia = PartnerAgencyFactory(
        slug="nia",
        acronym_en="NIA",
        name_en="National Immigration Administration",
        name_zh_hans="国家移民管理局",
        parent=mps,
    )
    delegation = PartnerAgencyFactory(
        slug="eu-delegation",
        acronym_en="",
        name_en="EU Delegation to China",
        name_zh_hans="欧盟驻华代表团",
        side="eu",
    )
    event = EventFactory(
        phase=phase,
        slug="labour-seminar",
        title_en="Seminar on labour migration",
        title_zh_hans="劳务移民研讨会",
        summary_en="- first point\n- second point",
        summary_zh_hans="第一点。\n\n第二点。",
        body_en="<p>One</p><p>Two</p>",
        body_zh_hans="<p>一</p>",
        places_en="Haikou, Sanya",
        places_zh_hans="海口、三亚",
        venue_en="Hotel",
        venue_zh_hans="酒店",
        participants_total=40,
        participants_women=22,
        participants_men=18,
        participants_eu=10,
        participants_china=30,
        participants_qualifier="about",
        pillars=[labour, irregular],
    )
    for order, (agency, role) in enumerate(
        [(iom, "organiser"), (nia, "co_organiser"), (delegation, "funder")]
    ):
        EventAgencyFactory(event=event, agency=agency, role=role, order=order)
    EventFactory(phase=phase, slug="bare-visit", title_zh_hans="", summary_zh_hans="", status="draft")
    ParticipantFactory(
        event=event,
        name_en="Zhang Wei",
        name_zh_hans="张伟",
        agency=nia,
        role="speaker",
        gender="man",
        phone="+86 10 1234 5678",
        email="zhang@example.org",
        consent_to_publish=True,
    )
    ParticipantFactory(event=event, name_en=FORMULA, organisation_en=f"IOM; {FORMULA}", country="FR")
    return event


def snapshot():
    """Everything an import could change, the history included."""
    models = (PartnerAgency, Event, EventAgency, Participant, Event.pillars.through)
    with override("en"):  # modeltranslation's values() reads "name" in the active language
        state = {model.__name__: list(model.objects.order_by("pk").values()) for model in models}
    state["history"] = [model.history.count() for model in (PartnerAgency, Event, EventAgency, Participant)]
    return state


def export(client, prefix, resource, file_format, headers=EN):
    name = resource.__name__.lower()
    response = client.post(
        reverse(f"{prefix}_export"),
        {
            "format": str(EXPORT_FORMATS.index(file_format)),
            "resource": "0",
            **{f"{name}_{field}": "on" for field in resource().get_export_order()},
        },
        **headers,
    )
    assert response.status_code == 200
    return response.content


def preview(client, prefix, data, file_format, headers=EN):
    extension = file_format().get_extension()
    upload = SimpleUploadedFile(f"upload.{extension}", data)
    return client.post(
        reverse(f"{prefix}_import"),
        {"import_file": upload, "format": str(IMPORT_FORMATS.index(file_format)), "resource": "0"},
        **headers,
    )


def import_file(client, prefix, data, file_format, headers=EN):
    """Preview and confirm, as staff do; the preview's result."""
    shown = preview(client, prefix, data, file_format, headers)
    assert shown.status_code == 200
    confirm = shown.context["confirm_form"]
    assert confirm is not None, shown.content.decode()
    response = client.post(
        reverse(f"{prefix}_process_import"),
        {name: confirm[name].value() for name in confirm.fields},
        **headers,
    )
    assert response.status_code == 302
    return shown.context["result"]


def _import_format(file_format):
    return {SafeCSV: IMPORT_FORMATS[0], SafeXLSX: IMPORT_FORMATS[1], SafeTSV: IMPORT_FORMATS[2]}[file_format]


@pytest.mark.parametrize("file_format", [SafeCSV, SafeXLSX, SafeTSV], ids=["csv", "xlsx", "tsv"])
@pytest.mark.parametrize("which", list(RESOURCES))
def test_export_then_import_changes_nothing(admin_client, content, which, file_format):
    prefix, resource = RESOURCES[which]
    data = export(admin_client, prefix, resource, file_format)
    before = snapshot()

    result = import_file(admin_client, prefix, data, _import_format(file_format))

    assert result.totals["skip"] == len(result.rows) > 0
    assert snapshot() == before


def test_every_registered_import_is_covered_by_the_round_trip():
    importing = {
        type(model_admin).__name__: model_admin.get_import_resource_classes(None)
        for model_admin in admin.site._registry.values()
        if hasattr(model_admin, "get_import_resource_classes")
    }
    covered = {resource for _, resource in RESOURCES.values()}
    assert {resource for resources in importing.values() for resource in resources} == covered


@pytest.mark.parametrize("which", list(RESOURCES))
def test_an_export_takes_as_many_queries_for_many_records_as_for_few(admin_client, content, which):
    prefix, resource = RESOURCES[which]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            export(admin_client, prefix, resource, SafeCSV)
        return len(captured)

    few = queries()
    mps, iom = PartnerAgency.objects.get(slug="mps"), PartnerAgency.objects.get(slug="iom")
    for _ in range(3):
        event = EventFactory(phase=content.phase, pillars=list(content.pillars.all()))
        EventAgencyFactory(event=event, agency=PartnerAgencyFactory(parent=mps))
        ParticipantFactory(event=event, agency=iom)
    assert queries() == few


def test_an_edited_export_changes_only_what_was_edited(admin_client, content):
    prefix, resource = RESOURCES["activities"]
    data = export(admin_client, prefix, resource, SafeCSV).decode("utf-8-sig")
    roles = list(EventAgency.objects.filter(event=content).values_list("agency__slug", "role", "order"))

    import_file(
        admin_client, prefix, data.replace("劳务移民研讨会", "劳务移民研讨会（修订）").encode(), SafeCSV
    )

    content.refresh_from_db()
    assert content.title_zh_hans == "劳务移民研讨会（修订）"
    assert (
        list(EventAgency.objects.filter(event=content).values_list("agency__slug", "role", "order")) == roles
    )
    assert sorted(content.pillars.values_list("slug", flat=True)) == [
        "irregular-migration",
        "labour-migration",
    ]
    assert content.participants_women == 22


@pytest.mark.parametrize("with_bom", [True, False], ids=["bom", "no-bom"])
def test_csv_export_has_a_byte_order_mark_and_import_takes_either(admin_client, content, with_bom):
    prefix, resource = RESOURCES["participants"]
    data = export(admin_client, prefix, resource, SafeCSV)
    assert data.startswith(BOM)
    assert "张伟" in data.decode("utf-8-sig")
    before = snapshot()

    import_file(admin_client, prefix, data if with_bom else data.removeprefix(BOM), SafeCSV)

    assert snapshot() == before


def test_headings_are_names_in_the_admin_language(admin_client, content):
    prefix, resource = RESOURCES["activities"]

    english = export(admin_client, prefix, resource, SafeCSV, EN).decode("utf-8-sig").splitlines()[0]
    chinese = export(admin_client, prefix, resource, SafeCSV, ZH).decode("utf-8-sig").splitlines()[0]

    assert "Title (English)" in english and "Partner agencies and roles" in english
    assert "标题（中文）" in chinese and "标题（英文）" in chinese and "合作机构及其角色" in chinese
    for code in ("title_zh_hans", "participants_eu", "Participants Eu"):
        assert code not in english and code not in chinese


def test_a_file_from_the_chinese_admin_imports_in_the_english_one(admin_client, content):
    prefix, resource = RESOURCES["activities"]
    data = export(admin_client, prefix, resource, SafeXLSX, ZH)
    header = [cell.value for cell in load_workbook(io.BytesIO(data)).active[1]]
    assert "标题（中文）" in header
    before = snapshot()

    result = import_file(admin_client, prefix, data, IMPORT_FORMATS[1], EN)

    assert result.totals["skip"] == 2
    assert snapshot() == before


@pytest.mark.parametrize("headers", [EN, ZH], ids=["en", "zh-hans"])
def test_import_and_export_pages_show_no_field_codes(admin_client, headers):
    for prefix, _ in RESOURCES.values():
        for page in ("_import", "_export"):
            html = admin_client.get(reverse(prefix + page), **headers).content.decode()
            visible = re.sub(r"<[^>]*>", " ", html)  # what staff read, not the form's input names
            for code in ("title_zh_hans", "name_en", "participants_eu", "Participants Eu", "Title Zh Hans"):
                assert code not in visible, (prefix + page, code)


def test_the_chinese_import_page_lists_its_columns_the_chinese_way(admin_client):
    html = admin_client.get(reverse("admin:activities_event_import"), **ZH).content.decode()

    assert "标题（英文）、标题（中文）" in html


def activities_csv(*rows):
    header = "slug,phase,pillars,type,title_en,title_zh_hans,start_date,end_date,agencies\n"
    return (header + "".join(row + "\n" for row in rows)).encode()


def test_three_activities_with_their_agencies_import_with_roles(admin_client, content):
    data = activities_csv(
        "one,2,labour-migration,seminar,One,一,2022-01-10,2022-01-11,IOM (organiser); NIA (co_organiser)",
        "two,2,,seminar,Two,二,2022-02-10,2022-02-11,国际移民组织（主办方）",
        "three,2,,seminar,Three,三,2022-03-10,2022-03-11,EU-delegation (funder)",
    )

    import_file(admin_client, "admin:activities_event", data, SafeCSV)

    def roles(slug):
        return list(EventAgency.objects.filter(event__slug=slug).values_list("agency__slug", "role", "order"))

    assert roles("one") == [("iom", "organiser", 0), ("nia", "co_organiser", 1)]
    assert roles("two") == [("iom", "organiser", 0)]
    assert roles("three") == [("eu-delegation", "funder", 0)]


@pytest.mark.parametrize(
    ("headers", "texts"),
    [
        (
            EN,
            [
                "Some rows failed to validate",
                "Partner agencies and roles",
                "No partner agency with “Ministry of Magic” is known",
                "No phase with “9” is known",
                "Unknown pillars: no-such-pillar",
                "“boss” is not a role",
            ],
        ),
        (
            ZH,
            [
                "部分行的数据未通过验证",
                "合作机构及其角色",
                "找不到“Ministry of Magic”对应的合作机构",
                "找不到“9”对应的项目期",
                "未知的支柱领域：no-such-pillar",
                "“boss”不是可用的角色",
            ],
        ),
    ],
    ids=["en", "zh-hans"],
)
def test_unknown_agencies_pillars_and_phases_are_named_and_nothing_is_imported(
    admin_client, content, headers, texts
):
    before = snapshot()
    data = activities_csv(
        "one,2,,seminar,One,一,2022-01-10,2022-01-11,IOM (organiser)",
        "two,2,,seminar,Two,二,2022-02-10,2022-02-11,IOM (organiser); Ministry of Magic (host)",
        "three,9,no-such-pillar,seminar,Three,三,2022-03-10,2022-03-11,NIA (boss)",
    )

    shown = preview(admin_client, "admin:activities_event", data, SafeCSV, headers)

    html = shown.content.decode()
    assert shown.context.get("confirm_form") is None
    for text in texts:
        assert text in html, text
    invalid = {row.number: sorted(row.error_dict) for row in shown.context["result"].invalid_rows}
    assert list(invalid) == [2, 3]
    assert "某些行验数据证失败" not in html
    assert snapshot() == before


# --- Each group's limits ---------------------------------------------------------------------


def _viewer():
    user = StaffFactory()
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    return user


def _adder():
    user = _viewer()
    user.user_permissions.add(*Permission.objects.filter(codename__startswith="add_"))
    return user


@pytest.mark.parametrize(
    ("make_user", "may_import", "may_export"),
    [
        (lambda: StaffFactory(group="Editors"), True, True),
        (lambda: StaffFactory(group="Publishers"), True, True),
        (lambda: StaffFactory(group="Translators"), False, True),
        (_viewer, False, True),
        (_adder, False, True),  # an import changes records too: "add" alone is not enough
        (StaffFactory, False, False),
    ],
    ids=["editor", "publisher", "translator", "viewer", "add-only", "no-permission"],
)
def test_import_and_export_follow_each_group(client, content, make_user, may_import, may_export):
    client.force_login(make_user())
    for prefix, _resource in RESOURCES.values():
        data = activities_csv("new-one,2,,seminar,New,新,2022-01-10,2022-01-11,IOM (organiser)")
        page = client.get(reverse(prefix + "_import"), **EN)
        posted = preview(client, prefix, data, SafeCSV)
        confirmed = client.post(reverse(prefix + "_process_import"), {"import_file_name": "x", "format": "0"})
        exported = client.post(reverse(prefix + "_export"), {"format": "0", "resource": "0"})

        assert (page.status_code == 200) is may_import, prefix
        assert (posted.status_code == 200) is may_import, prefix
        if not may_import:
            assert page.status_code == posted.status_code == confirmed.status_code == 403, prefix
        assert (exported.status_code != 403) is may_export, prefix
    assert not Event.objects.filter(slug="new-one").exists() or may_import


def test_the_chinese_export_writes_choices_as_labels_and_they_import_back(admin_client, content):
    """Status, activity type and roles are labels in the user's language, not codes; a file of
    labels imports as its codes, in either admin (the round trip above covers English)."""
    prefix, resource = RESOURCES["activities"]
    data = export(admin_client, prefix, resource, SafeCSV, ZH).decode("utf-8-sig")

    assert "已发布" in data and "草稿" in data
    assert "（主办方）" in data or "（协办方）" in data
    for code in ("published", "draft", "organiser", "co_organiser"):
        assert not re.search(rf"\b{code}\b", data), code
    before = snapshot()

    result = import_file(admin_client, prefix, data.encode("utf-8-sig"), SafeCSV, EN)

    assert result.totals["skip"] == len(result.rows) > 0
    assert snapshot() == before


def test_a_choice_cell_names_what_it_accepts(admin_client, content):
    data = activities_csv("one,2,,symposium,One,一,2022-01-10,2022-01-11,")

    response = preview(admin_client, "admin:activities_event", data, SafeCSV, ZH)

    html = response.content.decode()
    assert "“symposium”不是可选值之一：" in html and "研讨会" in html
