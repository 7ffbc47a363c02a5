"""The activity list's filters, shared by the list page, the feed and the calendar.

Every value that does not validate (``?year=abc``, ``?phase=../``, a slug that does not exist)
becomes a form error: the list shows it and ignores that filter, the feed and calendar answer 404.
Values are language-neutral (numbers, slugs, English city names), so a filtered URL means the
same selection on both language twins.
"""

import functools
import re

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.page_cache import cached_value
from partners.models import PartnerAgency
from partners.selectors import name_ordering

from .enums import EventType
from .models import Event, EventAgency, Phase
from .search import has_words, search
from .selectors import event_facets, pillars_with_published_events

SORT_CHOICES = [
    # The default: most relevant first while searching (activities.search), else newest first.
    ("", _("Best match first")),
    ("-date", _("Newest first")),
    ("date", _("Oldest first")),
]
SORT_ORDERING = {
    "-date": ("-start_date", "-id"),
    "date": ("start_date", "id"),
}


def _agencies(request):
    """Only agencies named on a published activity: a choice must be able to find something."""
    published = EventAgency.objects.filter(
        agency=OuterRef("pk"), event__in=Event.objects.published().values("pk")
    )
    return PartnerAgency.objects.filter(Exists(published)).order_by(*name_ordering())


def _pillars(request):
    return pillars_with_published_events()


class PhaseChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        # Translators: a phase in the filter form: "Phase 2: EU-China Dialogue on ...".
        return _("Phase %(number)s: %(name)s") % {"number": obj.number, "name": obj.name}


class PhaseFilter(django_filters.ModelChoiceFilter):
    field_class = PhaseChoiceField


# What no feed, calendar or spreadsheet can carry (XML 1.0 and XLSX refuse it), and no one types in
# a search: control characters but tab and line breaks, lone surrogates, U+FFFE and U+FFFF.
# The list then shows the error, the feed and calendar answer 404, the downloads ignore the search.
unwritable_characters = RegexValidator(
    re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"),
    message=_("The search may not contain control characters."),
    code="control_characters",
    inverse_match=True,
)

# Model choices whose options the form offers from the cache (the pillars too, grouped: _pillar_options).
REMEMBERED_OPTIONS = ("phase", "agency")


def _remembered_options(field, name):
    """The options of a model choice, (value, label), remembered per language until content changes.

    Finding the pillars and agencies named on a published activity reads the activities, and the
    list is the same for every visitor. Only the options shown are remembered: a submitted value
    is still looked up in the field's queryset.
    """

    def options():
        return [(str(value), str(label)) for value, label in field.iterator(field)]

    return cached_value(f"filter-options:{name}:{get_language()}", options)


def _pillar_options(field):
    """The pillar options grouped by phase: phases I and II have pillars of the same names."""

    def options():
        groups = {}
        for pillar in field.queryset:  # ordered by phase, then pillar
            phase = gettext("Phase %(number)s") % {"number": pillar.phase.number}
            groups.setdefault(phase, []).append((pillar.slug, str(pillar.name)))
        return [("", str(field.empty_label)), *groups.items()]

    return cached_value(f"filter-options:pillar-groups:{get_language()}", options)


class EventFilterForm(forms.Form):
    """The filter form, offering the options of REMEMBERED_OPTIONS from the cache."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in REMEMBERED_OPTIONS:
            field = self.fields[name]
            # A callable is evaluated when the select is drawn: the feed and calendar never are.
            field.widget.choices = functools.partial(_remembered_options, field, name)
        pillar = self.fields["pillar"]
        pillar.widget.choices = functools.partial(_pillar_options, pillar)
        if not has_words((self.data or {}).get("q")):
            # Without a search the default order is the newest first: offered once, as the default
            # ("" and "-date" mean the same; a link may carry either).
            newest = "-date" if (self.data or {}).get("sort") == "-date" else ""
            self.fields["sort"].widget.choices = [(newest, SORT_CHOICES[1][1]), SORT_CHOICES[2]]


class EventFilter(django_filters.FilterSet):
    """Filters of the public activity list: ``EventFilter(request.GET, queryset=..., request=...)``."""

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=200,
        validators=[unwritable_characters],
        help_text=_("Words of the title, summary, places or text, in English or Chinese."),
    )
    phase = PhaseFilter(
        label=pgettext_lazy("filter", "Phase"),
        queryset=Phase.objects.all(),
        to_field_name="number",
        empty_label=_("All phases"),
    )
    pillar = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("filter", "Pillar"),
        queryset=_pillars,
        to_field_name="slug",
        field_name="pillars",
        empty_label=_("All pillars"),
    )
    type = django_filters.ChoiceFilter(
        label=pgettext_lazy("filter", "Type"),
        choices=EventType.choices,
        empty_label=_("All types"),
    )
    year = django_filters.ChoiceFilter(
        label=pgettext_lazy("filter", "Year"),
        field_name="start_date",
        lookup_expr="year",
        choices=[],
        empty_label=_("All years"),
    )
    city = django_filters.ChoiceFilter(
        label=pgettext_lazy("filter", "City"),
        method="filter_city",
        choices=[],
        empty_label=_("All cities"),
    )
    agency = django_filters.ModelChoiceFilter(
        label=pgettext_lazy("filter", "Partner agency"),
        queryset=_agencies,
        to_field_name="slug",
        method="filter_agency",
        empty_label=_("All partner agencies"),
    )
    sort = django_filters.ChoiceFilter(
        label=pgettext_lazy("filter", "Sort"),
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
    )

    class Meta:
        form = EventFilterForm

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        facets = event_facets()
        self.filters["year"].extra["choices"] = [(str(year), str(year)) for year in facets.years]
        self.filters["city"].extra["choices"] = facets.cities
        # Only types that find something, like every other choice of the form.
        self.filters["type"].extra["choices"] = [
            (value, label) for value, label in EventType.choices if value in facets.types
        ]

    def filter_text(self, queryset, name, value):
        # Full text on PostgreSQL, ranked; words anywhere on SQLite (activities.search).
        return search(queryset, value)

    def filter_city(self, queryset, name, value):
        return queryset.filter(Q(city_en__iexact=value) | Q(city_zh_hans__iexact=value))

    def filter_agency(self, queryset, name, agency):
        roles = EventAgency.objects.filter(event=OuterRef("pk"), agency=agency)
        return queryset.filter(Exists(roles))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDERING[value])

    def active_filters(self):
        """The names of the filters that select something (sorting aside), for the page."""
        if not self.is_bound:
            return []
        cleaned = getattr(self.form, "cleaned_data", {})
        return [name for name, value in cleaned.items() if name != "sort" and value not in (None, "", [])]
