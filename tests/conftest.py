import pytest
from django.conf import settings
from django.core.cache import caches
from django.utils import translation


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of one test never land in the project folder or leak into another."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request to a /zh-hans/ page leaves Chinese
    active in the thread (LocaleMiddleware never switches back), which the next test would inherit."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with empty caches: pages, counts, choices, downloads and request counts
    never leak across tests."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def superuser(db):
    from tests.factories import SuperUserFactory

    return SuperUserFactory(username="admin")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
