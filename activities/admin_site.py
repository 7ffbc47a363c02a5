"""The portal's admin site: Django's, with the translators' queue on its index page."""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def translation_queue(request):
    """Per model staff may open: how many records lack Chinese, lack English, or are out of date.

    One aggregate query per model, whatever the number of records.
    """
    from activities.admin_workflow import lacking
    from activities.models import Event, Phase, Pillar
    from newsletters.models import Newsletter
    from partners.models import PartnerAgency

    rows = []
    for model in (Event, PartnerAgency, Pillar, Phase, Newsletter):
        opts = model._meta
        model_admin = admin.site._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
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
    from activities.glossary import terms

    context = {**site.each_context(request), "title": _("Glossary"), "terms": terms()}
    return TemplateResponse(request, "admin/glossary.html", context)


class PortalAdminSite(admin.AdminSite):
    def get_urls(self):
        glossary = self.admin_view(lambda request: glossary_view(request, self))
        return [path("glossary/", glossary, name="glossary"), *super().get_urls()]

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "translation_queue": translation_queue(request)}
        return super().index(request, extra_context)
