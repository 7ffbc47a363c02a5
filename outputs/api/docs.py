"""The API's browsable documentation (Swagger UI) served from the portal itself, never from a CDN.

django-ninja falls back to a CDN copy of Swagger UI unless ``ninja`` is in INSTALLED_APPS. This
renderer always uses the copy bundled with django-ninja: through the static files when ``ninja``
is installed as an app (whitenoise then serves them compressed and cached), otherwise through
``docs_asset`` below, which serves the same few bundled files by name.
"""

import json
import mimetypes
from pathlib import Path

import ninja
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from ninja.openapi.docs import Swagger

BUNDLED = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.png", "favicon.svg")

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{css}">
<link rel="icon" href="{icon}" type="image/svg+xml">
</head>
<body>
<script type="application/json" id="swagger-settings">{settings}</script>
<div id="swagger-ui"></div>
<script src="{bundle}"></script>
<script src="{init}"></script>
</body>
</html>
"""


def asset_url(name):
    if "ninja" in settings.INSTALLED_APPS:
        return static(f"ninja/{name}")
    return reverse("api_docs_asset", kwargs={"name": name})


class LocalSwagger(Swagger):
    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        # Inside <script type="application/json">: "</" must not close the element early.
        config = json.dumps(self.settings).replace("</", "<\\/")
        html = format_html(
            PAGE,
            title=api.title,
            css=asset_url("swagger-ui.css"),
            icon=asset_url("favicon.svg"),
            settings=_raw(config),
            bundle=asset_url("swagger-ui-bundle.js"),
            init=asset_url("swagger-ui-init.js"),
        )
        return HttpResponse(html)


class _raw(str):
    """Already-safe text for format_html (JSON, with "</" escaped above)."""

    def __html__(self):
        return self


@require_safe
@cache_control(public=True, max_age=86400)
def docs_asset(request, name):
    """One of Swagger UI's files bundled with django-ninja; only those named in ASSETS."""
    if name not in ASSETS:
        raise Http404("No such documentation file.")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse((BUNDLED / name).open("rb"), content_type=content_type)
