"""Open-data exports of the published activities: CSV, XLSX and IATI activity XML.

One small class per format, with its content type, extension and file name, so the views and
any management command share them. Every export carries both languages where the content has
them and renders its labels under ``translation.override(lang)``, never in whatever language the
request happened to be in. No personal data leaves through an export: participants are counted,
never named.
"""

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .enums import AgencyRole, EventType
from .models import EventAgency, Pillar

LANGUAGES = ("en", "zh-hans")
LIST_SEPARATOR = "; "
# Cells a spreadsheet would run as a formula (CSV injection): they get a leading apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def events_for_export(events):
    """The activities with all an export shows already joined: a fixed number of queries."""
    return events.select_related("phase").prefetch_related(
        Prefetch("pillars", queryset=Pillar.objects.order_by("phase__number", "order")),
        Prefetch(
            "agency_roles", queryset=EventAgency.objects.select_related("agency").order_by("order", "id")
        ),
    )


def _field(obj, name, lang):
    return getattr(obj, f"{name}_{lang.replace('-', '_')}", "") or ""


def _in_language(obj, name, lang):
    """obj.name in lang, falling back to English (the source language) when it is missing."""
    return _field(obj, name, lang) or _field(obj, name, "en")


def _label(choices, value, lang):
    with translation.override(lang):
        return str(choices(value).label)


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def _event_url(event, lang):
    with translation.override(lang):
        return absolute_url(event.get_absolute_url())


def _agencies(event, lang):
    return LIST_SEPARATOR.join(
        f"{_in_language(role.agency, 'name', lang)} ({_label(AgencyRole, role.role, lang)})"
        for role in event.agency_roles.all()
    )


def _pillars(event, lang):
    return LIST_SEPARATOR.join(_in_language(pillar, "name", lang) for pillar in event.pillars.all())


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    value: object
    kind: str = "text"  # text, date, number


# Stable keys head the CSV (scripts rely on them); the XLSX shows the translated labels.
COLUMNS = [
    Column("slug", _("Identifier"), lambda e: e.slug),
    Column("url", _("Web page"), lambda e: _event_url(e, "en")),
    Column("title_en", _("Title (English)"), lambda e: _field(e, "title", "en")),
    Column("title_zh_hans", _("Title (Chinese)"), lambda e: _field(e, "title", "zh-hans")),
    Column("type", _("Type (code)"), lambda e: e.type),
    Column("type_en", _("Type (English)"), lambda e: _label(EventType, e.type, "en")),
    Column("type_zh_hans", _("Type (Chinese)"), lambda e: _label(EventType, e.type, "zh-hans")),
    Column("start_date", _("Start date"), lambda e: e.start_date, "date"),
    Column("end_date", _("End date"), lambda e: e.end_date, "date"),
    # Translators: column of the activity export: "day", "month" or "year".
    Column("date_precision", _("Date precision"), lambda e: e.date_precision),
    Column("city_en", _("City (English)"), lambda e: _field(e, "city", "en")),
    Column("city_zh_hans", _("City (Chinese)"), lambda e: _field(e, "city", "zh-hans")),
    Column("country", _("Country (ISO code)"), lambda e: str(e.country or "")),
    Column("phase", pgettext_lazy("export column", "Phase"), lambda e: e.phase.number, "number"),
    Column("pillars_en", _("Pillars (English)"), lambda e: _pillars(e, "en")),
    Column("pillars_zh_hans", _("Pillars (Chinese)"), lambda e: _pillars(e, "zh-hans")),
    Column("agencies_en", _("Organisers and partners, with roles (English)"), lambda e: _agencies(e, "en")),
    Column(
        "agencies_zh_hans",
        _("Organisers and partners, with roles (Chinese)"),
        lambda e: _agencies(e, "zh-hans"),
    ),
    Column("participants_total", _("Participants (total)"), lambda e: e.participants_total, "number"),
    Column("participants_women", _("Participants: women"), lambda e: e.participants_women, "number"),
    Column("participants_men", _("Participants: men"), lambda e: e.participants_men, "number"),
    Column("participants_eu", _("Participants: EU side"), lambda e: e.participants_eu, "number"),
    Column("participants_china", _("Participants: China side"), lambda e: e.participants_china, "number"),
]


