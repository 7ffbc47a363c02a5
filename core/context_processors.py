"""What every public page needs in its frame: language twins, canonical URL and navigation."""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.translation import get_language, get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.site import site_url
from core.templatetags.portal import HTML_LANG

# (URL name, label, the URL-name prefixes that make the entry current)
NAVIGATION = [
    ("activities:home", _("Home"), ("activities:home",)),
    (
        "activities:list",
        _("Activities"),
        ("activities:list", "activities:detail", "activities:phase_detail", "activities:pillar_detail"),
    ),
    ("partners:list", _("Partners"), ("partners:",)),
    ("activities:dashboard", _("Figures"), ("activities:dashboard",)),
    ("newsletters:list", _("Newsletters"), ("newsletters:",)),
]

# The pages about the project itself, in the footer of every page: the menu holds no more on a phone.
ABOUT_NAVIGATION = [
    ("activities:about", pgettext_lazy("page", "About"), ("activities:about",)),
    ("activities:documents", pgettext_lazy("page", "Documents"), ("activities:documents",)),
    ("activities:contact", _("Contact"), ("activities:contact",)),
]


@dataclass(frozen=True)
class LanguageTwin:
    code: str
    html_lang: str
    name: str
    url: str
    absolute_url: str
    is_current: bool


@dataclass(frozen=True)
class NavItem:
    url: str
    label: str
    is_current: bool


def _twin_path(path, current, code):
    """The same page in language ``code``; for a page that does not resolve, swap the prefix."""
    translated = translate_url(path, code)
    if translated == path and code != current and path.startswith(f"/{current}/"):
        translated = f"/{code}/{path[len(current) + 2 :]}"
    return translated


def _navigation(request, entries=NAVIGATION):
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    items = []
    for url_name, label, prefixes in entries:
        try:
            url = reverse(url_name)
        except NoReverseMatch:  # an app whose pages are not wired yet
            continue
        items.append(NavItem(url, label, any(view_name.startswith(prefix) for prefix in prefixes)))
    return items


def portal(request):
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    twins = []
    for code, _name in settings.LANGUAGES:
        url = path if code == current else _twin_path(path, current, code)
        twins.append(
            LanguageTwin(
                code=code,
                html_lang=HTML_LANG.get(code, code),
                name=get_language_info(code)["name_local"],
                url=url,
                absolute_url=site_url(url),
                is_current=code == current,
            )
        )
    default = next(twin for twin in twins if twin.code == settings.LANGUAGE_CODE)
    return {
        "html_lang": HTML_LANG.get(current, current),
        "language_twins": twins,
        "other_languages": [twin for twin in twins if not twin.is_current],
        "x_default_url": default.absolute_url,
        "canonical_url": site_url(path),
        "site_navigation": _navigation(request),
        "about_navigation": _navigation(request, ABOUT_NAVIGATION),
    }
