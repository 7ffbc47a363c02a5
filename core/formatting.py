"""Dates written the reader's way: 27 June 2023 / 2023年6月27日, with their precision."""

import re

from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.translation import gettext, pgettext

from core.enums import DatePrecision


def format_date_range(start, end, precision=DatePrecision.DAY):
    """The dates of an activity as a reader writes them, never showing an invented day."""
    if start is None:
        return ""
    if precision == DatePrecision.UNKNOWN:
        return gettext("Date not known")
    end = end or start
    if precision == DatePrecision.YEAR:
        # Translators: a PHP-style date format for a year alone; "Y年" in Chinese.
        fmt_year = pgettext("date format", "Y")
        if start.year == end.year:
            return date_format(start, fmt_year)
        return _join(date_format(start, fmt_year), date_format(end, fmt_year))
    if precision == DatePrecision.MONTH:
        month = get_format("YEAR_MONTH_FORMAT")
        if (start.year, start.month) == (end.year, end.month):
            return date_format(start, month)
        if start.year == end.year:
            # Translators: start of a month range in one year ("March" in "March – April 2023").
            first = date_format(start, pgettext("date format", "F"))
            return _join(first, date_format(end, month), tight=True)
        return _join(date_format(start, month), date_format(end, month))
    full = get_format("DATE_FORMAT")
    if start == end:
        return date_format(start, full)
    if (start.year, start.month) == (end.year, end.month):
        # Translators: "20" in "20–23 February 2023"; Chinese shows the whole start date.
        start_fmt = pgettext("date range start, same month", "j")
        # Translators: "23 February 2023" in "20–23 February 2023"; Chinese shows only the day.
        end_fmt = pgettext("date range end, same month", "j F Y")
        return _join(date_format(start, start_fmt), date_format(end, end_fmt), tight=True)
    if start.year == end.year:
        # Translators: "30 March" in "30 March – 2 April 2023".
        start_fmt = pgettext("date range start, same year", "j F")
        # Translators: "2 April 2023" in "30 March – 2 April 2023"; Chinese drops the year.
        end_fmt = pgettext("date range end, same year", "j F Y")
        return _join(date_format(start, start_fmt), date_format(end, end_fmt))
    return _join(date_format(start, full), date_format(end, full))


def _join(first, second, tight=False):
    if tight:
        # Translators: joins two dates of one month ("20–23"); Chinese uses "至".
        separator = pgettext("date range separator, same month", "–")
    else:
        # Translators: joins two dates (" – "); Chinese uses "至".
        separator = pgettext("date range separator", " – ")
    return f"{first}{separator}{second}"


def format_date(value, precision=DatePrecision.DAY):
    """One date shown only as precisely as the sources give it."""
    if value is None or precision == DatePrecision.UNKNOWN:
        return gettext("not known")
    if precision == DatePrecision.YEAR:
        return date_format(value, pgettext("date format", "Y"))
    if precision == DatePrecision.MONTH:
        return date_format(value, get_format("YEAR_MONTH_FORMAT"))
    return date_format(value, get_format("DATE_FORMAT"))


def format_phase_dates(phase):
    """A phase's span, each end as precisely as the sources give it ("2015 – 2018")."""
    start = format_date(phase.start_date, phase.start_precision)
    end = format_date(phase.end_date, phase.end_precision)
    return _join(start, end)


ROMAN_NUMERALS = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X"}
CHINESE_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"}


def phase_numeral(number):
    """A phase's number as the project's documents write it: "II" in English, "二" in Chinese
    (第二期); a number past ten, which no phase has, stays in digits."""
    numerals = CHINESE_NUMERALS if (translation.get_language() or "en") == "zh-hans" else ROMAN_NUMERALS
    return numerals.get(number, str(number))


def list_separator():
    # Translators: separates items of a list of places or names ("Haikou, Yangpu"); Chinese uses "、".
    return pgettext("list separator", ", ")


def label_colon():
    # Translators: ends a label before its value or link ("E-mail: x@iom.int"); Chinese uses "：", no space.
    return pgettext("label colon", ": ")


def format_place(event, *, with_venue=True):
    """Venue, main city and other places, and country, in the active language.

    "Haikou, Yangpu, Sanya, China" / "海口、洋浦、三亚，中国": places are listed with the list
    separator, the parts of the address with the place separator.
    """
    from .templatetags.portal import resolve_translation

    venue = resolve_translation(event, "venue")[0] if with_venue else ""
    city = resolve_translation(event, "city")[0]
    places = resolve_translation(event, "places")[0]
    towns = list_separator().join(part for part in (city, _localized_list(places)) if part)
    country = str(event.country.name) if event.country else ""
    # Translators: separates the venue, city and country of an activity; Chinese uses "，".
    separator = pgettext("place separator", ", ")
    return separator.join(part for part in (venue, towns, country) if part)


def _localized_list(text):
    """A list typed with commas or 、, written with the active language's list separator."""
    items = [item.strip() for item in re.split(r"[,，、]", text or "") if item.strip()]
    return list_separator().join(items)


def format_participants(event):
    """The participant figure as the sources give it: "around 100", "China side: over 30", "不详".

    Chinese follows Chinese usage: "约 100 人", "30 余人", "中方 25 人".
    """
    qualifier = event.participants_qualifier
    if event.participants_total is not None:
        return _qualified(event.participants_total, qualifier)
    if event.participants_china is not None:
        # Translators: a China-side count without a total ("China side: over 30"; "中方 30 余人").
        return pgettext("participants", "China side: %(figure)s") % {
            "figure": _qualified(event.participants_china, qualifier)
        }
    if event.participants_eu is not None:
        return pgettext("participants", "EU side: %(figure)s") % {
            "figure": _qualified(event.participants_eu, qualifier)
        }
    return gettext("Not known")


def _qualified(number, qualifier):
    if qualifier == "about":
        # Translators: an approximate head count ("around 100"); Chinese "约 100 人".
        return pgettext("participants", "around %(count)s") % {"count": number}
    if qualifier == "over":
        # Translators: a lower bound given by the source ("over 30"); Chinese "30 余人".
        return pgettext("participants", "over %(count)s") % {"count": number}
    # Translators: an exact head count ("43"); Chinese "43 人".
    return pgettext("participants", "%(count)s people") % {"count": number}
