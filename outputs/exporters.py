"""Open-data exports of the published activities: CSV, XLSX and IATI activity XML.

One small class per format, with its content type, extension and file name, so the views and
any management command share them. Every export carries both languages where the content has
them and renders its labels under ``translation.override(lang)``, never in whatever language the
request happened to be in. No personal data leaves through an export: participants are counted,
never named.

The whole portal is 100,000 activities and more, so an export reads them a batch at a time as
plain values (``export_batches``) and writes each batch as it comes: CSV and IATI XML go out in
pieces (``Exporter.chunks``) with flat memory, and the labels and addresses every row repeats are
worked out once per export (``RowLookups``), not once per cell.
"""

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import islice
from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from activities.enums import IATI_ORGANISATION_ROLE, AgencyRole, EventType
from activities.models import Event, EventAgency
from core.site import site_url
from core.spreadsheets import formula_safe

LANGUAGES = ("en", "zh-hans")
LIST_SEPARATOR = "; "
# Activities read and written at a time: a few queries and a megabyte of CSV per batch.
BATCH_SIZE = 2000


def _suffix(lang):
    return lang.replace("-", "_")


def _translated(*names):
    return tuple(f"{name}_{_suffix(lang)}" for name in names for lang in LANGUAGES)


EVENT_FIELDS = (
    "id",
    "slug",
    "type",
    "start_date",
    "end_date",
    "date_precision",
    "country",
    "phase__number",
    "participants_total",
    "participants_women",
    "participants_men",
    "participants_eu",
    "participants_china",
    "updated_at",
    *_translated("title", "summary", "city"),
)
PILLAR_FIELDS = ("slug", *_translated("name"))
# What an agency's role in an activity carries, and where each value is read from.
AGENCY_ROLE_FIELDS = {"role": "role", "kind": "agency__kind"} | {
    name: f"agency__{name}" for name in _translated("name")
}


def export_batches(events):
    """The activities of ``events`` as dicts of EVENT_FIELDS, with ``pillars`` and ``agency_roles``.

    A list per BATCH_SIZE activities, in the queryset's order: the activities come through one
    cursor, and each batch adds two queries (its pillars, its agencies with their roles), read as
    tuples. Model instances and prefetching cost most of a minute at 100,000 activities.
    """
    rows = events.prefetch_related(None).values(*EVENT_FIELDS).iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(rows, BATCH_SIZE)):
        by_id = {}
        for event in batch:
            event.update(pillars=[], agency_roles=[])
            by_id[event["id"]] = event
        pillars = (
            Event.pillars.through.objects.filter(event_id__in=by_id)
            .order_by("pillar__phase__number", "pillar__order", "pillar_id")
            .values_list("event_id", *(f"pillar__{name}" for name in PILLAR_FIELDS))
        )
        for event_id, *values in pillars:
            by_id[event_id]["pillars"].append(dict(zip(PILLAR_FIELDS, values, strict=True)))
        roles = (
            EventAgency.objects.filter(event_id__in=by_id)
            .order_by("order", "id")
            .values_list("event_id", *AGENCY_ROLE_FIELDS.values())
        )
        for event_id, *values in roles:
            by_id[event_id]["agency_roles"].append(dict(zip(AGENCY_ROLE_FIELDS, values, strict=True)))
        yield batch


def _field(obj, name, lang):
    return obj.get(f"{name}_{_suffix(lang)}") or ""


def _in_language(obj, name, lang):
    """obj's name in lang, falling back to English (the source language) when it is missing."""
    return _field(obj, name, lang) or _field(obj, name, "en")


# Stands for the slug in an activity's address, reversed once per language.
SLUG_MARK = "slug-mark"


