import pytest
from django.core.cache import cache

from tests.newsletters.sample import build_issue_11


@pytest.fixture(autouse=True)
def _empty_cache():
    """Exports are cached in the local-memory cache, which outlives a test: start each one empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issue(db):
    """A published issue like the real issue 11, with small photos to keep the PDF quick."""
    return build_issue_11(photo_size=(160, 100))


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(user)
    return client

