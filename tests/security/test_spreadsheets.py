"""No CSV, TSV or XLSX the portal writes, in the admin or in public, holds a live formula.

The decision (core.spreadsheets): in CSV and TSV a formula gets an apostrophe in front of
it, at the start of a cell and after a ``;``, ``,``, tab or line break; in XLSX every text cell is
a string (data type "s") and keeps its value unchanged.
"""

import csv
import io

import pytest
from django.contrib import admin
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from activities.models import Event
from core.spreadsheets import EXPORT_FORMATS, SafeCSV, SafeTSV, SafeXLSX, formula_safe, formula_unsafe
from outputs.exporters import XLSXExporter
from tests.factories import EventAgencyFactory, EventFactory, ParticipantFactory, PartnerAgencyFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://x","y")'
AFTER_SEPARATOR = f"IOM; {FORMULA}"
PARTICIPANT_FIELDS = ("id", "event", "name_en", "organisation_en", "email", "phone")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t'=1+1"),
        (AFTER_SEPARATOR, f"IOM; '{FORMULA}"),
        ("a,=1+1", "a,'=1+1"),
        ("a\t-1+1", "a\t'-1+1"),
        ("a\n@SUM(A1)", "a\n'@SUM(A1)"),
        ("-12.5", "-12.5"),  # a plain number stays a number
        ("EU-China dialogue; 2023", "EU-China dialogue; 2023"),
        ("", ""),
        (None, None),
        (42, 42),
    ],
)
def test_formula_safe_rule(value, written):
    assert formula_safe(value) == written


@pytest.mark.parametrize(
    "value",
    ["'=1+1", "''=1+1", "'-12.5", "a, '=b", "-12.5", "'quoted", "IOM; '@x", FORMULA, AFTER_SEPARATOR],
)
def test_escaping_is_undone_exactly_on_import(value):
    assert formula_unsafe(formula_safe(value)) == value


@given(st.text(alphabet=st.sampled_from("'=+-@|%;, \t\n\r1.aé中"), max_size=12))
def test_escaping_is_undone_exactly_for_any_text(value):
    """What the admin imports from a CSV or TSV it exported is what it exported."""
    assert formula_unsafe(formula_safe(value)) == value


# --- Admin exports (django-import-export) -------------------------------------------------------


@pytest.fixture
def participant():
    return ParticipantFactory(
        name_en=FORMULA, organisation_en=AFTER_SEPARATOR, email="zhang@example.org", phone="+86 10 1234 5678"
    )


def admin_export(client, file_format, fields=PARTICIPANT_FIELDS):
    index = EXPORT_FORMATS.index(file_format)
    response = client.post(
        reverse("admin:activities_participant_export"),
        {"format": str(index), "resource": "0", **{f"participantresource_{name}": "on" for name in fields}},
    )
    assert response.status_code == 200
    return response


def test_admin_csv_export_escapes_formulas_at_the_start_and_after_a_separator(admin_client, participant):
    response = admin_export(admin_client, SafeCSV)

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    assert rows[0]["Name (English)"] == "'" + FORMULA
    assert rows[0]["Organisation (English)"] == f"IOM; '{FORMULA}"
    assert rows[0]["Phone"] == "'+86 10 1234 5678"
    assert rows[0]["E-mail"] == "zhang@example.org"


def test_admin_tsv_export_escapes_formulas(admin_client, participant):
    response = admin_export(admin_client, SafeTSV)

    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), dialect="excel-tab"))

    assert rows[0]["Name (English)"] == "'" + FORMULA
    assert rows[0]["Organisation (English)"] == f"IOM; '{FORMULA}"


def test_admin_xlsx_export_writes_formulas_as_plain_text(admin_client, participant):
    response = admin_export(admin_client, SafeXLSX)

    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    name = sheet.cell(row=2, column=header.index("Name (English)") + 1)
    organisation = sheet.cell(row=2, column=header.index("Organisation (English)") + 1)

    assert (name.value, name.data_type) == (FORMULA, "s")
    assert (organisation.value, organisation.data_type) == (AFTER_SEPARATOR, "s")


def test_admin_xlsx_export_of_activities_keeps_titles_as_text(admin_client):
    EventFactory(slug="formula", title_en='==HYPERLINK("http://x","y")')

    response = admin_client.post(
        reverse("admin:activities_event_export"),
        {"format": str(EXPORT_FORMATS.index(SafeXLSX)), "resource": "0", "eventresource_title_en": "on"},
    )

    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert (cell.value, cell.data_type) == ('==HYPERLINK("http://x","y")', "s")


def test_every_admin_export_offers_only_formula_safe_formats():
    exporting = [
        model_admin
        for model_admin in admin.site._registry.values()
        if hasattr(model_admin, "get_export_formats")
    ]
    assert {type(model_admin).__name__ for model_admin in exporting} >= {
        "EventAdmin",
        "ParticipantAdmin",
        "PartnerAgencyAdmin",
    }
    for model_admin in exporting:
        offered = model_admin.get_export_formats()
        assert offered == EXPORT_FORMATS, type(model_admin).__name__
        assert {fmt().get_extension() for fmt in offered} == {"csv", "xlsx", "tsv", "json"}


# --- Public downloads ---------------------------------------------------------------------------


def test_public_csv_escapes_a_formula_after_a_separator(client):
    event = EventFactory(slug="semicolon", title_en=AFTER_SEPARATOR)
    EventAgencyFactory(event=event, agency=PartnerAgencyFactory(name_en=FORMULA))
    assert Event.objects.published().filter(pk=event.pk).exists()

    content = client.get(reverse("activities:export_csv")).content.decode("utf-8-sig")
    row = next(row for row in csv.DictReader(io.StringIO(content)) if row["slug"] == "semicolon")

    assert row["title_en"] == f"IOM; '{FORMULA}"
    assert row["agencies_en"].startswith("'" + FORMULA)


def test_public_xlsx_about_sheet_keeps_the_selection_as_text(db):
    workbook = load_workbook(io.BytesIO(XLSXExporter(Event.objects.none(), description=FORMULA).render()))

    selection = next(row[1] for row in workbook["About"].iter_rows() if row[0].value == "Selection")
    assert (selection.value, selection.data_type) == (FORMULA, "s")


def test_public_xlsx_activity_cells_are_strings_never_formulas(client):
    EventFactory(slug="semicolon", title_en=FORMULA, city_en=AFTER_SEPARATOR)

    sheet = load_workbook(io.BytesIO(client.get(reverse("activities:export_xlsx")).content)).worksheets[0]

    row = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "semicolon")
    text_cells = [cell for cell in row if isinstance(cell.value, str)]
    assert {cell.data_type for cell in text_cells} == {"s"}
    assert FORMULA in [cell.value for cell in text_cells]
    assert AFTER_SEPARATOR in [cell.value for cell in text_cells]
