"""Downloads (CSV, XLSX) and the IATI XML export, parsed back."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from activities.enums import ParticipantRole
from activities.models import Event
from outputs import exporters
from outputs.exporters import COLUMNS, CSVExporter, IATIExporter
from tests.caches import clear_caches
from tests.factories import EventAgencyFactory, EventFactory, ParticipantFactory, PartnerAgencyFactory
from tests.outputs.test_stats import build_sample

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def sample(db):
    data = build_sample()
    # People at the activities: their names must never appear in an export.
    ParticipantFactory(
        event=data.events[0],
        name_en="Zhang Secretname",
        role=ParticipantRole.PARTICIPANT,
        email="zhang@example.org",
    )
    ParticipantFactory(
        event=data.events[0],
        name_en="Anna Speakername",
        role=ParticipantRole.SPEAKER,
        consent_to_publish=True,
    )
    return data


def url(name, lang="en"):
    with translation.override(lang):
        return reverse(name)


def csv_rows(response):
    content = response.content
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for Excel"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    return (
        values[0],
        [dict(zip([column.key for column in COLUMNS], row, strict=True)) for row in values[1:]],
        workbook,
    )


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_has_one_row_per_published_activity_with_both_languages(client, sample):
    response = client.get(url("activities:export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mmsp-activities-')
    rows = csv_rows(response)
    assert [row["slug"] for row in rows] == [
        "forum-2023",
        "study-2017",
        "brussels-workshop-2016",
        "beijing-seminar-2016",
    ]
    seminar = rows[-1]
    assert seminar["title_en"] == "Seminar on labour migration"
    assert seminar["title_zh_hans"] == "劳务移民研讨会"
    assert seminar["start_date"] == "2016-03-01"
    assert seminar["end_date"] == "2016-03-02"
    assert seminar["date_precision"] == "day"
    assert (seminar["city_en"], seminar["city_zh_hans"], seminar["country"]) == ("Beijing", "北京", "CN")
    assert seminar["phase"] == "1"
    assert seminar["pillars_en"] == "Regular migration"
    assert seminar["pillars_zh_hans"] == "正常移民"
    assert seminar["agencies_en"] == (
        "International Organization for Migration (Organiser); Ministry of Public Security (Host)"
    )
    # Chinese names; the role labels come from the Chinese catalogue.
    assert seminar["agencies_zh_hans"].startswith("国际移民组织 (")
    assert "; 公安部 (" in seminar["agencies_zh_hans"]
    assert seminar["type_en"] == "Seminar"
    assert (seminar["participants_total"], seminar["participants_women"], seminar["participants_men"]) == (
        "100",
        "40",
        "60",
    )
    assert seminar["url"].endswith("/en/activities/beijing-seminar-2016/")


def test_csv_leaves_unknown_figures_empty(client, sample):
    rows = {row["slug"]: row for row in csv_rows(client.get(url("activities:export_csv")))}
    study = rows["study-2017"]
    assert study["participants_total"] == ""
    assert study["participants_women"] == ""
    assert rows["brussels-workshop-2016"]["participants_women"] == ""
    assert rows["brussels-workshop-2016"]["participants_eu"] == "20"


def test_csv_honours_the_list_filters(client, sample):
    rows = csv_rows(client.get(url("activities:export_csv"), {"phase": 1, "type": "seminar"}))
    assert [row["slug"] for row in rows] == ["study-2017", "beijing-seminar-2016"]
    rows = csv_rows(client.get(url("activities:export_csv"), {"pillar": "irregular-migration"}))
    assert [row["slug"] for row in rows] == ["brussels-workshop-2016"]
    rows = csv_rows(client.get(url("activities:export_csv"), {"year": 2016, "sort": "date"}))
    assert [row["slug"] for row in rows] == ["beijing-seminar-2016", "brussels-workshop-2016"]
    rows = csv_rows(client.get(url("activities:export_csv"), {"agency": "dg-home"}))
    assert [row["slug"] for row in rows] == ["forum-2023", "brussels-workshop-2016"]
    rows = csv_rows(client.get(url("activities:export_csv"), {"q": "证件"}))
    assert [row["slug"] for row in rows] == ["brussels-workshop-2016"]


def test_csv_ignores_invalid_filters_like_the_list(client, sample):
    response = client.get(url("activities:export_csv"), {"year": "abc", "phase": "99"})
    assert response.status_code == 200
    assert len(csv_rows(response)) == 4


def test_csv_never_holds_drafts_or_personal_data(client, sample):
    content = client.get(url("activities:export_csv")).content.decode("utf-8-sig")
    assert "draft-2016" not in content and "scheduled-2023" not in content
    assert "Secretname" not in content and "Speakername" not in content
    assert "example.org" not in content


def test_csv_neutralises_spreadsheet_formulas(client, sample):
    EventFactory(slug="formula", title_en='=HYPERLINK("http://evil")', phase=sample.early)
    rows = {row["slug"]: row for row in csv_rows(client.get(url("activities:export_csv")))}
    assert rows["formula"]["title_en"].startswith("'=")


def test_csv_in_chinese_keeps_both_languages(client, sample):
    rows = csv_rows(client.get(url("activities:export_csv", "zh-hans")))
    seminar = rows[-1]
    assert seminar["title_en"] == "Seminar on labour migration"
    assert seminar["title_zh_hans"] == "劳务移民研讨会"


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_reads_back_with_both_languages_and_real_dates(client, sample):
    response = client.get(url("activities:export_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].endswith('.xlsx"')
    header, rows, workbook = xlsx_rows(response)
    assert header[:4] == ("Identifier", "Web page", "Title (English)", "Title (Chinese)")
    assert [row["slug"] for row in rows] == [
        "forum-2023",
        "study-2017",
        "brussels-workshop-2016",
        "beijing-seminar-2016",
    ]
    seminar = rows[-1]
    assert seminar["title_zh_hans"] == "劳务移民研讨会"
    assert seminar["start_date"] == datetime.datetime(2016, 3, 1)
    assert seminar["participants_total"] == 100
    assert rows[1]["participants_total"] is None  # unknown stays empty, not 0
    assert workbook.sheetnames == ["Activities", "About"]


def test_xlsx_headers_follow_the_page_language(client, sample):
    header, rows, workbook = xlsx_rows(client.get(url("activities:export_xlsx", "zh-hans")))
    with translation.override("zh-hans"):
        assert header == tuple(str(column.label) for column in COLUMNS)
        assert workbook.sheetnames[0] == str(translation.gettext("Activities"))
    assert rows[-1]["title_en"] == "Seminar on labour migration"
    assert rows[-1]["title_zh_hans"] == "劳务移民研讨会"


def test_xlsx_honours_filters_and_never_runs_formulas(client, sample):
    EventFactory(
        slug="formula",
        title_en="=1+1",
        phase=sample.late,
        start_date=datetime.date(2024, 1, 2),
        end_date=datetime.date(2024, 1, 2),
    )
    header, rows, workbook = xlsx_rows(client.get(url("activities:export_xlsx"), {"phase": 3}))
    assert [row["slug"] for row in rows] == ["formula", "forum-2023"]
    sheet = workbook.worksheets[0]
    assert sheet["C2"].value == "=1+1"
    assert sheet["C2"].data_type == "s"


def test_xlsx_has_no_personal_data(client, sample):
    header, rows, workbook = xlsx_rows(client.get(url("activities:export_xlsx")))
    cells = [
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
    ]
    assert not any("Secretname" in cell or "Speakername" in cell or "example.org" in cell for cell in cells)


@pytest.mark.parametrize("name", ["activities:export_csv", "activities:export_xlsx"])
@pytest.mark.parametrize("extra", [0, 4])
def test_export_query_count_constant(client, sample, name, extra, django_assert_num_queries):
    for _index in range(extra):
        event = EventFactory(phase=sample.early, pillars=[sample.one, sample.two])
        EventAgencyFactory(event=event, agency=PartnerAgencyFactory())
    # The filter form's choices, the activities, their pillars, their agencies.
    with django_assert_num_queries(4):
        response = client.get(url(name))
    assert response.status_code == 200


# --- IATI XML -----------------------------------------------------------------------------------

ACTIVITY_ORDER = [
    "iati-identifier",
    "reporting-org",
    "title",
    "description",
    "participating-org",
    "activity-status",
    "activity-date",
    "recipient-country",
    "location",
    "sector",
    "document-link",
]


def iati(client):
    response = client.get(reverse("iati_activities"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 -- our own output, parsed to check it


def test_iati_document_structure(client, sample):
    root = iati(client)
    assert root.tag == "iati-activities"
    assert root.get("version") == "2.03"
    datetime.datetime.fromisoformat(root.get("generated-datetime"))
    activities = root.findall("iati-activity")
    assert len(activities) == 4
    for activity in activities:
        tags = [child.tag for child in activity]
        # Required elements present, in the order of the IATI schema.
        for required in (
            "iati-identifier",
            "reporting-org",
            "title",
            "participating-org",
            "activity-status",
            "activity-date",
        ):
            assert required in tags
        positions = [ACTIVITY_ORDER.index(tag) for tag in tags]
        assert positions == sorted(positions), tags
        assert activity.get(XML_LANG) == "en"
        datetime.datetime.fromisoformat(activity.get("last-updated-datetime"))


def test_iati_activity_content(client, sample):
    root = iati(client)
    by_id = {a.findtext("iati-identifier"): a for a in root.findall("iati-activity")}
    assert set(by_id) == {
        "XM-DAC-47066-MMSP-forum-2023",
        "XM-DAC-47066-MMSP-study-2017",
        "XM-DAC-47066-MMSP-brussels-workshop-2016",
        "XM-DAC-47066-MMSP-beijing-seminar-2016",
    }
    seminar = by_id["XM-DAC-47066-MMSP-beijing-seminar-2016"]
    reporting = seminar.find("reporting-org")
    assert reporting.get("ref") == "XM-DAC-47066"
    assert reporting.find("narrative").text == "International Organization for Migration"
    titles = {n.get(XML_LANG): n.text for n in seminar.find("title").findall("narrative")}
    assert titles == {"en": "Seminar on labour migration", "zh": "劳务移民研讨会"}
    descriptions = {n.get(XML_LANG): n.text for n in seminar.find("description").findall("narrative")}
    assert descriptions == {"en": "A seminar on migration.", "zh": "关于移民的研讨会。"}
    orgs = [(o.get("role"), o.find("narrative").text) for o in seminar.findall("participating-org")]
    # Organiser → 3 (extending), host → 4 (implementing), from IATI_ORGANISATION_ROLE.
    assert orgs == [("3", "International Organization for Migration"), ("4", "Ministry of Public Security")]
    assert all(o.get("type") for o in seminar.findall("participating-org"))
    assert seminar.find("activity-status").get("code") == "4"
    dates = [(d.get("type"), d.get("iso-date")) for d in seminar.findall("activity-date")]
    assert dates == [("2", "2016-03-01"), ("4", "2016-03-02")]
    assert seminar.find("recipient-country").get("code") == "CN"
    names = {n.get(XML_LANG): n.text for n in seminar.find("location/name").findall("narrative")}
    assert names == {"en": "Beijing", "zh": "北京"}
    dac = seminar.find("sector[@vocabulary='1']")
    assert (dac.get("code"), dac.get("percentage")) == ("15190", "100")
    sector = seminar.find("sector[@vocabulary='99']")
    assert (sector.get("vocabulary"), sector.get("code"), sector.get("percentage")) == (
        "99",
        "regular-migration",
        "100",
    )
    assert {n.get(XML_LANG): n.text for n in sector.findall("narrative")} == {
        "en": "Regular migration",
        "zh": "正常移民",
    }


def test_iati_sector_percentages_add_up_and_unknown_place_omitted(client, sample):
    by_id = {a.findtext("iati-identifier"): a for a in iati(client).findall("iati-activity")}
    workshop = by_id["XM-DAC-47066-MMSP-brussels-workshop-2016"]
    shares = [float(s.get("percentage")) for s in workshop.findall("sector[@vocabulary='99']")]
    assert len(shares) == 2 and sum(shares) == 100
    study = by_id["XM-DAC-47066-MMSP-study-2017"]
    assert study.find("location") is None
    assert [s.get("code") for s in study.findall("sector")] == ["15190"]  # no pillar: the DAC code only


def test_iati_planned_dates_for_future_activities(db):
    event = EventFactory(
        slug="future",
        start_date=timezone.localdate() + datetime.timedelta(days=30),
        end_date=timezone.localdate() + datetime.timedelta(days=31),
    )
    root = ET.fromstring(IATIExporter(Event.objects.filter(pk=event.pk)).render())  # noqa: S314 -- our own output, parsed to check it
    activity = root.find("iati-activity")
    assert [d.get("type") for d in activity.findall("activity-date")] == ["1", "3"]
    assert activity.find("activity-status").get("code") == "1"


def test_iati_has_no_drafts_and_no_people(client, sample):
    content = client.get(reverse("iati_activities")).content.decode()
    assert "draft-2016" not in content and "scheduled-2023" not in content
    assert "Secretname" not in content and "Speakername" not in content


def test_iati_escapes_markup(client, sample):
    EventFactory(slug="markup", title_en="Rules & <b>tags</b>", phase=sample.early)
    root = iati(client)  # parses: the ampersand and brackets were escaped
    titles = [a.find("title/narrative").text for a in root.findall("iati-activity")]
    assert "Rules & <b>tags</b>" in titles


@pytest.mark.parametrize("extra", [0, 4])
def test_iati_query_count_constant(client, sample, extra, django_assert_num_queries):
    for _index in range(extra):
        event = EventFactory(phase=sample.early, pillars=[sample.one])
        EventAgencyFactory(event=event, agency=PartnerAgencyFactory())
    with django_assert_num_queries(3):
        client.get(reverse("iati_activities"))


def test_csv_exporter_usable_without_a_request(sample):
    """The same class serves a management command: bytes from a queryset and a language."""
    exporter = CSVExporter(Event.objects.published(), lang="zh-hans")
    assert exporter.filename.endswith(".csv")
    assert exporter.render().startswith(b"\xef\xbb\xbfslug,")


def test_xlsx_about_sheet_describes_the_selection(client, sample):
    _header, _rows, workbook = xlsx_rows(
        client.get(url("activities:export_xlsx"), {"phase": 3, "type": "forum"})
    )
    about = {
        row[0]: row[1] if len(row) > 1 else None
        for row in workbook["About"].iter_rows(values_only=True)
        if row
    }
    assert about["Selection"] == "Phase: Phase 3: Phase 3; Type: Forum"
    assert about["Source"].endswith("/en/activities/")
    assert about["participants_total"] == "Participants (total)"


# --- Large exports: read in batches, streamed ---------------------------------------------------


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of two activities, so the four of the sample make a large export."""
    monkeypatch.setattr(exporters, "BATCH_SIZE", 2)


