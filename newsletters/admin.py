"""The admin where communications staff compose an issue from the activity records."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from core import revisions
from core.admin import RichTextAdminMixin, TabbedTranslationAdmin, chinese_missing
from core.admin_revisions import PublishedParentGuardMixin, ReviewedChangesAdminMixin
from core.admin_workflow import TranslationStatusFilter, TranslatorInlineMixin, WorkflowAdminMixin
from core.formatting import phase_numeral

from .formatting import period_text
from .forms import NewsletterAdminForm, NewsletterSectionForm
from .models import Newsletter, NewsletterSection, SectionEvent
from .services import newsletter_fill_from_period, newsletter_transition


def _chinese_missing_in_sections(field):
    """Sections whose English ``field`` has text but whose Chinese is empty."""
    english, chinese = f"sections__{field}_en", f"sections__{field}_zh_hans"
    has_english = Q(**{f"{english}__isnull": False}) & ~Q(**{english: ""})
    lacks_chinese = Q(**{f"{chinese}__isnull": True}) | Q(**{chinese: ""})
    return has_english & lacks_chinese


def _title_lacks_chinese():
    return Q(title_zh_hans__isnull=True) | Q(title_zh_hans="")


class ChineseCompleteFilter(admin.SimpleListFilter):
    title = _("Chinese translation")
    parameter_name = "chinese"

    def lookups(self, request, model_admin):
        return (("complete", _("Complete")), ("missing", _("Missing")))

    def queryset(self, request, queryset):
        incomplete = _title_lacks_chinese() | Q(sections_lacking_chinese__gt=0)
        if self.value() == "complete":
            return queryset.exclude(incomplete)
        if self.value() == "missing":
            return queryset.filter(incomplete)
        return queryset


class NewsletterSectionInline(RichTextAdminMixin, TranslatorInlineMixin, TranslationStackedInline):
    model = NewsletterSection
    form = NewsletterSectionForm
    richtext_fields = ("body",)
    fields = ("order", "kind", "title", "body")
    extra = 0
    show_change_link = True
    verbose_name_plural = _("sections (open a section to link its activities)")


@admin.register(Newsletter)
class NewsletterAdmin(ReviewedChangesAdminMixin, WorkflowAdminMixin, TabbedTranslationAdmin):
    translation_queue_position = 5  # its place in the admin index's translators' queue
    form = NewsletterAdminForm
    # Fits 1280 px beside the filters, status and both languages' state in sight: the phase by
    # its numeral; the publication date is on the form.
    list_display = (
        "number",
        "title",
        "period",
        "phase_numeral",
        "status",
        "chinese_complete",
        "translation_state",
    )
    list_display_links = ("number", "title")
    list_filter = ("status", "phase", ChineseCompleteFilter, TranslationStatusFilter)
    list_select_related = ("phase",)
    search_fields = ("title_en", "title_zh_hans", "number")
    readonly_fields = ("preview", "created_at", "updated_at")
    inlines = (NewsletterSectionInline,)
    actions = (
        "fill_from_period",
        "submit_for_review",
        "publish",
        "unpublish",
        "archive",
        "confirm_translations",
    )
    save_on_top = True
    fieldsets = (
        (None, {"fields": ("number", "title", ("period_start", "period_end"), "phase")}),
        (_("Publication"), {"fields": (("status", "published_at"), "publication_date")}),
        (_("Sources"), {"fields": ("sources",)}),
        (_("Preview and exports"), {"fields": ("preview", ("created_at", "updated_at"))}),
    )

    def get_queryset(self, request):
        # One query for the whole list: the Chinese flag counts the incomplete sections in SQL.
        return (
            super()
            .get_queryset(request)
            .annotate(
                sections_lacking_chinese=Count(
                    "sections",
                    filter=_chinese_missing_in_sections("title") | _chinese_missing_in_sections("body"),
                    distinct=True,
                )
            )
        )

    def transition(self, *, obj, user, status):
        newsletter_transition(newsletter=obj, user=user, status=status)

    @admin.display(description=_("period covered"), ordering="period_start")
    def period(self, obj):
        return period_text(obj.period_start, obj.period_end)

    @admin.display(description=_("phase"), ordering="phase__number")
    def phase_numeral(self, obj):
        if obj.phase is None:
            return "—"
        return format_html('<span title="{}">{}</span>', obj.phase, phase_numeral(obj.phase.number))

    @admin.display(description=_("Chinese complete"), boolean=True)
    def chinese_complete(self, obj):
        """The title and every section's title and text have their Chinese version."""
        missing_sections = getattr(obj, "sections_lacking_chinese", 0)
        return not chinese_missing(obj, ["title"]) and not missing_sections

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.pk:
            return gettext("Save the issue first: the previews appear here.")
        rows = []
        for code, name in (("en", _("English")), ("zh-hans", _("Chinese"))):
            with translation.override(code):
                urls = [
                    (reverse("newsletters:detail", kwargs={"number": obj.number}), gettext("Web edition")),
                    (reverse("newsletters:pdf", kwargs={"number": obj.number}), gettext("PDF")),
                    (reverse("newsletters:email", kwargs={"number": obj.number}), gettext("E-mail HTML")),
                ]
            links = format_html_join(
                " · ", '<a href="{}" target="_blank" rel="noopener">{}</a>', urls
            )
            rows.append((name, links))
        note = gettext("Drafts are shown to staff only, under a “draft preview” banner.")
        return format_html(
            "{}<p class=\"help\">{}</p>",
            format_html_join("", "<p><strong>{}</strong>: {}</p>", rows),
            note,
        )

    @admin.action(description=_("Fill from period: add the period's published activities"),
                  permissions=("edit",))
    def fill_from_period(self, request, queryset):
        for newsletter in queryset:
            if revisions.needs_review(request.user, newsletter):  # adding sections changes a published issue
                self.message_user(
                    request,
                    gettext("Issue %(number)s is published: only a publisher may fill it from its period.")
                    % {"number": newsletter.number},
                    messages.ERROR,
                )
                continue
            added = newsletter_fill_from_period(newsletter=newsletter)
            if added:
                message = ngettext(
                    "Issue %(number)s: %(count)d activity added to the events section.",
                    "Issue %(number)s: %(count)d activities added to the events section.",
                    added,
                ) % {"number": newsletter.number, "count": added}
                self.message_user(request, message, messages.SUCCESS)
            else:
                message = gettext(
                    "Issue %(number)s: no activity to add; every published activity of the period is "
                    "already in the issue."
                ) % {"number": newsletter.number}
                self.message_user(request, message, messages.INFO)


class SectionEventInline(admin.TabularInline):
    model = SectionEvent
    fields = ("order", "event")
    autocomplete_fields = ("event",)
    extra = 1


@admin.register(NewsletterSection)
class NewsletterSectionAdmin(PublishedParentGuardMixin, TabbedTranslationAdmin):
    parent_field = "newsletter"
    form = NewsletterSectionForm
    richtext_fields = ("body",)
    list_display = ("__str__", "newsletter", "kind", "order", "activity_count")
    list_filter = ("kind", "newsletter")
    list_select_related = ("newsletter",)
    search_fields = ("title_en", "title_zh_hans", "newsletter__title_en", "newsletter__number")
    fields = ("newsletter", "kind", "order", "title", "body")
    inlines = (SectionEventInline,)
    ordering = ("-newsletter__number", "order", "id")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(activity_total=Count("section_events"))

    @admin.display(description=_("activities"), ordering="activity_total")
    def activity_count(self, obj):
        return obj.activity_total
