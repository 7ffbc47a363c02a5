"""Spreadsheet cells that stay values: no CSV, TSV or XLSX the portal writes can run a formula.

CSV and TSV cells are text that the spreadsheet parses, so text that a spreadsheet would take
for a formula gets an apostrophe, the form spreadsheets themselves use for "this is text". The
rule (``formula_safe``), in two parts:

* a cell that starts with ``= + - @ | %``, a tab or a line break gets an apostrophe in front,
  unless it is a plain number such as ``-12.5`` (defusedcsv's rule, with OWASP's tab and line
  break added);
* inside a cell, a ``= + - @`` that follows a separator (``;``, ``,``, tab or line break, and any
  spaces) gets an apostrophe in front of it, because a spreadsheet that splits on that separator
  (a ";" locale of Excel, LibreOffice's import with several separators ticked) starts a new cell
  there: ``IOM; =HYPERLINK(...)`` is written ``IOM; '=HYPERLINK(...)``.

Apostrophes already standing in those places count as part of what is escaped (``'=x`` is
written ``''=x``), so the rule can be undone exactly: ``formula_unsafe`` removes one apostrophe
from each such place, and the admin's CSV and TSV imports apply it, so that a file exported and
imported again changes nothing.

CSV and TSV are written with a UTF-8 byte-order mark, without which Excel reads Chinese as
Windows-1252; imports accept files with or without one (django-import-export reads "utf-8-sig").

XLSX cells carry their type, so nothing is prefixed there: every text cell is written as a
string (``data_type`` "s") with its value unchanged. openpyxl would otherwise store any text
that starts with "=" as a formula.

django-import-export's own ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` is not used: it only
removes one leading "=" (``==HYPERLINK(...)`` stays a formula), leaves ``+ - @`` alone, and
writes every empty cell as the text "None".
"""

import re
import warnings
from io import BytesIO
from numbers import Number

import tablib
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm

FORMULA_START = ("=", "+", "-", "@", "|", "%", "\t", "\r", "\n")
PLAIN_NUMBER = re.compile(r"-?[0-9,.]+")
FORMULA_AFTER_SEPARATOR = re.compile(r"([;,\t\r\n][ \u00a0]*)('*[=+\-@])")
ESCAPED_AFTER_SEPARATOR = re.compile(r"([;,\t\r\n][ \u00a0]*)'('*[=+\-@])")
BYTE_ORDER_MARK = "\ufeff"


def _starts_like_formula(value):
    return value.lstrip("'").startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value)


def formula_safe(value):
    """``value`` as a CSV or TSV cell that no spreadsheet runs as a formula (see the module)."""
    if value is None or isinstance(value, Number) or not isinstance(value, str) or not value:
        return value
    value = FORMULA_AFTER_SEPARATOR.sub(r"\1'\2", value)
    if _starts_like_formula(value):
        value = "'" + value
    return value


def formula_unsafe(value):
    """The value ``formula_safe`` was given, from what it wrote: ``formula_unsafe(formula_safe(v)) == v``."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith("'") and _starts_like_formula(value[1:]):
        value = value[1:]
    return ESCAPED_AFTER_SEPARATOR.sub(r"\1\2", value)


def _mapped(dataset, clean):
    """A copy of the tablib dataset with ``clean`` applied to every cell and header."""
    headers = [clean(header) for header in dataset.headers] if dataset.headers else None
    rows = ([clean(cell) for cell in row] for row in dataset)
    return tablib.Dataset(*rows, headers=headers, title=dataset.title)


def _escaped(dataset):
    return _mapped(dataset, formula_safe)


def _xlsx_text(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    return value


class _ReversibleText:
    """Written escaped and with a byte-order mark; read back with the escaping undone."""

    def export_data(self, dataset, **kwargs):
        return BYTE_ORDER_MARK + super().export_data(_escaped(dataset), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, str):
            in_stream = in_stream.removeprefix(BYTE_ORDER_MARK)
        return _mapped(super().create_dataset(in_stream, **kwargs), formula_unsafe)


class SafeCSV(_ReversibleText, base_formats.CSV):
    pass


class SafeTSV(_ReversibleText, base_formats.TSV):
    pass


class SafeXLSX(base_formats.XLSX):
    """tablib's XLSX writer, with every text cell a string (never a formula) and no illegal characters."""

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook
        from tablib.formats._xlsx import safe_xlsx_sheet_title

        xlsx = self.get_format()
        workbook = Workbook()
        sheet = workbook.worksheets[0]
        sheet.title = safe_xlsx_sheet_title(dataset.title, "-") if dataset.title else "Tablib Dataset"
        with warnings.catch_warnings():
            # openpyxl's deprecation warnings, as django-import-export's XLSX silences them too
            warnings.filterwarnings("ignore", category=DeprecationWarning)
            xlsx.dset_sheet(_mapped(dataset, _xlsx_text), sheet, freeze_panes=True)
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # "=..." would be a formula ("f"), "#N/A" an error ("e")
        xlsx._adapt_column_width(sheet, "adaptive")
        buffer = BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


# What the admin offers for export: the formats above, and JSON (data, not a spreadsheet).
# HTML and YAML are left out: nobody needs them, and a spreadsheet opens HTML tables too.
EXPORT_FORMATS = [SafeCSV, SafeXLSX, SafeTSV, base_formats.JSON]
# What it reads: the same, so that any file it wrote comes back as it was.
IMPORT_FORMATS = [SafeCSV, base_formats.XLSX, SafeTSV, base_formats.JSON]


class LabelledExportForm(SelectableFieldsExportForm):
    """The export's choice of columns, each named by its heading ("Title (English)"), not its code."""

    def _get_field_label(self, resource, field_name):
        field = resource().fields.get(field_name)  # headings are set up per instance
        return field.column_name if field is not None else field_name
