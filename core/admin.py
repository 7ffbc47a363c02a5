"""The admin every translated model shares: English / Chinese tabs, history, translation status."""

import json

from django.contrib import admin
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from django_prose_editor.widgets import AdminProseEditorWidget
from js_asset import Media
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core import richtext, workflow
from core.admin_history import GuardedHistoryAdmin
from core.admin_revisions import ReviewedChangesAdminMixin
from core.admin_workflow import (
    TranslationFilterBase,
    TranslationStatusAdminMixin,
    TranslatorAccessMixin,
    lacking,
)
from core.enums import RevisionStatus
from core.formatting import list_separator
from core.models import PendingRevision
from core.translation_status import terminology_issues


def is_richtext(db_field, names):
    """Whether a model field (or one language's column of it) is one of the rich-text ``names``."""
    return getattr(db_field, "translated_field", db_field).name in names


def editor_button_titles():
    """The rich-text toolbar's tooltips in the user's language, keyed by the English title
    django-prose-editor 0.28 writes into each button ("bold", "heading 2"): its menu has no
    option for them, so core/admin/editor_titles.js puts these in place once the editor is built."""
    titles = {
        "bold": _("Bold"),
        "italic": _("Italic"),
        "unordered list": _("Bulleted list"),
        "ordered list": _("Numbered list"),
        "blockquote": _("Quotation"),
        "insert link": _("Insert link"),
        "remove link": _("Remove link"),
        "undo": _("Undo"),
        "redo": _("Redo"),
        "paragraph": _("Paragraph"),
    }
    for level in richtext.EDITOR_EXTENSIONS["Heading"]["levels"]:
        # Translators: a toolbar button of the rich-text editor: "Heading 2".
        titles[f"heading {level}"] = gettext("Heading %(level)s") % {"level": level}
    return {english: str(title) for english, title in titles.items()}


