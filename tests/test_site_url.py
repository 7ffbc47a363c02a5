"""The site address in e-mails and PDFs follows the port `make run` serves on, unless SITE_URL is set."""

import os
import subprocess
import sys

import pytest


def site_url(**env):
    base = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "PORT"}}
    result = subprocess.run(  # noqa: S603 -- our own interpreter and a fixed script
        [sys.executable, "-c", "from django.conf import settings; print(settings.SITE_URL)"],
        env={**base, "DJANGO_SETTINGS_MODULE": "mmsp.settings.dev", **env},
        capture_output=True, text=True, check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123"),
        ({"PORT": "8123", "SITE_URL": "https://mmsp.example.org/"}, "https://mmsp.example.org"),
    ],
)
def test_site_url_follows_the_port_unless_set(env, expected):
    assert site_url(**env) == expected
