"""What every app's import-export resources share: readable headings, dates in either language,
strict lookups.

Headings are the fields' names in the user's language ("Title (English)", "标题（中文）"), never
codes; an import accepts the headings of either language, and the codes too, so a file exported
from the Chinese admin imports in the English one. Errors are keyed by the same headings.
"""

import datetime
import re

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop, override
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from .formatting import list_separator
from .revisions import needs_review

# django-import-export's own words on the import page, translated in our catalogue because its
# Chinese garbles them ("某些行验数据证失败"); named here so that makemessages keeps them.
LIBRARY_MESSAGES = (
    gettext_noop("Some rows failed to validate"),
    gettext_noop(
        "Please correct these errors in your data where possible, then reupload it using the form above."
    ),
    gettext_noop("Non field specific"),
)
LANGUAGE_NAMES = {"en": _("English"), "zh-hans": _("Chinese")}
HEADING_LANGUAGES = ("en", "zh-hans")

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
                % {"model": self.model._meta.verbose_name_plural, "names": list_separator().join(unknown)}
            )
        return found


def _heading(name, language=None):
    text = capfirst(str(name))
    if language is None:
        return text
    # Translators: a spreadsheet column of one language, e.g. "Title (English)"
    return gettext("%(field)s (%(language)s)") % {"field": text, "language": LANGUAGE_NAMES[language]}


heading = lazy(_heading, str)


def _normalised(text):
    """A heading as typed by anyone: case, spaces and full-width brackets do not matter."""
    text = str(text or "").replace("\ufeff", "").replace("（", "(").replace("）", ")")
    return " ".join(text.split()).casefold()


class LabelledField(fields.Field):
    """A column whose name is its heading in the active language (``label``), or its code if none."""

    def __init__(self, *args, label=None, **kwargs):
        self.label = label
        super().__init__(*args, **kwargs)

    @property
    def column_name(self):
        return str(self.label) if self.label is not None else self.code

    @column_name.setter
    def column_name(self, value):
        self.code = value


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its label in the user's language ("Seminar", "研讨会"), read back from
    its label in either language or its code: a file exported from either admin imports in both."""

    def __init__(self, choices, **kwargs):
        self.choices = choices  # (code, lazy label) pairs
        super().__init__(**kwargs)

    def _codes(self):
        codes = {}
        for code, label in self.choices:
            codes[str(code).casefold()] = code
            for language in HEADING_LANGUAGES:
                with override(language):
                    codes[str(label).strip().casefold()] = code
        return codes

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return ""
        text = str(value).strip()
        code = self._codes().get(text.casefold())
        if code is None:
            labels = list_separator().join(str(label) for _code, label in self.choices)
            raise ValueError(
                gettext("“%(value)s” is not one of: %(choices)s.") % {"value": text, "choices": labels}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        labels = dict(self.choices)
        return str(labels.get(value, value if value is not None else ""))


class LabelledModelResource(resources.ModelResource):
    """A model resource whose headings are the fields' names in the user's language.

    A field declared on a subclass is a ``LabelledField``; without a ``label``, it takes the
    model field's name with the language it holds.

    An import by someone who may not publish refuses every row that would change a published
    record, or a row of one (``published_parent`` names the field leading to it): such a change
    must go through the change form, where it waits for a publisher's review (core.revisions).
    The whole import is then rolled back with the reason on each refused row.
    """

    published_parent = None

    DEFAULT_RESOURCE_FIELD = LabelledField

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.label = model_field_heading(django_field)
        if django_field.choices and not django_field.is_relation:
            field.widget = ChoiceLabelWidget(list(django_field.flatchoices))
        return field

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._importing_user = None
        for name, field in self.fields.items():
            if getattr(field, "label", None) is None:
                field.label = self._heading_of(name)

    def _heading_of(self, name):
        try:
            return model_field_heading(self._meta.model._meta.get_field(name))
        except Exception:  # noqa: BLE001 -- not a model field: a heading from its own name
            return heading(name.replace("_", " "))

    def header_aliases(self):
        """Every heading a file may use for each column: codes, and the names in every language."""
        aliases = {}
        for name, field in self.fields.items():
            spellings = {name, field.code, field.attribute or name}
            for language in HEADING_LANGUAGES:
                with override(language):
                    spellings.add(field.column_name)
            for spelling in spellings:
                aliases[_normalised(spelling)] = field
        return aliases

    def _published_record(self, instance):
        if self.published_parent:
            return getattr(instance, self.published_parent, None)
        if instance.pk is not None and hasattr(instance, "status"):
            return instance
        return None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        skip = super().skip_row(instance, original, row, import_validation_errors)
        record = None if skip else self._published_record(instance)
        if record is not None and self._importing_user is not None:
            if needs_review(self._importing_user, record):
                raise ValidationError(
                    {
                        NON_FIELD_ERRORS: gettext(
                            "“%(record)s” is published and only a publisher may change it by an import. "
                            "Change it in its form instead, where the change waits for a publisher’s review."
                        )
                        % {"record": record}
                    }
                )
        return skip

    def before_import(self, dataset, **kwargs):
        self._importing_user = kwargs.get("user")
        # Headings of either language, or codes, become the active language's ones.
        aliases = self.header_aliases()
        if dataset.headers:
            dataset.headers = [
                aliases[_normalised(header)].column_name if _normalised(header) in aliases else header
                for header in dataset.headers
            ]
        super().before_import(dataset, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An empty cell over an empty value (NULL or "") is no change, whichever the database holds.
        if not is_m2m and field.attribute and row.get(field.column_name) in ("", None):
            if getattr(instance, field.attribute, None) in ("", None):
                return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        # Many-to-many cells are read only when the row is saved: read them here too, so that an
        # unknown pillar is named along with the row's other errors.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        error = result.validation_error
        if error is not None and hasattr(error, "error_dict"):
            result.validation_error = ValidationError(self._labelled(error.error_dict))
        return result

    def _labelled(self, error_dict):
        """Errors keyed by the column's heading, not the field's code."""
        by_code = {}
        for name, field in self.fields.items():
            by_code[name] = by_code[field.attribute or name] = field.column_name
        return {by_code.get(key, key) if key != NON_FIELD_ERRORS else key: value
                for key, value in error_dict.items()}  # fmt: skip


def model_field_heading(django_field):
    """ "Title (English)" for modeltranslation's ``title_en``; "Start date" for ``start_date``."""
    original = getattr(django_field, "translated_field", None)
    if original is not None:
        return heading(original.verbose_name, django_field.language)
    return heading(django_field.verbose_name)
