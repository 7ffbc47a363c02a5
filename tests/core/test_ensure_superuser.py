from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_ensure_superuser_generates_and_prints_password(monkeypatch):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    out = StringIO()
    call_command("ensure_superuser", stdout=out)
    user = get_user_model().objects.get(username="admin")
    password = out.getvalue().split("password: ")[1].split()[0]
    assert user.is_superuser and user.check_password(password)


def test_ensure_superuser_uses_environment_and_keeps_existing(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "officer")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-Pass-phrase-42")
    call_command("ensure_superuser", stdout=StringIO())
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "another-one-entirely")
    out = StringIO()
    call_command("ensure_superuser", stdout=out)
    user = get_user_model().objects.get(username="officer")
    assert user.check_password("a-long-Pass-phrase-42")
    assert "already exists" in out.getvalue()