class RowLookups:
    """What every row repeats, worked out once per export in each language.

    The type and role labels, and the address of an activity's page around its slug: rendering
    them under ``translation.override`` and ``reverse`` for every row took a third of the time.
    """

    def __init__(self):
        self.types, self.roles, self.pages = {}, {}, {}
        for lang in LANGUAGES:
            with translation.override(lang):
                self.types[lang] = {value: str(label) for value, label in EventType.choices}
                self.roles[lang] = {value: str(label) for value, label in AgencyRole.choices}
                page = site_url(reverse("activities:detail", kwargs={"slug": SLUG_MARK}))
            self.pages[lang] = page.rsplit(SLUG_MARK, 1)

    def url(self, event, lang):
        before, after = self.pages[lang]
        return f"{before}{quote(event['slug'], safe='')}{after}"

    def type_label(self, event, lang):
        return self.types[lang].get(event["type"], event["type"])

    def agencies(self, event, lang):
        roles = self.roles[lang]
        return LIST_SEPARATOR.join(
            f"{_in_language(role, 'name', lang)} ({roles.get(role['role'], role['role'])})"
            for role in event["agency_roles"]
        )


def _pillars(event, lang):
    return LIST_SEPARATOR.join(_in_language(pillar, "name", lang) for pillar in event["pillars"])


@dataclass(frozen=True)
class Column:
    """A column of the CSV and XLSX exports; ``value(event, lookups)`` reads one activity's cell."""

    key: str
    label: object
    value: object
    kind: str = "text"  # text, date, number


def _plain(name):
    return lambda e, lookups: e[name]


def _text(name, lang):
    return lambda e, lookups: _field(e, name, lang)


# Stable keys head the CSV (scripts rely on them); the XLSX shows the translated labels.
COLUMNS = [
    Column("slug", _("Identifier"), _plain("slug")),
    Column("url", _("Web page"), lambda e, lookups: lookups.url(e, "en")),
    Column("title_en", _("Title (English)"), _text("title", "en")),
    Column("title_zh_hans", _("Title (Chinese)"), _text("title", "zh-hans")),
    Column("type", _("Type (code)"), _plain("type")),
    Column("type_en", _("Type (English)"), lambda e, lookups: lookups.type_label(e, "en")),
    Column("type_zh_hans", _("Type (Chinese)"), lambda e, lookups: lookups.type_label(e, "zh-hans")),
    Column("start_date", _("Start date"), _plain("start_date"), "date"),
    Column("end_date", _("End date"), _plain("end_date"), "date"),
    # Translators: column of the activity export: "day", "month" or "year".
    Column("date_precision", _("Date precision"), _plain("date_precision")),
    Column("city_en", _("City (English)"), _text("city", "en")),
    Column("city_zh_hans", _("City (Chinese)"), _text("city", "zh-hans")),
    Column("country", _("Country (ISO code)"), lambda e, lookups: str(e["country"] or "")),
    Column("phase", pgettext_lazy("export column", "Phase"), _plain("phase__number"), "number"),
    Column("pillars_en", _("Pillars (English)"), lambda e, lookups: _pillars(e, "en")),
    Column("pillars_zh_hans", _("Pillars (Chinese)"), lambda e, lookups: _pillars(e, "zh-hans")),
    Column(
        "agencies_en",
        _("Organisers and partners, with roles (English)"),
        lambda e, lookups: lookups.agencies(e, "en"),
    ),
    Column(
        "agencies_zh_hans",
        _("Organisers and partners, with roles (Chinese)"),
        lambda e, lookups: lookups.agencies(e, "zh-hans"),
    ),
    Column("participants_total", _("Participants (total)"), _plain("participants_total"), "number"),
    Column("participants_women", _("Participants: women"), _plain("participants_women"), "number"),
    Column("participants_men", _("Participants: men"), _plain("participants_men"), "number"),
    Column("participants_eu", _("Participants: EU side"), _plain("participants_eu"), "number"),
    Column("participants_china", _("Participants: China side"), _plain("participants_china"), "number"),
]


def _csv_cell(value):
    if value is None:
        return ""
    # Text a spreadsheet would run as a formula, at the start or after a "; ", gets an apostrophe.
    return formula_safe(value.isoformat() if hasattr(value, "isoformat") else value)


