"""The sitemap of the public portal, in both languages with hreflang alternates.

``/sitemap.xml`` is a sitemap index naming one file per section (``/sitemap-activities.xml``...);
a section with more than URLS_PER_FILE addresses continues in ``?p=2``, ``?p=3``... (the
protocol allows 50,000 per file; smaller files are built in a second or two and stay a few MB).

It lives with the activities app, which holds the home page, but it lists the partner and
newsletter pages too: one place decides what the public site is made of. Drafts never appear:
every record comes through ``published()`` (partner agencies and phases have no drafts).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.core.paginator import Paginator
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse

from activities.models import Event, Phase, Pillar
from activities.selectors import published_in
from core.site import site_domain, site_scheme, site_url
from newsletters.models import Newsletter
from partners.models import PartnerAgency


def _latest_published_change(relation):
    """When the newest published activity reached by ``relation`` was last changed.

    One grouped aggregate over the links: a subquery per record sorted every activity of each
    pillar by its last change (1.6 s for 12 pillars at 100,000 activities on PostgreSQL; this,
    150 ms).
    """
    return Max(f"{relation}__updated_at", filter=published_in(relation))


URLS_PER_FILE = 10_000


class ItemsInLanguages:
    """The (record, language) pairs of a queryset, read one slice at a time.

    Django's multilingual sitemap builds the list of every pair of every record to cut one page
    out of it; this sequence reads only the records of the page asked for, and counts in SQL.
    """

    def __init__(self, queryset, languages):
        self.queryset = queryset
        self.languages = languages

    def count(self):
        return self.queryset.count() * len(self.languages)

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("Only plain slices of a sitemap's items are read.")
        per_item = len(self.languages)
        first, stop = index.start or 0, index.stop
        records = self.queryset[first // per_item : -(-stop // per_item)]
        pairs = [(record, language) for record in records for language in self.languages]
        skip = first % per_item
        return pairs[skip : skip + stop - first]


class PortalSitemap(Sitemap):
    """Every page once per language, each listing its twins (and x-default) as alternates.

    Addresses are on SITE_URL, whatever host the sitemap was asked for under (``site`` is
    Django's guess from the request).
    """

    i18n = True
    alternates = True
    x_default = True
    limit = URLS_PER_FILE

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_domain()


class LargeSitemap(PortalSitemap):
    """A section that grows with the data: paginated in SQL, its latest change found in SQL."""

    @property
    def paginator(self):
        languages = [code for code, _name in settings.LANGUAGES]
        return Paginator(ItemsInLanguages(self.items(), languages), self.limit)

    def get_latest_lastmod(self):
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class StaticPagesSitemap(PortalSitemap):
    """The pages that are not a record: home, the lists, the figures, About, Documents, Contact."""

    changefreq = "weekly"
    url_names = {
        "activities:home": 1.0,
        "activities:list": 0.9,
        "activities:dashboard": 0.5,
        "partners:list": 0.6,
        "newsletters:list": 0.6,
        "activities:about": 0.6,
        "activities:documents": 0.5,
        "activities:contact": 0.4,
    }

    def items(self):
        return list(self.url_names)

    def location(self, item):
        return reverse(item)

    def priority(self, item):
        return self.url_names[item]


class EventSitemap(LargeSitemap):
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
        return Phase.objects.annotate(latest_change=_latest_published_change("events")).order_by("number")

    def lastmod(self, phase):
        return phase.latest_change


class PillarSitemap(PortalSitemap):
    """Pillars with at least one published activity; an empty pillar page helps no reader."""

    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return (
            Pillar.objects.annotate(latest_change=_latest_published_change("events"))
            .filter(latest_change__isnull=False)
            .order_by("phase__number", "order")
        )

    def lastmod(self, pillar):
        return pillar.latest_change


class PartnerSitemap(LargeSitemap):
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


@x_robots_tag
def sitemap_index(request, sitemaps, sitemap_url_name):
    """The sitemap index: Django's, but naming its files on SITE_URL rather than the request's host.

    No Last-Modified header: withdrawing the newest record moves the latest change back in time,
    which a client revalidating with If-Modified-Since would take for "nothing new".
    """
    items = []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        location = site_url(reverse(sitemap_url_name, kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(location, lastmod))
        pages = range(2, sitemap.paginator.num_pages + 1)
        items += [SitemapIndexItem(f"{location}?p={page}", lastmod) for page in pages]
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml")
