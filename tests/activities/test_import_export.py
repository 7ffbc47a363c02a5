"""Bulk import and export: dry run, all-or-nothing imports naming each bad row, both date forms."""

import datetime
import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import Event, Participant
from activities.resources import EventResource, ParticipantResource
from core.enums import Status
from core.resources import parse_date
from partners.models import PartnerAgency
from partners.resources import PartnerAgencyResource
from tests.factories import EventFactory, PartnerAgencyFactory, PhaseFactory, PillarFactory, StaffFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
EVENT_HEADERS = [
    "slug", "phase", "pillars", "type", "title_en", "title_zh_hans", "summary_en", "summary_zh_hans",
    "start_date", "end_date", "date_precision", "city_en", "city_zh_hans", "participants_total",
]  # fmt: skip


@pytest.fixture
def phase():
    return PhaseFactory(number=2, start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2023, 6, 30))


def event_row(slug, **overrides):
    row = {
        "slug": slug,
        "phase": "2",
        "pillars": "",
        "type": "seminar",
        "title_en": f"Seminar {slug}",
        "title_zh_hans": f"研讨会{slug}",
        "summary_en": "A seminar.",
        "summary_zh_hans": "一次研讨会。",
        "start_date": "2022-06-27",
        "end_date": "2022年6月28日",
        "date_precision": "day",
        "city_en": "Beijing",
        "city_zh_hans": "北京",
        "participants_total": "40",
    }
    row.update(overrides)
    return [row[name] for name in EVENT_HEADERS]


def dataset(*rows, headers=EVENT_HEADERS):
    return tablib.Dataset(*rows, headers=headers)


def test_parse_date_reads_iso_chinese_and_spreadsheet_dates():
    assert parse_date("2023-06-27") == datetime.date(2023, 6, 27)
    assert parse_date("2023年6月27日") == datetime.date(2023, 6, 27)
    assert parse_date(datetime.datetime(2023, 6, 27, 0, 0)) == datetime.date(2023, 6, 27)
    assert parse_date("") is None
    with pytest.raises(ValueError, match="not a valid date"):
        parse_date("27/06/2023")
    with pytest.raises(ValueError, match="not a valid date"):
        parse_date("2023年2月30日")


def test_clean_import_creates_drafts_in_one_go(phase):
    pillar = PillarFactory(phase=phase, slug="labour-migration")
    data = dataset(event_row("a", pillars="labour-migration"), event_row("b"))

    result = EventResource().import_data(data, dry_run=False, use_transactions=True, user=None)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 2
    imported = Event.objects.get(slug="a")
    assert imported.status == Status.DRAFT
    assert imported.end_date == datetime.date(2022, 6, 28)
    assert imported.title_zh_hans == "研讨会a"
    assert list(imported.pillars.all()) == [pillar]


def test_dry_run_reports_rows_and_saves_nothing(phase):
    EventFactory(slug="existing", phase=phase, title_en="Old title")
    data = dataset(event_row("existing", title_en="New title"), event_row("fresh"))

    result = EventResource().import_data(data, dry_run=True, use_transactions=True, user=None)

    assert [row.import_type for row in result.rows] == ["update", "new"]
    assert Event.objects.get(slug="existing").title_en == "Old title"
    assert not Event.objects.filter(slug="fresh").exists()


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        ({"phase": "9"}, "Phase", "No phase with “9”"),
        ({"pillars": "no-such-pillar"}, "Pillars", "Unknown pillars: no-such-pillar"),
        ({"start_date": "2022-07-01", "end_date": "2022-06-01"}, "End date", "cannot be before"),
        ({"start_date": "27 June"}, "Start date", "not a valid date"),
        ({"title_en": ""}, "Title (English)", "This field cannot be blank"),
        ({"start_date": "2012-05-01", "end_date": "2012-05-02"}, "Start date", "within its phase"),
    ],
)
def test_a_bad_row_imports_nothing_and_names_row_and_column(phase, bad, column, message):
    data = dataset(event_row("good-1"), event_row("bad", **bad), event_row("good-2"))

    result = EventResource().import_data(
        data, dry_run=False, use_transactions=True, rollback_on_validation_errors=True, user=None
    )

    assert result.has_validation_errors() or result.has_errors()
    assert Event.objects.count() == 0
    invalid = {row.number: row.error.message_dict for row in result.invalid_rows}
    errors = dict(result.row_errors())
    if invalid:
        assert list(invalid) == [2]
        assert any(message in text for text in invalid[2][column])
    else:
        assert list(errors) == [2] and message in str(errors[2][0].error)


