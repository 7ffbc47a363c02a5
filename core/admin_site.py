"""The portal's admin site: Django's, with the translators' queue on its index page."""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.admin_workflow import lacking


def translation_queue(request, registry):
    """Per model staff may open: how many records lack Chinese, lack English, or are out of date.

    The models are those whose ModelAdmin in ``registry`` sets ``translation_queue_position``,
    in that order. One aggregate query per model, whatever the number of records.
    """
    queued = sorted(
        (model_admin.translation_queue_position, model, model_admin)
        for model, model_admin in registry.items()
        if getattr(model_admin, "translation_queue_position", None) is not None
    )
    rows = []
    for _position, model, model_admin in queued:
        opts = model._meta
        if not model_admin.has_view_or_change_permission(request):
            continue
        fields = getattr(model_admin, "chinese_required_fields", None)
        counts = model._base_manager.aggregate(
            missing_zh=Count("pk", filter=lacking(model, "zh-hans", fields)),
            missing_en=Count("pk", filter=lacking(model, "en", fields)),
            stale=Count("pk", filter=Q(translation_out_of_date=True)),
        )
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            continue
        rows.append(
            {
                "name": capfirst(opts.verbose_name_plural),
                "links": [
                    (counts["missing_zh"], f"{url}?translation=missing_zh"),
                    (counts["missing_en"], f"{url}?translation=missing_en"),
                    (counts["stale"], f"{url}?translation=stale"),
                ],
            }
        )
    return rows


def glossary_view(request, site):
    """The project glossary (locale/glossary.csv), read-only, for translators and editors."""
    from core.glossary import terms

    context = {**site.each_context(request), "title": _("Glossary"), "terms": terms()}
    return TemplateResponse(request, "admin/glossary.html", context)


class PortalAdminSite(admin.AdminSite):
    site_header = _("MMSP Activity Portal administration")
    site_title = _("MMSP Activity Portal")
    index_title = _("Activities, partners and newsletters")

    def get_urls(self):
        glossary = self.admin_view(lambda request: glossary_view(request, self))
        return [path("glossary/", glossary, name="glossary"), *super().get_urls()]

    def index(self, request, extra_context=None):
        queue = translation_queue(request, self._registry)
        extra_context = {**(extra_context or {}), "translation_queue": queue}
        return super().index(request, extra_context)