class EditorTitlesWidget(AdminProseEditorWidget):
    """django-prose-editor's admin widget carrying its toolbar's tooltips, translated."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        titles = json.dumps(editor_button_titles(), ensure_ascii=False)
        context["widget"]["attrs"]["data-editor-titles"] = titles
        return context


class RichTextAdminMixin:
    """The fields named in ``richtext_fields`` get the rich-text editor, on an admin or an inline.

    The editor offers what ``core.richtext.EDITOR_EXTENSIONS`` allows, and the form cleans the
    posted HTML as every other path does (``clean_html``). Its script is a module loaded through
    an import map, the one inline script of the admin: it carries the response's CSP nonce.
    """

    richtext_fields = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if is_richtext(db_field, self.richtext_fields):
            kwargs["form_class"] = ProseEditorFormField
            kwargs["widget"] = EditorTitlesWidget
            kwargs["config"] = {"extensions": richtext.EDITOR_EXTENSIONS}
            kwargs["sanitize"] = richtext.clean_html
        return super().formfield_for_dbfield(db_field, request, **kwargs)


# The stylesheet Tiptap (the editor's engine) adds to the page as a <style> element, by its hash;
# the browser test of the admin's CSP fails if an upgrade of django-prose-editor changes it.
TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


class EditorCSPMixin:
    """The two inline pieces the rich-text editor needs, allowed on the change form's response only.

    Its modules load through an import map, an inline script: the form's media carry the
    response's CSP nonce. Tiptap adds its own small stylesheet: allowed by its hash.
    """

    def _with_nonce(self, request, context):
        if "media" in context and hasattr(request, "csp_nonce"):
            context["media"] = Media.from_media(context["media"], nonce=str(request.csp_nonce))

    @staticmethod
    def _allow_editor_style(response):
        response._csp_update = {"style-src": [TIPTAP_STYLE_HASH]}
        return response

    def render_change_form(self, request, context, *args, **kwargs):
        self._with_nonce(request, context)
        return self._allow_editor_style(super().render_change_form(request, context, *args, **kwargs))

    def render_history_view(self, request, template, context, **kwargs):
        # A version in the history is shown in the change form, editor included.
        self._with_nonce(request, context)
        return self._allow_editor_style(super().render_history_view(request, template, context, **kwargs))


class TabbedTranslationAdmin(
    EditorCSPMixin,
    RichTextAdminMixin,

    TranslatorAccessMixin, TranslationStatusAdminMixin, GuardedHistoryAdmin, TranslationAdmin
):
    """modeltranslation's tabbed English / Chinese fields, with everything served by us.

    modeltranslation's own TabbedTranslationAdmin loads jQuery UI from a CDN
    (its JQUERY_UI_URL setting); the admin must load nothing from outside, so
    the tabs widget comes from our static files. Every such admin also keeps
    the revision history (who changed what, field by field, with a restore
    that obeys the change form's limits),
    shows the translation status, and lets translators edit the texts only.
    """

    # Fields whose Chinese text staff must supply; None means every translated field.
    chinese_required_fields = None

    @admin.display(description=_("translation"))
    def translation_state(self, obj):
        """The translation status, plus any Chinese text using a variant the glossary rejects."""
        state = super().translation_state(obj)
        issues = terminology_issues(obj)
        if not issues:
            return state
        variants = sorted({variant for found in issues.values() for variant in found})
        return format_html(
            '{}<br><span class="translation-state translation-state--terminology">{}</span>',
            state,
            _("Chinese uses terms the glossary rejects: %(variants)s") % {"variants": "、".join(variants)},
        )

    class Media:
        js = (
            "admin/js/jquery.init.js",
            "modeltranslation/js/force_jquery.js",
            "core/vendor/jquery-ui/jquery-ui.tabs.js",
            "modeltranslation/js/tabbed_translation_fields.js",
            "core/admin/translation_tabs.js",
        )
        css = {"all": ("modeltranslation/css/tabbed_translation_fields.css",)}

    @admin.display(description=_("Chinese complete"), boolean=True)
    def chinese_complete(self, obj):
        return not chinese_missing(obj, self.chinese_required_fields)


def chinese_fields(model, names=None):
    """(English, Chinese) column pairs of a model's translated fields."""
    names = names or translator.get_options_for_model(model).all_fields
    return [
        (build_localized_fieldname(name, "en"), build_localized_fieldname(name, "zh-hans")) for name in names
    ]


def chinese_missing(obj, names=None):
    """Translated fields of `obj` with English text but no Chinese, read from the row alone."""
    return [en for en, zh in chinese_fields(type(obj), names) if getattr(obj, en) and not getattr(obj, zh)]


class ChineseTranslationFilter(TranslationFilterBase):
    """Finds the records that still wait for their Chinese text."""

    title = _("Chinese translation")
    parameter_name = "chinese"

    def lookups(self, request, model_admin):
        return [("complete", _("Complete")), ("missing", _("Missing"))]

    def queryset(self, request, queryset):
        missing = lacking(queryset.model, "zh-hans", self.required_fields)
        if self.value() == "missing":
            return queryset.filter(missing)
        if self.value() == "complete":
            return queryset.exclude(missing)
        return queryset


@admin.register(PendingRevision)
class PendingRevisionAdmin(admin.ModelAdmin):
    """The list of changes to published records, for publishers: each opens its review page."""

    list_display = ("record_link", "content_type", "author_names", "updated_at", "status", "reviewer")
    list_filter = ("status", "content_type")
    list_select_related = ("content_type", "reviewer")
    ordering = ("-updated_at",)

    def _may_review(self, request):
        return any(
            workflow.can_publish(request.user, model)
            for model, model_admin in self.admin_site._registry.items()
            if isinstance(model_admin, ReviewedChangesAdminMixin)
        )

    def has_view_permission(self, request, obj=None):
        return self._may_review(request)

    def has_module_permission(self, request):
        return self._may_review(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # Each row names its record: fetched for all rows at once, one query per kind of record
        # (GenericPrefetch), whatever the number of rows; the base manager sees every record.
        reviewed = [
            model._base_manager.all()
            for model, model_admin in self.admin_site._registry.items()
            if isinstance(model_admin, ReviewedChangesAdminMixin)
        ]
        return super().get_queryset(request).prefetch_related("authors", GenericPrefetch("record", reviewed))

    @admin.display(description=_("record"))
    def record_link(self, obj):
        record = obj.record
        if record is None:
            # Translators: a change waiting for review whose record was deleted meanwhile.
            return gettext("%(record)s (deleted)") % {"record": f"{obj.content_type} #{obj.object_id}"}
        opts = record._meta
        name = "review" if obj.status == RevisionStatus.PENDING else "change"
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=(record.pk,))
        except NoReverseMatch:
            return str(record)
        return format_html('<a href="{}">{}</a>', url, record)

    @admin.display(description=_("authors"))
    def author_names(self, obj):
        return list_separator().join(str(user) for user in obj.authors.all())
