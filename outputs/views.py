"""Site-wide pages that belong to no domain app."""

from django.urls import reverse
from django.views.generic import TemplateView

from core.site import site_url


class RobotsView(TemplateView):
    """robots.txt: everything public may be indexed; the sitemap lists it in both languages.

    It does not name the admin: its address (ADMIN_URL) is kept out of sight, and its pages are
    behind a sign-in anyway.
    """

    template_name = "activities/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = site_url(reverse("sitemap_index"))
        return context