def streamed(response):
    assert response.status_code == 200
    assert response.streaming, "a selection larger than one batch is streamed"
    return b"".join(response.streaming_content)


def test_csv_larger_than_a_batch_streams_the_same_file(client, sample, monkeypatch):
    whole = client.get(url("activities:export_csv"))
    assert not whole.streaming  # one batch: sent whole, with its length
    monkeypatch.setattr(exporters, "BATCH_SIZE", 2)
    clear_caches()  # or the file just built is served again

    response = client.get(url("activities:export_csv"))

    content = streamed(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == whole["Content-Disposition"]
    assert content == whole.content
    assert content.count(b"\xef\xbb\xbf") == 1
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["slug"] for row in rows] == [
        "forum-2023",
        "study-2017",
        "brussels-workshop-2016",
        "beijing-seminar-2016",
    ]
    assert rows[-1]["pillars_zh_hans"] == "正常移民"


@pytest.mark.parametrize("extra", [0, 4])
def test_csv_streamed_queries_are_fixed_per_batch(
    client, sample, small_batches, extra, django_assert_num_queries
):
    for _index in range(extra):
        event = EventFactory(phase=sample.early, pillars=[sample.one])
        EventAgencyFactory(event=event, agency=PartnerAgencyFactory())
    batches = (4 + extra) // 2
    # The filter form's choices, the activities (one cursor), then pillars and agencies per batch.
    with django_assert_num_queries(2 + 2 * batches):
        streamed(client.get(url("activities:export_csv")))


