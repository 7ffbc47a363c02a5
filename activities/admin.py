"""The admin where staff enter activities, in English and Chinese side by side."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from core import uploads
from core.admin import ChineseTranslationFilter, TabbedTranslationAdmin
from core.admin_history import GuardedHistoryAdmin
from core.admin_revisions import PublishedParentGuardMixin, ReviewedChangesAdminMixin
from core.admin_workflow import (
    AllOrNothingImportMixin,
    TranslationStatusFilter,
    TranslatorInlineMixin,
    WorkflowAdminMixin,
)
from core.formatting import format_date_range, format_phase_dates, phase_numeral

from .enums import IATI_ORGANISATION_ROLE, AgencyRole
from .forms import EventAdminForm, EventAgencyFormSet, pillar_label
from .models import Attachment, Event, EventAgency, Participant, Phase, Photo, Pillar
from .resources import EventResource, ParticipantResource
from .services import event_save, event_transition, pillar_phase_error

# IATI OrganisationRole codelist names, shown beside each agency role.
IATI_ROLE_NAMES = {1: _("Funding"), 2: _("Accountable"), 3: _("Extending"), 4: _("Implementing")}


def iati_role_label(agency_role):
    """The IATI organisation role an agency role is published under, e.g. "3 Extending"."""
    if not agency_role.role:
        return "-"
    code = IATI_ORGANISATION_ROLE[AgencyRole(agency_role.role)]
    return f"{code} {IATI_ROLE_NAMES[code]}"


class StartYearFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("start_date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(start_date__year=int(value))
        return queryset


class PillarFilter(admin.SimpleListFilter):
    """Pillars labelled with their phase: phases I and II share the same four names."""

    title = _("pillar")
    parameter_name = "pillar"

    def lookups(self, request, model_admin):
        pillars = Pillar.objects.select_related("phase")
        return [(str(pillar.pk), pillar_label(pillar)) for pillar in pillars]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(pillars=int(value))
        return queryset


class EventAgencyInline(admin.TabularInline):
    model = EventAgency
    formset = EventAgencyFormSet
    autocomplete_fields = ("agency",)
    fields = ("agency", "role", "iati_role", "order")
    readonly_fields = ("iati_role",)
    extra = 0

    @admin.display(description=_("IATI role"))
    def iati_role(self, obj):
        return iati_role_label(obj)


class ParticipantInline(TranslatorInlineMixin, TranslationStackedInline):
    model = Participant
    autocomplete_fields = ("agency",)
    fields = (
        ("name", "role"),
        "position",
        ("agency", "organisation"),
        ("country", "gender"),
        ("email", "phone"),
        ("consent_to_publish", "order"),
    )
    extra = 0


# The form's photo field gives the validator's reason ("SVG images are not accepted...")
# instead of Django's generic "Upload a valid image".
PHOTO_FIELD = {models.ImageField: {"form_class": uploads.PhotoFormField}}


class PhotoInline(TranslatorInlineMixin, TranslationTabularInline):
    model = Photo
    fields = ("image", "caption", "credit", "order")
    formfield_overrides = PHOTO_FIELD
    extra = 0


class AttachmentInline(TranslatorInlineMixin, TranslationTabularInline):
    model = Attachment
    fields = ("kind", "title", "file", "language", "order")
    extra = 0


@admin.register(Event)
class EventAdmin(
    ReviewedChangesAdminMixin, AllOrNothingImportMixin, WorkflowAdminMixin, TabbedTranslationAdmin
):
    translation_queue_position = 1  # its place in the admin index's translators' queue
    form = EventAdminForm
    richtext_fields = ("body",)
    resource_classes = (EventResource,)
    # Fits 1280 px beside the filters: the phase by its numeral, the state of both languages in
    # one column (the Chinese-complete tick and the city made the status scroll out of sight).
    list_display = ("title", "dates", "phase_numeral", "type", "status", "translation_state")
    list_filter = (
        "phase",
        PillarFilter,
        "type",
        StartYearFilter,
        "status",
        ChineseTranslationFilter,
        TranslationStatusFilter,
    )
    list_select_related = ("phase",)
    search_fields = (
        "title_en",
        "title_zh_hans",
        "summary_en",
        "summary_zh_hans",
        "city_en",
        "city_zh_hans",
        "venue_en",
        "venue_zh_hans",
        "slug",
    )
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ("created_at", "created_by", "updated_at", "updated_by")
    inlines = (EventAgencyInline, ParticipantInline, PhotoInline, AttachmentInline)
    actions = ("submit_for_review", "publish", "unpublish", "archive", "confirm_translations")
    save_on_top = True
    fieldsets = (
        (
            None,
            {"fields": ("phase", "pillars", "pillars_editorial", "type", "title", "slug", "summary", "body")},
        ),
        (_("Sources"), {"fields": ("sources",)}),
        (_("Dates"), {"fields": ("start_date", "end_date", "date_precision")}),
        (_("Place"), {"fields": ("city", "places", "venue", "country")}),
        (
            _("Participant figures"),
            {
                "description": _(
                    "Leave a figure empty when the sources do not give it: empty means unknown, "
                    "0 means nobody."
                ),
                "fields": (
                    ("participants_total", "participants_qualifier"),
                    ("participants_women", "participants_men"),
                    ("participants_eu", "participants_china"),
                ),
            },
        ),
        (
            _("Publication"),
            {
                "fields": (
                    ("status", "published_at"),
                    ("created_at", "created_by"),
                    ("updated_at", "updated_by"),
                    "loaded_version",
                )
            },
        ),
    )

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, obj):
        return format_date_range(obj.start_date, obj.end_date, obj.date_precision)

    @admin.display(description=_("phase"), ordering="phase__number")
    def phase_numeral(self, obj):
        return format_html('<span title="{}">{}</span>', obj.phase, phase_numeral(obj.phase.number))

    def save_model(self, request, obj, form, change):
        if not self.held_for_review(request, obj, change):  # a non-publisher's change waits for review
            event_save(event=obj, user=request.user)

    def check_reviewed(self, request, obj, many_to_many):
        """A reviewed change is published only if its pillars fit the activity's phase as it will
        be: a publisher may have moved the activity to another phase since the change was made."""
        if "pillars" in many_to_many:
            pillars = Pillar.objects.select_related("phase").filter(pk__in=many_to_many["pillars"])
        else:
            pillars = obj.pillars.select_related("phase")
        message = pillar_phase_error(phase=obj.phase, pillars=list(pillars))
        if message:
            raise ValidationError({"pillars": message})

    def transition(self, *, obj, user, status):
        event_transition(event=obj, user=user, status=status)

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("pillars", "agency_roles__agency")


class PillarInline(TranslatorInlineMixin, TranslationStackedInline):
    model = Pillar
    fields = (("kind", "order"), "name", "slug", "description", "description_editorial")
    prepopulated_fields = {"slug": ("name_en",)}
    extra = 0


@admin.register(Phase)
class PhaseAdmin(TabbedTranslationAdmin):
    translation_queue_position = 4  # its place in the admin index's translators' queue
    list_display = ("number", "name", "dates", "funding_instrument", "chinese_complete", "translation_state")
    search_fields = ("name_en", "name_zh_hans", "funding_instrument_en", "funding_instrument_zh_hans")
    list_filter = (ChineseTranslationFilter, TranslationStatusFilter)
    actions = ("confirm_translations",)
    autocomplete_fields = ("implementing_organisations",)
    inlines = (PillarInline,)
    fields = (
        "number",
        "name",
        ("start_date", "start_precision"),
        ("end_date", "end_precision"),
        "funding_instrument",
        "implementing_organisations",
        "summary",
        "objectives_label",
        "objectives",
        "sources",
    )

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, obj):
        return format_phase_dates(obj)


@admin.register(Pillar)
class PillarAdmin(TabbedTranslationAdmin):
    translation_queue_position = 3  # its place in the admin index's translators' queue
    list_display = ("name", "phase", "kind", "order", "chinese_complete", "translation_state")
    list_filter = ("phase", "kind", ChineseTranslationFilter, TranslationStatusFilter)
    actions = ("confirm_translations",)
    list_select_related = ("phase",)
    search_fields = ("name_en", "name_zh_hans", "description_en", "description_zh_hans", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    fields = ("phase", ("kind", "order"), "name", "slug", "description", "description_editorial", "sources")


class EventChildAdmin(PublishedParentGuardMixin, TabbedTranslationAdmin):
    """Records that belong to one activity, reachable on their own to search across activities."""

    autocomplete_fields = ("event",)
    list_select_related = ("event",)


@admin.register(Participant)
class ParticipantAdmin(AllOrNothingImportMixin, EventChildAdmin):
    resource_classes = (ParticipantResource,)
    # Foreign names and titles have no Chinese form more often than not.
    chinese_required_fields = ("position", "organisation")
    # The activity by a column that wraps (Django keeps a foreign key on one line): 1280 px.
    list_display = ("name", "event_title", "role", "agency_or_organisation", "consent_to_publish")
    list_filter = ("role", "consent_to_publish", "gender")
    list_select_related = ("event", "agency")
    autocomplete_fields = ("event", "agency")
    search_fields = (
        "name_en",
        "name_zh_hans",
        "position_en",
        "position_zh_hans",
        "organisation_en",
        "organisation_zh_hans",
        "event__title_en",
        "event__title_zh_hans",
    )

    @admin.display(description=_("activity"), ordering="event__start_date")
    def event_title(self, obj):
        return obj.event

    @admin.display(description=_("organisation"))
    def agency_or_organisation(self, obj):
        return obj.agency or obj.organisation


@admin.register(Photo)
class PhotoAdmin(EventChildAdmin):
    # A credit is usually a name or an acronym, with no Chinese form to add.
    chinese_required_fields = ("caption",)
    formfield_overrides = PHOTO_FIELD
    list_display = ("thumbnail", "caption", "event", "order", "chinese_complete")
    search_fields = ("caption_en", "caption_zh_hans", "credit_en", "event__title_en", "event__title_zh_hans")

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        if not obj.image:
            return "-"
        return format_html('<img src="{}" alt="" style="max-height:4em">', obj.image.url)


@admin.register(Attachment)
class AttachmentAdmin(EventChildAdmin):
    list_display = ("title", "kind", "language", "event", "chinese_complete")
    list_filter = ("kind", "language")
    search_fields = ("title_en", "title_zh_hans", "event__title_en", "event__title_zh_hans")


@admin.register(EventAgency)
class EventAgencyAdmin(PublishedParentGuardMixin, GuardedHistoryAdmin):
    list_display = ("event", "agency", "role", "iati_role")
    list_filter = ("role", "agency__side")
    list_select_related = ("event", "agency")
    autocomplete_fields = ("event", "agency")
    search_fields = (
        "event__title_en",
        "event__title_zh_hans",
        "agency__name_en",
        "agency__name_zh_hans",
        "agency__acronym_en",
    )

    @admin.display(description=_("IATI role"), ordering="role")
    def iati_role(self, obj):
        return iati_role_label(obj)
