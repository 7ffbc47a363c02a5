"""The admin every translated model shares: English / Chinese tabs, history, translation status."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from core.admin_history import GuardedHistoryAdmin
from core.admin_workflow import (
    TranslationFilterBase,
    TranslationStatusAdminMixin,
    TranslatorAccessMixin,
    lacking,
)
from core.translation_status import terminology_issues


class TabbedTranslationAdmin(
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