def _pieces(head, bodies, tail):
    """head + bodies + tail in UTF-8, one piece per body: an export of one batch is one piece."""
    pending = None
    for body in bodies:
        if pending is None:
            pending = head + body
        else:
            yield pending.encode("utf-8")
            pending = body
    yield ((head if pending is None else pending) + tail).encode("utf-8")


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

    def row_batches(self):
        """The values of COLUMNS for each activity, a list of rows per batch."""
        lookups = RowLookups()
        for batch in export_batches(self.events):
            yield [[column.value(event, lookups) for column in COLUMNS] for event in batch]

    def chunks(self):
        """The file's bytes in pieces, one per batch of activities, to send as they come."""
        raise NotImplementedError

    def render(self):
        """The file's bytes."""
        return b"".join(self.chunks())


class CSVExporter(Exporter):
    identifier = "csv"
    content_type = "text/csv; charset=utf-8"
    extension = "csv"

    def chunks(self):
        buffer = io.StringIO()
        writer = csv.writer(buffer)

        def text(rows):
            writer.writerows(rows)
            written = buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            return written

        # The byte order mark makes Excel read the file as UTF-8, so Chinese shows correctly.
        head = "\ufeff" + text([[column.key for column in COLUMNS]])
        bodies = (text([_csv_cell(value) for value in row] for row in rows) for rows in self.row_batches())
        return _pieces(head, bodies, "")


class XLSXExporter(Exporter):
    """A workbook of the activities and an "About" sheet.

    Written in openpyxl's write-only mode: rows go to a temporary file as they come instead of
    living as cell objects (100,000 activities are 2.3 million cells). A workbook is a zip archive,
    complete only once closed, so it goes out in one piece.
    """

    identifier = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"

    def chunks(self):
        yield self.render()

    def render(self):
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        def text(value):
            return _xlsx_text(sheet, value)

        with translation.override(self.lang):
            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(gettext("Activities"))
            # A write-only sheet takes its layout before its first row.
            sheet.freeze_panes = "A2"
            for index, column in enumerate(COLUMNS, 1):
                width = 14 if column.kind != "text" else 28
                sheet.column_dimensions[get_column_letter(index)].width = width
            header = [WriteOnlyCell(sheet, value=str(column.label)) for column in COLUMNS]
            for cell in header:
                cell.font = Font(bold=True)
            sheet.append(header)
            # Dates need no format of their own: openpyxl gives date cells "yyyy-mm-dd".
            cleaners = [text if column.kind == "text" else None for column in COLUMNS]
            count = 1
            for rows in self.row_batches():
                for row in rows:
                    sheet.append(
                        [clean(value) if clean else value for clean, value in zip(cleaners, row, strict=True)]
                    )
                count += len(rows)
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{count}"
            self._about_sheet(workbook)
            buffer = io.BytesIO()
            workbook.save(buffer)
        return buffer.getvalue()

    def _about_sheet(self, workbook):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        about = workbook.create_sheet(gettext("About"))
        about.column_dimensions["A"].width = 24
        about.column_dimensions["B"].width = 60
        title = WriteOnlyCell(
            about, value=gettext("EU-China Dialogue on Migration and Mobility Support Project: activities")
        )
        title.font = Font(bold=True)
        about.append([title])
        about.append([gettext("Generated"), timezone.localtime(self.generated_at).strftime("%Y-%m-%d %H:%M")])
        # The selection repeats what the visitor typed in the search box.
        selection = self.description or gettext("All published activities")
        about.append([gettext("Selection"), _xlsx_text(about, selection)])
        about.append([gettext("Source"), site_url(reverse("activities:list"))])
        about.append(
            [gettext("Empty participant cells mean the figure was not recorded; they are not zero.")]
        )
        about.append([])
        about.append([gettext("Column"), gettext("Meaning")])
        for column in COLUMNS:
            about.append([column.key, str(column.label)])