def test_unknown_agency_in_participants_is_named(phase):
    event = EventFactory(phase=phase, slug="hainan-visit")
    PartnerAgencyFactory(acronym_en="NIA")
    headers = ["id", "event", "name_en", "agency", "role"]
    data = tablib.Dataset(
        ["", "hainan-visit", "Speaker One", "NIA", "speaker"],
        ["", "hainan-visit", "Speaker Two", "XYZ", "speaker"],
        headers=headers,
    )

    result = ParticipantResource().import_data(
        data, dry_run=False, use_transactions=True, rollback_on_validation_errors=True, user=None
    )

    assert Participant.objects.filter(event=event).count() == 0
    invalid = {row.number: row.error.message_dict for row in result.invalid_rows}
    assert "No partner agency with “XYZ”" in " ".join(invalid[2]["Agency"])


def test_agencies_import_both_languages_and_parent():
    PartnerAgencyFactory(slug="mps", name_en="Ministry of Public Security")
    data = tablib.Dataset(
        ["octh", "Office to Combat Trafficking", "打拐办", "", "", "china", "government", "mps", "CN"]
        + ["", "", ""],
        headers=[
            "slug", "name_en", "name_zh_hans", "acronym_en", "acronym_zh_hans", "side", "kind",
            "parent", "country", "website", "description_en", "description_zh_hans",
        ],
    )  # fmt: skip

    result = PartnerAgencyResource().import_data(data, dry_run=False, use_transactions=True, user=None)

    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    agency = PartnerAgency.objects.get(slug="octh")
    assert agency.name_zh_hans == "打拐办" and agency.parent.slug == "mps"


# --- Through the admin -----------------------------------------------------------------------


def test_admin_import_preview_then_confirm(client, phase):
    client.force_login(StaffFactory(group="Editors"))
    data = dataset(event_row("from-file"))
    upload = SimpleUploadedFile("events.csv", data.csv.encode(), content_type="text/csv")

    preview = client.post(
        reverse("admin:activities_event_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
        **EN,
    )

    assert preview.status_code == 200
    assert "confirm_form" in preview.context and preview.context["confirm_form"] is not None
    assert not Event.objects.filter(slug="from-file").exists()
    confirm = preview.context["confirm_form"]
    response = client.post(
        reverse("admin:activities_event_process_import"),
        {name: confirm[name].value() for name in confirm.fields},
    )
    assert response.status_code == 302
    assert Event.objects.get(slug="from-file").status == Status.DRAFT


def test_admin_import_with_a_bad_row_offers_no_confirmation(client, phase):
    client.force_login(StaffFactory(group="Editors"))
    data = dataset(event_row("fine"), event_row("broken", phase="7"))
    upload = SimpleUploadedFile("events.csv", data.csv.encode(), content_type="text/csv")

    preview = client.post(
        reverse("admin:activities_event_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
        **EN,
    )

    content = preview.content.decode()
    assert preview.context.get("confirm_form") is None
    assert "No phase with “7”" in content
    assert Event.objects.count() == 0


def test_translators_cannot_import(client):
    client.force_login(StaffFactory(group="Translators"))
    assert client.get(reverse("admin:activities_event_import")).status_code == 403


def test_admin_export_follows_the_list_filter_and_has_both_languages(admin_client, phase):
    day_2022, day_2021 = datetime.date(2022, 3, 1), datetime.date(2021, 3, 1)
    title = "二〇二二年研讨会"
    EventFactory(phase=phase, slug="in-2022", title_zh_hans=title, start_date=day_2022, end_date=day_2022)
    EventFactory(phase=phase, slug="in-2021", start_date=day_2021, end_date=day_2021)

    response = admin_client.post(
        reverse("admin:activities_event_export") + "?year=2022",
        {"format": "1", "resource": "0", **{f"eventresource_{name}": "on" for name in EVENT_HEADERS}},
    )

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook.active.values)
    header, body = rows[0], rows[1:]
    assert "Title (Chinese)" in header and "Title (English)" in header
    slugs = [row[header.index("Slug")] for row in body]
    assert slugs == ["in-2022"]
    assert body[0][header.index("Title (Chinese)")] == title


def test_admin_confirm_rolls_back_whole_when_a_row_became_invalid(client, phase):
    """A row valid at the preview but not at confirmation (the phase was shortened meanwhile)."""
    client.force_login(StaffFactory(group="Editors"))
    data = dataset(event_row("early", start_date="2020-03-01", end_date="2020-03-02"), event_row("late"))
    upload = SimpleUploadedFile("events.csv", data.csv.encode(), content_type="text/csv")
    form = {"import_file": upload, "format": "0", "resource": "0"}
    preview = client.post(reverse("admin:activities_event_import"), form, **EN)
    confirm = preview.context["confirm_form"]
    phase.end_date = datetime.date(2021, 12, 31)
    phase.save()

    client.post(
        reverse("admin:activities_event_process_import"),
        {name: confirm[name].value() for name in confirm.fields},
    )

    assert Event.objects.count() == 0
