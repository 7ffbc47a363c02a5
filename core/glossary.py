"""The project's glossary (locale/glossary.csv): one Chinese form per key term.

Each row gives the English term, its Chinese form, where that form comes from (a seed document or
official usage), a note for translators and the Chinese variants it rejects ("a | b"). A rejected
variant is allowed only inside a quotation: between “ ” or 《 》, or in a record whose staff-only
sources say its text is "quoted verbatim" (phase I's brochure wording).
"""

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

GLOSSARY_PATH = Path(settings.BASE_DIR) / "locale" / "glossary.csv"
QUOTED_MARK = "quoted verbatim"
_QUOTATIONS = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」")


@dataclass(frozen=True)
class Term:
    english: str
    chinese: str
    source: str
    note: str
    rejected: tuple


@functools.cache
def terms():
    with GLOSSARY_PATH.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Term(
                english=row["english"],
                chinese=row["chinese"],
                source=row["source"],
                note=row["note"],
                rejected=tuple(v.strip() for v in row["rejected"].split("|") if v.strip()),
            )
            for row in csv.DictReader(handle)
        )


def outside_quotations(text):
    return _QUOTATIONS.sub("", text or "")


def rejected_variants(text):
    """[(variant, term), ...] for each rejected variant the text uses outside a quotation."""
    plain = outside_quotations(text)
    return [(variant, term) for term in terms() for variant in term.rejected if variant in plain]


def quotes_its_source(obj):
    return QUOTED_MARK in (getattr(obj, "sources", "") or "")
