"""Security headers on public pages, a clean `check --deploy`, and a movable admin."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import clear_url_caches

from tests.factories import EventFactory

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/", "/zh-hans/", "/en/activities/", "/en/partners/", "/en/newsletters/", "/api/docs"]
)
def test_security_headers_on_public_pages(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_event_page_has_no_inline_script(client):
    event = EventFactory()
    html = client.get(event.get_absolute_url()).content.decode()
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or "application/json" in tag or "application/ld+json" in tag


def test_check_deploy_is_clean_under_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mmsp.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "DEBUG": "",
    }
    env.pop("SECURE_SSL_REDIRECT", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for their own process
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mmsp.settings.production", "SECRET_KEY": ""}
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_the_admin_url_moves_with_the_setting(client):
    import importlib

    import mmsp.urls

    try:
        with override_settings(ADMIN_URL="backoffice-7f3a/"):
            importlib.reload(mmsp.urls)
            clear_url_caches()
            assert client.get("/backoffice-7f3a/").status_code == 302  # to the login page
            assert client.get("/backoffice-7f3a/login/").status_code == 200
            assert client.get("/admin/").status_code == 404
    finally:
        importlib.reload(mmsp.urls)
        clear_url_caches()
    assert client.get("/admin/login/").status_code == 200


@pytest.mark.django_db
def test_only_the_email_edition_allows_inline_styles(client):
    from tests.factories import NewsletterFactory

    newsletter = NewsletterFactory(number=7)
    email = client.get(f"/en/newsletters/{newsletter.number}/email/")
    web = client.get(f"/en/newsletters/{newsletter.number}/")
    assert email.status_code == web.status_code == 200
    email_policy = dict(part.strip().split(" ", 1) for part in email["Content-Security-Policy"].split(";"))
    assert email_policy["style-src"] == "'self' 'unsafe-inline'"
    assert email_policy["script-src"] == "'self'"
    assert "unsafe-inline" not in web["Content-Security-Policy"]
