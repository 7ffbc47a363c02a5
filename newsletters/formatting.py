"""Plain formatting shared by the newsletter pages, exports and admin."""

import calendar

from core.enums import DatePrecision
from core.formatting import format_date_range
from core.site import site_url


def absolute(path):
    """A portal path as an absolute URL on the public site (mail clients and PDF readers need it)."""
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    return site_url(path)


def period_text(start, end):
    """The period an issue covers: whole months read as months (May 2022 – June 2023)."""
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    precision = DatePrecision.MONTH if whole_months else DatePrecision.DAY
    return format_date_range(start, end, precision)
