"""Import-export widgets every app's resources share: dates in either language, strict lookups."""

import datetime
import re

from django.utils.translation import gettext
from import_export import widgets

CHINESE_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def parse_date(value):
    """A date from a spreadsheet cell: a date, an ISO string or a Chinese date; None when blank."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = CHINESE_DATE.fullmatch(text)
    try:
        if match:
            year, month, day = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            gettext("“%(value)s” is not a valid date: write it as 2023-06-27 or 2023年6月27日.")
            % {"value": text}
        ) from None


class FlexibleDateWidget(widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        return parse_date(value)

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class StrictForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key named by a readable column; an unknown name is an error, not a blank."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return super().clean(str(value).strip(), row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                gettext("No %(model)s with “%(value)s” is known.")
                % {"model": self.model._meta.verbose_name, "value": value}
            ) from None


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Several records named by slug, separated by commas; any unknown one is an error."""

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in str(value or "").split(self.separator) if name.strip()]
        found = list(self.model.objects.filter(**{f"{self.field}__in": names}))
        unknown = sorted(set(names) - {str(getattr(obj, self.field)) for obj in found})
        if unknown:
            raise ValueError(
                gettext("Unknown %(model)s: %(names)s.")
                % {"model": self.model._meta.verbose_name_plural, "names": ", ".join(unknown)}
            )
        return found
