"""Site-wide pages that belong to no domain app."""

from django.conf import settings
from django.views.generic import TemplateView


class RobotsView(TemplateView):
    """robots.txt: everything public may be indexed; the sitemap lists it in both languages."""

    template_name = "activities/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["admin_path"] = settings.ADMIN_URL
        context["sitemap_url"] = self.request.build_absolute_uri("/sitemap.xml")
        return context