def _xlsx_text(sheet, value):
    """Text without the control characters XLSX cannot hold, and never a formula.

    openpyxl stores text that starts with "=" as a formula: such a cell is written as a string,
    its value unchanged. Other text needs no cell object of its own (millions of cells).
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith("="):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


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

    def chunks(self):
        # Written as ET.indent would lay out the whole tree, one activity at a time.
        head = (
            "<?xml version='1.0' encoding='utf-8'?>\n"
            f'<iati-activities version="{IATI_VERSION}" '
            f'generated-datetime="{self.generated_at.replace(microsecond=0).isoformat()}">'
        )
        today = timezone.localdate(self.generated_at)
        lookups = RowLookups()
        bodies = (
            "".join(self._indented(self.activity(event, today, lookups)) for event in batch)
            for batch in export_batches(self.events)
        )
        return _pieces(head, bodies, "\n</iati-activities>")

    @staticmethod
    def _indented(activity):
        ET.indent(activity, level=1)
        return "\n  " + ET.tostring(activity, encoding="unicode")

    def activity(self, event, today, lookups):
        activity = ET.Element(
            "iati-activity",
            {
                "last-updated-datetime": event["updated_at"].replace(microsecond=0).isoformat(),
                XML_LANG: "en",
                "hierarchy": "1",
            },
        )
        ET.SubElement(activity, "iati-identifier").text = f"{IDENTIFIER_PREFIX}{event['slug']}"
        reporting = ET.SubElement(
            activity, "reporting-org", {"ref": REPORTING_ORG_REF, "type": REPORTING_ORG_TYPE}
        )
        for lang, name in REPORTING_ORG_NAMES.items():
            _narrative(reporting, name, lang)
        self._narratives(ET.SubElement(activity, "title"), event, "title")
        if event["summary_en"] or event["summary_zh_hans"]:
            self._narratives(ET.SubElement(activity, "description", {"type": "1"}), event, "summary")
        for role in event["agency_roles"]:
            org = ET.SubElement(
                activity,
                "participating-org",
                {
                    "role": str(IATI_ORGANISATION_ROLE[AgencyRole(role["role"])]),
                    "type": IATI_ORGANISATION_TYPE.get(role["kind"], "90"),
                },
            )
            self._narratives(org, role, "name")
        ET.SubElement(activity, "activity-status", {"code": _status(event, today)})
        start, end = event["start_date"], event["end_date"]
        started, ended = start <= today, end < today
        ET.SubElement(
            activity,
            "activity-date",
            {"iso-date": start.isoformat(), "type": ACTUAL_START if started else PLANNED_START},
        )
        ET.SubElement(
            activity,
            "activity-date",
            {"iso-date": end.isoformat(), "type": ACTUAL_END if ended else PLANNED_END},
        )
        ET.SubElement(activity, "recipient-country", {"code": RECIPIENT_COUNTRY, "percentage": "100"})
        if event["city_en"]:
            location = ET.SubElement(activity, "location")
            self._narratives(ET.SubElement(location, "name"), event, "city")
        dac = ET.SubElement(
            activity,
            "sector",
            {"vocabulary": SECTOR_VOCABULARY_DAC, "code": DAC_MIGRATION_SECTOR, "percentage": "100"},
        )
        for lang, name in DAC_MIGRATION_SECTOR_NAMES.items():
            _narrative(dac, name, lang)
        pillars = event["pillars"]
        for pillar, percentage in zip(pillars, _percentages(len(pillars)), strict=True):
            sector = ET.SubElement(
                activity,
                "sector",
                {
                    "vocabulary": SECTOR_VOCABULARY_REPORTING_ORG,
                    "code": pillar["slug"],
                    "percentage": percentage,
                },
            )
            self._narratives(sector, pillar, "name")
        link = ET.SubElement(
            activity, "document-link", {"format": "text/html", "url": lookups.url(event, "en")}
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
    if event["start_date"] > today:
        return STATUS_PIPELINE
    if event["end_date"] >= today:
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
