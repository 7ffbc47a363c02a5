"""Bulk import and export of activities and participants (django-import-export).

Columns carry both languages, headed by the fields' names in the user's language
(``core.resources``). Agencies are named by acronym, name or slug, phases by number, pillars and
activities by slug, and an unknown one is an error on its row and column, not a silent blank. The
agencies of an activity and their roles share one column, ``IOM (organiser); NIA (co_organiser)``.
Dates are read in the ISO form (2023-06-27) and the Chinese form (2023年6月27日). Rows are
validated as the admin validates them (``full_clean``) and saved through the same services, so
an import cannot store what the form would refuse, and an exported file imported again changes
nothing.
"""

import re

from django.db import transaction
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _
from import_export import widgets

from core.enums import Status
from core.formatting import list_separator
from core.resources import (
    ChoiceLabelWidget,
    FlexibleDateWidget,
    LabelledField,
    LabelledModelResource,
    StrictForeignKeyWidget,
    StrictManyToManyWidget,
    heading,
)
from partners.resources import AgencyWidget

from .enums import AgencyRole
from .models import Event, EventAgency, Participant, Phase, Pillar
from .services import event_save

# "IOM (organiser)", "国际移民组织（主办方）": a name, then a role in brackets of either width.
AGENCY_WITH_ROLE = re.compile(r"^(?P<name>.+?)\s*[(（]\s*(?P<role>[^()（）]+?)\s*[)）]$")


def _date(column):
    return LabelledField(attribute=column, column_name=column, widget=FlexibleDateWidget())


def _role_names():
    """Each role by its code and its label in either language."""
    names = {}
    for role in AgencyRole:
        names[role.value.casefold()] = role.value
        for language in ("en", "zh-hans"):
            with override(language):
                names[str(role.label).casefold()] = role.value
    return names


class AgencyRolesWidget(widgets.Widget):
    """An activity's agencies with their roles, "IOM (organiser); NIA (co_organiser)", in order.

    Every unknown agency or role of the cell is named in one error.
    """

    def __init__(self):
        super().__init__()
        self.agencies = AgencyWidget()

    def clean(self, value, row=None, **kwargs):
        roles, problems = [], []
        role_names = _role_names()
        for item in re.split(r"[;；]", str(value or "")):
            item = item.strip()
            if not item:
                continue
            match = AGENCY_WITH_ROLE.match(item)
            if match is None:
                problems.append(
                    gettext("“%(item)s” has no role: write it as “IOM (organiser)”.") % {"item": item}
                )
                continue
            try:
                agency = self.agencies.clean(match["name"])
            except ValueError as error:
                problems.append(str(error))
                continue
            role = role_names.get(match["role"].casefold())
            if role is None:
                problems.append(
                    gettext("“%(role)s” is not a role: use one of %(roles)s.")
                    % {"role": match["role"], "roles": list_separator().join(map(str, AgencyRole.labels))}
                )
                continue
            roles.append((agency, role))
        if problems:
            raise ValueError(" ".join(problems))
        return roles

    def render(self, value, obj=None, **kwargs):
        # The role by its label in the user's language, punctuated as that language is:
        # "IOM (Organiser); NIA (Co-organiser)", "国际移民组织（主办方）；国家移民管理局（协办方）".
        # clean() reads either language, either punctuation, or the codes.
        chinese = get_language() == "zh-hans"
        item, separator = ("{}（{}）", "；") if chinese else ("{} ({})", "; ")
        return separator.join(
            item.format(self.agencies.render(agency), AgencyRole(role).label) for agency, role in value or []
        )


def agency_roles(event):
    """The (agency, role) pairs an activity has, in their order (prefetched by an export)."""
    if event.pk is None:
        return []
    return [(link.agency, link.role) for link in event.agency_roles.all()]


class EventResource(LabelledModelResource):
    phase = LabelledField(
        attribute="phase", column_name="phase", widget=StrictForeignKeyWidget(Phase, "number")
    )
    pillars = LabelledField(
        attribute="pillars", column_name="pillars", widget=StrictManyToManyWidget(Pillar, ",", "slug")
    )
    start_date = _date("start_date")
    end_date = _date("end_date")
    status = LabelledField(
        attribute="status", column_name="status", readonly=True, widget=ChoiceLabelWidget(Status.choices)
    )
    agencies = LabelledField(
        attribute="imported_agency_roles",
        column_name="agencies",
        widget=AgencyRolesWidget(),
        label=heading(_("partner agencies and roles")),
    )

    class Meta:
        model = Event
        import_id_fields = ("slug",)
        fields = (
            "slug", "phase", "pillars", "pillars_editorial", "type",
            "title_en", "title_zh_hans", "summary_en", "summary_zh_hans", "body_en", "body_zh_hans",
            "start_date", "end_date", "date_precision",
            "city_en", "city_zh_hans", "places_en", "places_zh_hans", "venue_en", "venue_zh_hans",
            "country", "participants_total", "participants_women", "participants_men",
            "participants_eu", "participants_china", "participants_qualifier", "status", "agencies",
        )  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def filter_export(self, queryset, **kwargs):
        # One query per relation, whatever the number of activities exported.
        queryset = super().filter_export(queryset, **kwargs)
        return queryset.select_related("phase").prefetch_related("pillars", "agency_roles__agency")

    def dehydrate_agencies(self, event):
        return self.fields["agencies"].widget.render(agency_roles(event))

    def dehydrate_country(self, event):
        return event.country.code if event.country else ""

    def after_init_instance(self, instance, new, row, **kwargs):
        # What the row is compared with: a file that repeats the roles changes nothing.
        instance.imported_agency_roles = agency_roles(instance)

    def save_instance(self, instance, is_create, row, **kwargs):
        # The same write as the admin's: rich text cleaned, workflow checked, author recorded,
        # pillars checked against the phase.
        pillars = self.fields["pillars"]
        chosen = pillars.clean(row) if pillars.column_name in row else None
        with transaction.atomic():
            event_save(event=instance, user=kwargs.get("user"), pillars=chosen)
            wanted = instance.imported_agency_roles
            if wanted != agency_roles(instance):
                instance.agency_roles.all().delete()
                for order, (agency, role) in enumerate(wanted):  # one by one: each is in the history
                    EventAgency.objects.create(event=instance, agency=agency, role=role, order=order)


class ParticipantResource(LabelledModelResource):
    published_parent = "event"  # a participant of a published activity is on its public page
    event = LabelledField(
        attribute="event", column_name="event", widget=StrictForeignKeyWidget(Event, "slug")
    )
    agency = LabelledField(attribute="agency", column_name="agency", widget=AgencyWidget())

    class Meta:
        model = Participant
        fields = (
            "id", "event", "name_en", "name_zh_hans", "position_en", "position_zh_hans",
            "agency", "organisation_en", "organisation_zh_hans", "country", "role", "gender",
            "email", "phone", "consent_to_publish", "order",
        )  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("event", "agency")

    def dehydrate_country(self, participant):
        return participant.country.code if participant.country else ""
