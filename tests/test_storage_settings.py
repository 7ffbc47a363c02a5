"""The media storage follows MEDIA_STORAGE: the file system by default, S3 through django-storages.

Each case loads the settings in a fresh interpreter with its own environment, as a server would
start; nothing reaches the network (a custom domain makes URLs without signing or asking S3).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SHOW_STORAGE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
storage = storages["default"]
print(json.dumps({
    "backend": settings.STORAGES["default"]["BACKEND"],
    "options": settings.STORAGES["default"].get("OPTIONS", {}),
    "class": type(storage).__name__,
    "url": storage.url("photos/2024/05/a.jpg"),
}))
"""


def load_settings(**environment):
    """Run SHOW_STORAGE with the test settings and ``environment``; the finished process."""
    env = {
        name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "MEDIA_STORAGE"))
    }
    env.update(DJANGO_SETTINGS_MODULE="mmsp.settings.test", AWS_EC2_METADATA_DISABLED="true", **environment)
    return subprocess.run(  # noqa: S603 -- this interpreter and a fixed script
        [sys.executable, "-c", SHOW_STORAGE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_media_storage_is_the_file_system_by_default():
    shown = json.loads(load_settings().stdout)

    assert shown["backend"] == "django.core.files.storage.FileSystemStorage"
    assert shown["class"] == "FileSystemStorage"
    assert shown["url"] == "/media/photos/2024/05/a.jpg"


def test_media_storage_s3_switches_to_django_storages_with_the_environment():
    finished = load_settings(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="mmsp-media",
        AWS_S3_ENDPOINT_URL="https://s3.cn-north-1.example.com.cn",
        AWS_S3_REGION_NAME="cn-north-1",
        AWS_ACCESS_KEY_ID="test-key",
        AWS_SECRET_ACCESS_KEY="test-secret",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
    )
    shown = json.loads(finished.stdout)

    assert shown["backend"] == "storages.backends.s3.S3Storage"
    assert shown["class"] == "S3Storage"
    options = shown["options"]
    assert options["bucket_name"] == "mmsp-media"
    assert options["endpoint_url"] == "https://s3.cn-north-1.example.com.cn"
    assert options["region_name"] == "cn-north-1"
    assert (options["access_key"], options["secret_key"]) == ("test-key", "test-secret")
    assert options["file_overwrite"] is False
    assert shown["url"] == "https://media.example.org/photos/2024/05/a.jpg"


def test_media_storage_s3_without_a_bucket_refuses_to_start():
    finished = load_settings(MEDIA_STORAGE="s3")

    assert finished.returncode != 0
    assert "AWS_STORAGE_BUCKET_NAME" in finished.stderr


def test_media_storage_with_an_unknown_value_refuses_to_start():
    finished = load_settings(MEDIA_STORAGE="ftp")

    assert finished.returncode != 0
    assert "MEDIA_STORAGE must be" in finished.stderr