def test_csv_streamed_still_neutralises_formulas_and_holds_no_drafts(client, sample, small_batches):
    EventFactory(slug="formula", title_en="@SUM(A1)", phase=sample.early)

    content = streamed(client.get(url("activities:export_csv"))).decode("utf-8-sig")

    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(content))}
    assert rows["formula"]["title_en"] == "'@SUM(A1)"
    assert "draft-2016" not in content and "Secretname" not in content


def test_csv_of_an_empty_selection_is_the_header_alone(client, sample):
    response = client.get(url("activities:export_csv"), {"q": "no activity says this"})

    assert response.status_code == 200
    assert response.content == "\ufeff".encode() + ",".join(c.key for c in COLUMNS).encode() + b"\r\n"


def test_iati_larger_than_a_batch_streams_the_same_document(client, sample, monkeypatch):
    whole = ET.tostring(iati(client))
    monkeypatch.setattr(exporters, "BATCH_SIZE", 3)
    clear_caches()  # or the document just built is served again

    response = client.get(reverse("iati_activities"))

    root = ET.fromstring(streamed(response))  # noqa: S314 -- our own output, parsed to check it
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert len(root.findall("iati-activity")) == 4
    # The same document but for the time it was made.
    del root.attrib["generated-datetime"]
    expected = ET.fromstring(whole)  # noqa: S314 -- our own output, parsed to check it
    del expected.attrib["generated-datetime"]
    assert ET.tostring(root) == ET.tostring(expected)


def test_iati_of_no_activity_is_an_empty_document():
    root = ET.fromstring(IATIExporter(Event.objects.none()).render())  # noqa: S314 -- our own output, parsed to check it

    assert root.tag == "iati-activities"
    assert root.findall("iati-activity") == []


def test_xlsx_larger_than_a_batch_is_one_whole_workbook(client, sample, small_batches):
    response = client.get(url("activities:export_xlsx"))

    assert not response.streaming
    header, rows, workbook = xlsx_rows(response)
    assert [row["slug"] for row in rows] == [
        "forum-2023",
        "study-2017",
        "brussels-workshop-2016",
        "beijing-seminar-2016",
    ]
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert sheet["H5"].number_format == "yyyy-mm-dd"
    assert sheet.auto_filter.ref == "A1:W5"
