"""The sitemap of the public portal, in both languages with hreflang alternates.

It lives with the activities app, which holds the home page, but it lists the partner and
newsletter pages too: one place decides what the public site is made of. Drafts never appear:
every record comes through ``published()`` (partner agencies and phases have no drafts).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import reverse

from newsletters.models import Newsletter
from partners.models import PartnerAgency

from .models import Event, Phase, Pillar


def _latest_published_event(**relation):
    """When the newest published activity linked by ``relation`` was last changed."""
    return Subquery(
        Event.objects.published().filter(**relation).order_by("-updated_at").values("updated_at")[:1]
    )


class PortalSitemap(Sitemap):
    """Every page once per language, each listing its twins (and x-default) as alternates."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(PortalSitemap):
    """The pages that are not a record: home, the lists and the figures."""

    changefreq = "weekly"
    url_names = {
        "activities:home": 1.0,
        "activities:list": 0.9,
        "activities:dashboard": 0.5,
        "partners:list": 0.6,
        "newsletters:list": 0.6,
    }

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)

    def priority(self, item):
        return self.url_names[item]


class EventSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("-start_date", "-id")

    def lastmod(self, event):
        return event.updated_at


class PhaseSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Phase.objects.annotate(latest_change=_latest_published_event(phase=OuterRef("pk"))).order_by(
            "number"
        )

    def lastmod(self, phase):
        return phase.latest_change


class PillarSitemap(PortalSitemap):
    """Pillars with at least one published activity; an empty pillar page helps no reader."""

    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return (
            Pillar.objects.annotate(latest_change=_latest_published_event(pillars=OuterRef("pk")))
            .filter(latest_change__isnull=False)
            .order_by("phase__number", "order")
        )

    def lastmod(self, pillar):
        return pillar.latest_change


class PartnerSitemap(PortalSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return PartnerAgency.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, agency):
        return agency.updated_at


class NewsletterSitemap(PortalSitemap):
    changefreq = "yearly"
    priority = 0.6

    def items(self):
        return Newsletter.objects.published().only("number", "updated_at").order_by("-number")

    def location(self, newsletter):
        return reverse("newsletters:detail", kwargs={"number": newsletter.number})

    def lastmod(self, newsletter):
        return newsletter.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "activities": EventSitemap,
    "phases": PhaseSitemap,
    "pillars": PillarSitemap,
    "partners": PartnerSitemap,
    "newsletters": NewsletterSitemap,
}
