"""A bounded crawl of the public site: every same-origin address a page names must answer 200.

Pages are followed breadth-first from the start addresses; every link, image (src and srcset),
stylesheet, script and icon they name is requested (HEAD for what is not a page), and so are the
files stylesheets name with url() (fonts). Redirects count as failures: a page should name the
address that answers. Pages with a query string (filters, pagination) are checked, not followed.
"""

import re
import urllib.error
import urllib.request
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

MAX_URLS = 400
SKIPPED_PREFIXES = ("/admin/",)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
NAMING_ATTRIBUTES = {"a": ("href",), "link": ("href",), "img": ("src", "srcset"), "script": ("src",)}
NAMING_ATTRIBUTES["source"] = ("src", "srcset")


class _Names(HTMLParser):
    """The addresses an HTML page names, and which of them are pages to follow (a href)."""

    def __init__(self):
        super().__init__()
        self.assets, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in NAMING_ATTRIBUTES.get(tag, ()):
            value = attrs.get(name)
            if not value:
                continue
            if name == "srcset":
                self.assets += [part.strip().split()[0] for part in value.split(",") if part.strip()]
            elif tag == "a":
                self.links.append(value)
            else:
                self.assets.append(value)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def _fetch(url, method):
    request = urllib.request.Request(url, method=method)  # noqa: S310 -- only the local test server
    try:
        with _opener.open(request, timeout=60) as response:
            body = response.read() if method == "GET" else b""
            return response.status, response.headers.get("Content-Type", ""), body
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), b""


def crawl(base, starts=("/en/", "/zh-hans/"), *, max_urls=MAX_URLS):
    """{url: status} for every same-origin address reached (at most ``max_urls``), and the
    number of pages read. A failure is any status but 200."""
    origin = urlsplit(base)[:2]
    statuses, referrers = {}, {}
    queue = deque((urljoin(base, start), "start", True) for start in starts)
    pages = 0
    while queue and len(statuses) < max_urls:
        url, referrer, follow = queue.popleft()
        if url in statuses:
            continue
        is_page = follow and not urlsplit(url).query
        status, content_type, body = _fetch(url, "GET" if is_page or url.endswith(".css") else "HEAD")
        statuses[url], referrers[url] = status, referrer
        if status != 200:
            continue
        named = []
        if is_page and content_type.startswith("text/html"):
            pages += 1
            parser = _Names()
            parser.feed(body.decode("utf-8", "replace"))
            named = [(link, True) for link in parser.links] + [(asset, False) for asset in parser.assets]
        elif "css" in content_type:
            named = [(found, False) for found in CSS_URL.findall(body.decode("utf-8", "replace"))]
        for address, follow_it in named:
            target = urldefrag(urljoin(url, address.strip())).url
            parts = urlsplit(target)
            if parts[:2] != origin or parts.path.startswith(SKIPPED_PREFIXES) or target in statuses:
                continue
            queue.append((target, url, follow_it))
    failures = {url: (status, referrers[url]) for url, status in statuses.items() if status != 200}
    return statuses, failures, pages