def _safe_text(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class Exporter:
    """An export of a set of activities, in one format."""

    identifier = ""
    content_type = ""
    extension = ""
    disposition = "attachment"

    def __init__(self, events, *, lang=None, description=""):
        self.events = events
        self.lang = lang or settings.LANGUAGE_CODE
        # What was selected (the filters, in words), for the formats that can say it.
        self.description = description
        self.generated_at = timezone.now()

    @property
    def filename(self):
        return f"mmsp-activities-{timezone.localdate(self.generated_at):%Y-%m-%d}.{self.extension}"

    def rows(self):
        for event in events_for_export(self.events):
            yield [column.value(event) for column in COLUMNS]

    def render(self):
        """The file's bytes."""
        raise NotImplementedError


class CSVExporter(Exporter):
    identifier = "csv"
    content_type = "text/csv; charset=utf-8"
    extension = "csv"

    def render(self):
        buffer = io.StringIO()
        # The byte order mark makes Excel read the file as UTF-8, so Chinese shows correctly.
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow([column.key for column in COLUMNS])
        for row in self.rows():
            writer.writerow(
                [
                    ""
                    if value is None
                    else _safe_text(value.isoformat() if hasattr(value, "isoformat") else value)
                    for value in row
                ]
            )
        return buffer.getvalue().encode("utf-8")


def _clean_cell(value):
    """Text without the control characters that the XLSX format cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


class XLSXExporter(Exporter):
    identifier = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def render(self):
        from openpyxl import Workbook
        from openpyxl.styles import Font

        with translation.override(self.lang):
            workbook = Workbook()
            sheet = workbook.active
            sheet.title = gettext("Activities")
            sheet.append([str(column.label) for column in COLUMNS])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for row in self.rows():
                sheet.append([_clean_cell(value) for value in row])
                for column, cell in zip(COLUMNS, sheet[sheet.max_row], strict=True):
                    if column.kind == "date" and cell.value is not None:
                        cell.number_format = "yyyy-mm-dd"
                    elif column.kind == "text" and cell.value is not None:
                        # Never a formula, whatever the text starts with.
                        cell.data_type = "s"
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            for column_cells, column in zip(sheet.columns, COLUMNS, strict=True):
                width = 14 if column.kind != "text" else 28
                sheet.column_dimensions[column_cells[0].column_letter].width = width
            self._about_sheet(workbook)
            buffer = io.BytesIO()
            workbook.save(buffer)
        return buffer.getvalue()

    def _about_sheet(self, workbook):
        from openpyxl.styles import Font

        about = workbook.create_sheet(gettext("About"))
        about.append([gettext("EU-China Dialogue on Migration and Mobility Support Project: activities")])
        about["A1"].font = Font(bold=True)
        about.append([gettext("Generated"), timezone.localtime(self.generated_at).strftime("%Y-%m-%d %H:%M")])
        about.append([gettext("Selection"), self.description or gettext("All published activities")])
        about.append([gettext("Source"), absolute_url(reverse("activities:list"))])
        about.append(
            [gettext("Empty participant cells mean the figure was not recorded; they are not zero.")]
        )
        about.append([])
        about.append([gettext("Column"), gettext("Meaning")])
        for column in COLUMNS:
            about.append([column.key, str(column.label)])
        about.column_dimensions["A"].width = 24
        about.column_dimensions["B"].width = 60


# --- IATI activity standard ---------------------------------------------------------------------

IATI_VERSION = "2.03"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# IOM's code in the OECD DAC list, the prefix of its IATI organisation identifier.
REPORTING_ORG_REF = "XM-DAC-47066"
REPORTING_ORG_TYPE = "40"  # Multilateral
REPORTING_ORG_NAMES = {"en": "International Organization for Migration", "zh": "国际移民组织"}
IDENTIFIER_PREFIX = f"{REPORTING_ORG_REF}-MMSP-"
RECIPIENT_COUNTRY = "CN"
# IATI xml:lang uses ISO 639-1: plain "zh" for Chinese.
IATI_LANG = {"en": "en", "zh-hans": "zh"}
# IATI OrganisationType codelist for the portal's agency kinds.
IATI_ORGANISATION_TYPE = {
    "government": "10",
    "eu_institution": "40",
    "embassy": "10",
    "international_organisation": "40",
    "academic": "80",
    "civil_society": "22",
    "private": "70",
}
# IATI ActivityDateType: 1 planned start, 2 actual start, 3 planned end, 4 actual end.
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
# IATI ActivityStatus: 1 pipeline, 2 implementation, 4 closed. An activity of this project is an
# event: once it has taken place it is complete; the portal tracks no disbursement to wait for.
STATUS_PIPELINE, STATUS_IMPLEMENTATION, STATUS_CLOSED = "1", "2", "4"
SECTOR_VOCABULARY_DAC = "1"
SECTOR_VOCABULARY_REPORTING_ORG = "99"
# Every activity of the project falls under this OECD DAC purpose code; donors' systems file it
# there, and the pillars (vocabulary 99, the reporting organisation's own) refine it.
DAC_MIGRATION_SECTOR = "15190"
DAC_MIGRATION_SECTOR_NAMES = {
    "en": "Facilitation of orderly, safe, regular and responsible migration and mobility",
    "zh": "促进有序、安全、正常和负责任的移民和人员流动",
}
DOCUMENT_CATEGORY_WEB_PAGE = "A12"  # IATI DocumentCategory: activity web page


class IATIExporter(Exporter):
    """An ``iati-activities`` document (IATI activity standard 2.03), one activity per event.

    Elements follow the order of the IATI activity schema: identifier, reporting-org, title,
    description, participating-org, activity-status, activity-date, recipient-country, location,
    sector, document-link.
    """

    identifier = "iati"
    content_type = "application/xml; charset=utf-8"
    extension = "xml"
    disposition = "inline"

    @property
    def filename(self):
        return "mmsp-activities.iati.xml"

    def render(self):
        root = ET.Element(
            "iati-activities",
            {
                "version": IATI_VERSION,
                "generated-datetime": self.generated_at.replace(microsecond=0).isoformat(),
            },
        )
        today = timezone.localdate(self.generated_at)
        for event in events_for_export(self.events):
            root.append(self.activity(event, today))
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True)

    def activity(self, event, today):
        activity = ET.Element(
            "iati-activity",
            {
                "last-updated-datetime": event.updated_at.replace(microsecond=0).isoformat(),
                XML_LANG: "en",
                "hierarchy": "1",
            },
        )
        ET.SubElement(activity, "iati-identifier").text = f"{IDENTIFIER_PREFIX}{event.slug}"
        reporting = ET.SubElement(
            activity, "reporting-org", {"ref": REPORTING_ORG_REF, "type": REPORTING_ORG_TYPE}
        )
        for lang, name in REPORTING_ORG_NAMES.items():
            _narrative(reporting, name, lang)
        self._narratives(ET.SubElement(activity, "title"), event, "title")
        if event.summary_en or event.summary_zh_hans:
            self._narratives(ET.SubElement(activity, "description", {"type": "1"}), event, "summary")
        for role in event.agency_roles.all():
            agency = role.agency
            org = ET.SubElement(
                activity,
                "participating-org",
                {
                    "role": str(role.iati_role_code),
                    "type": IATI_ORGANISATION_TYPE.get(agency.kind, "90"),
                },
            )
            self._narratives(org, agency, "name")
        ET.SubElement(activity, "activity-status", {"code": _status(event, today)})
        started, ended = event.start_date <= today, event.end_date < today
        ET.SubElement(
            activity,
            "activity-date",
            {"iso-date": event.start_date.isoformat(), "type": ACTUAL_START if started else PLANNED_START},
        )
        ET.SubElement(
            activity,
            "activity-date",
            {"iso-date": event.end_date.isoformat(), "type": ACTUAL_END if ended else PLANNED_END},
        )
        ET.SubElement(activity, "recipient-country", {"code": RECIPIENT_COUNTRY, "percentage": "100"})
        if event.city_en:
            location = ET.SubElement(activity, "location")
            self._narratives(ET.SubElement(location, "name"), event, "city")
        dac = ET.SubElement(
            activity,
            "sector",
            {"vocabulary": SECTOR_VOCABULARY_DAC, "code": DAC_MIGRATION_SECTOR, "percentage": "100"},
        )
        for lang, name in DAC_MIGRATION_SECTOR_NAMES.items():
            _narrative(dac, name, lang)
        pillars = list(event.pillars.all())
        for pillar, percentage in zip(pillars, _percentages(len(pillars)), strict=True):
            sector = ET.SubElement(
                activity,
                "sector",
                {
                    "vocabulary": SECTOR_VOCABULARY_REPORTING_ORG,
                    "code": pillar.slug,
                    "percentage": percentage,
                },
            )
            self._narratives(sector, pillar, "name")
        link = ET.SubElement(
            activity, "document-link", {"format": "text/html", "url": _event_url(event, "en")}
        )
        self._narratives(ET.SubElement(link, "title"), event, "title")
        ET.SubElement(link, "category", {"code": DOCUMENT_CATEGORY_WEB_PAGE})
        return activity

    @staticmethod
    def _narratives(parent, obj, field):
        for lang in LANGUAGES:
            text = _field(obj, field, lang)
            if text:
                _narrative(parent, text, IATI_LANG[lang])


def _narrative(parent, text, lang):
    ET.SubElement(parent, "narrative", {XML_LANG: lang}).text = text


def _status(event, today):
    if event.start_date > today:
        return STATUS_PIPELINE
    if event.end_date >= today:
        return STATUS_IMPLEMENTATION
    return STATUS_CLOSED


def _percentages(count):
    """Shares adding up to exactly 100, as IATI requires of sectors in one vocabulary."""
    if not count:
        return []
    base = round(100 / count, 2)
    shares = [base] * (count - 1)
    shares.append(round(100 - sum(shares), 2))
    return [f"{share:g}" for share in shares]


EXPORTERS = {exporter.identifier: exporter for exporter in (CSVExporter, XLSXExporter, IATIExporter)}
