"""Sign-in protection: repeated failures lock the account from that address (django-axes)."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def attempt(client, password, address="203.0.113.7"):
    return client.post(
        reverse("admin:login"),
        {"username": "editor", "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_repeated_failures_lock_the_account_and_explain_it(client):
    StaffFactory(username="editor", group="Editors")

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "wrong")
        assert response.status_code == 200  # the form again, with its error
    locked = attempt(client, "wrong")

    assert locked.status_code == 429
    content = locked.content.decode()
    assert "Sign-in locked" in content
    assert f"There were {settings.AXES_FAILURE_LIMIT} failed attempts" in content
    # Even the right password is refused while the lock lasts.
    assert attempt(client, "correct horse battery staple").status_code == 429
    assert "_auth_user_id" not in client.session


def test_lock_is_per_account_and_address(client):
    StaffFactory(username="editor", group="Editors")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")

    response = attempt(client, "correct horse battery staple", address="198.51.100.9")

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_lockout_page_in_chinese(client):
    StaffFactory(username="editor", group="Editors")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "wrong")

    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "wrong"},
        REMOTE_ADDR="203.0.113.7",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    assert response.status_code == 429
    assert "登录已锁定" in response.content.decode()


def test_a_success_before_the_limit_resets_the_count(client):
    StaffFactory(username="editor", group="Editors")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, "correct horse battery staple").status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "wrong")
    assert attempt(client, "correct horse battery staple").status_code == 302
