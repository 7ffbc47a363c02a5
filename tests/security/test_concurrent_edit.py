"""Two staff editing the same activity: the second save from a stale form is refused, not silently applied."""

import re

import pytest

from activities.models import Event
from activities.services import event_save
from tests.activities.test_admin import admin_url, event_post_data
from tests.factories import EventFactory, UserFactory

pytestmark = pytest.mark.django_db


def _loaded_version(admin_client, event):
    html = admin_client.get(admin_url(Event, "change", event.pk)).content.decode()
    match = re.search(r'name="loaded_version" value="([^"]+)"', html)
    assert match, "the change form carries the version it was loaded at"
    return match.group(1)


def test_a_save_from_a_stale_form_is_refused(admin_client):
    event = EventFactory(title_en="Original title")
    version = _loaded_version(admin_client, event)
    # Meanwhile a colleague saves the same activity.
    colleague = UserFactory(username="colleague")
    event.title_en = "Colleague's title"
    event_save(event=event, user=colleague)

    data = event_post_data(event.phase, slug=event.slug, title_en="My title", loaded_version=version)
    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 200
    assert "Someone else saved this activity" in response.content.decode()
    assert "colleague" in response.content.decode()
    event.refresh_from_db()
    assert event.title_en == "Colleague's title"


def test_a_save_from_a_fresh_form_goes_through(admin_client):
    event = EventFactory(title_en="Original title")
    version = _loaded_version(admin_client, event)
    data = event_post_data(event.phase, slug=event.slug, title_en="My title", loaded_version=version)

    response = admin_client.post(admin_url(Event, "change", event.pk), data)

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_en == "My title"
    # The next form carries the new version: saving it again works.
    assert _loaded_version(admin_client, event) == event.updated_at.isoformat()
