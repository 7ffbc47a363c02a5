"""export_archive and import_archive: the demo content survives a round trip record by record and file
by file, and a refused or failed import leaves the database and the media storage as they were."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.color import no_style
from django.db import connection
from django.test import override_settings

from activities.models import Attachment, Event, Phase, Photo
from core.archive import ArchiveExporter, archived_models
from tests.factories import (
    AttachmentFactory,
    PartnerAgencyFactory,
    PhotoFactory,
    SuperUserFactory,
    UserFactory,
)

APPS = ("partners", "activities", "newsletters")


def _every_model():
    """Users, groups and every concrete model of the portal's apps, whatever they are (history too)."""
    models = [get_user_model(), Group]
    for label in APPS:
        models += [model for model in apps.get_app_config(label).get_models() if not model._meta.proxy]
    return models


def _records():
    """Every record of every model, with its values as Python objects (times to the microsecond);
    links (many-to-many lists) in a stable order."""
    snapshot = {}
    for model in _every_model():
        links = [field.name for field in model._meta.many_to_many]
        queryset = model._base_manager.order_by("pk")
        rows = serializers.serialize("python", queryset, use_natural_foreign_keys=True)
        for row in rows:
            for name in links:
                if name in row["fields"]:  # automatic link tables only; others are records of their own
                    row["fields"][name] = sorted(row["fields"][name])
        snapshot[model._meta.label] = rows
    return snapshot


def _media_files():
    """{path under MEDIA_ROOT: SHA-256} of every stored file."""
    root = Path(settings.MEDIA_ROOT)
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _empty_database():
    """What a freshly migrated database holds: no records, no users, and a staff group made by
    migrate (under another id than in the archive)."""
    models = archived_models()
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        for model in reversed(models):
            # A parent agency is protected from deletion while its children point to it.
            own = [field for field in model._meta.concrete_fields if field.related_model is model]
            model._base_manager.update(**{field.name: None for field in own})
            model._base_manager.all().delete()
    # Sequences restart as in a new database. Not the groups': on PostgreSQL a sequence is not rolled
    # back with the test's transaction, and the groups that migrate made come back.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [m for m in models if m is not Group]):
            cursor.execute(sql)
    Group.objects.create(name="Editors")
    assert not any(model._base_manager.exists() for model in models if model is not Group)
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


def _export(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("export_archive", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _import(path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_archive", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _rewrite(path, change):
    """Rewrite an archive's members through change(name, bytes) -> bytes."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, change(name, content))


@pytest.fixture
def portal(db):
    """The real demo content, with photos and attachments on disk, and users and groups of staff."""
    call_command("load_demo", stdout=io.StringIO())
    editor = UserFactory(username="li.wei", first_name="Wei", last_name="李")
    chief = SuperUserFactory(username="chief")
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.set(Permission.objects.filter(codename__in=["view_event", "change_event"]))
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="add_photo"))
    editor.groups.set([reviewers, editors])
    editor.user_permissions.add(Permission.objects.get(codename="delete_attachment"))
    first, second = Event.objects.order_by("pk")[:2]
    for event in (first, second):
        PhotoFactory(event=event, caption_zh_hans=f"{event.title_zh_hans}的与会者")
        AttachmentFactory(event=event, file__filename="agenda.pdf", file__data=b"%PDF-1.4\n%%EOF\n")
    first.created_by, first.updated_by = editor, chief
    first._history_user = chief
    first.save()


def test_archive_round_trip_restores_every_record_and_file(portal, tmp_path):
    records, files = _records(), _media_files()
    assert Event.pillars.through.objects.exists()
    assert Phase.implementing_organisations.through.objects.exists()
    assert len(files) >= 4 and all(Photo.objects.values_list("image_small", flat=True))
    path = tmp_path / "backup.zip"

    out, err = _export(path)
    _empty_database()
    restored, _err = _import(path)

    assert _records() == records
    assert _media_files() == files
    total = sum(len(rows) for rows in records.values())
    assert f"{total} records, {len(files)} media files" in out and not err
    assert f"Restored {path}" in restored
    # The sequences follow the restored ids: a new record gets a fresh one.
    assert PartnerAgencyFactory().pk > max(row["pk"] for row in records["partners.PartnerAgency"])


def test_archive_holds_a_manifest_the_records_and_the_files(portal, tmp_path):
    path = tmp_path / "backup.zip"
    _export(path)

    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = json.loads(archive.read("data.json"))
        names = set(archive.namelist())
    assert manifest["format_version"] == 1
    assert manifest["records"]["activities.event"] == Event.objects.count()
    assert sum(manifest["records"].values()) == len(data)
    attachment = Attachment.objects.first()
    entry = next(entry for entry in manifest["media"] if entry["name"] == attachment.file.name)
    assert entry["sha256"] == hashlib.sha256(b"%PDF-1.4\n%%EOF\n").hexdigest()
    assert {f"media/{entry['name']}" for entry in manifest["media"]} <= names
    event = next(row for row in data if row["model"] == "activities.event" and row["fields"]["created_by"])
    assert event["fields"]["created_by"] == ["li.wei"]
    assert event["fields"]["title_zh_hans"]
    revisions = [row for row in data if row["model"] == "activities.historicalevent"]
    assert ["chief"] in [row["fields"]["history_user"] for row in revisions]
    assert os.stat(path).st_mode & 0o077 == 0


def test_export_warns_about_a_missing_file_and_import_restores_its_record(portal, tmp_path):
    attachment = Attachment.objects.first()
    attachment.file.storage.delete(attachment.file.name)
    path = tmp_path / "backup.zip"

    _out, err = _export(path)
    _empty_database()
    _restored, import_err = _import(path)

    assert attachment.file.name in err and attachment.file.name in import_err
    assert Attachment.objects.get(pk=attachment.pk).file.name == attachment.file.name


def test_import_refuses_a_database_with_records_and_changes_nothing(portal, tmp_path):
    path = tmp_path / "backup.zip"
    _export(path)
    records, files = _records(), _media_files()

    with pytest.raises(CommandError, match="already holds records"):
        _import(path)

    assert _records() == records
    assert _media_files() == files


def test_import_refuses_media_that_exist_with_other_content(portal, tmp_path):
    path = tmp_path / "backup.zip"
    _export(path)
    name = Attachment.objects.first().file.name
    _empty_database()
    (Path(settings.MEDIA_ROOT) / name).parent.mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / name).write_bytes(b"%PDF-1.4 another document")

    with pytest.raises(CommandError, match="already exists with other content"):
        _import(path)

    assert not Event.objects.exists()
    assert list(_media_files()) == [name]


@pytest.fixture
def archive(db, tmp_path):
    """A small, valid archive, made from a database that is emptied again."""
    PhotoFactory()
    path = tmp_path / "small.zip"
    _export(path)
    _empty_database()
    return path


def _manifest_with(**changes):
    """An archive damage: the manifest with some of its entries replaced."""

    def change(name, content):
        if name != "manifest.json":
            return content
        return json.dumps({**json.loads(content), **changes}).encode()

    return lambda path: _rewrite(path, change)


def _data(content):
    return lambda path: _rewrite(path, lambda name, old: content if name == "data.json" else old)


NOT_OURS = "is not an archive made by export_archive"


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        pytest.param(lambda path: path.write_bytes(b"hello"), NOT_OURS, id="not-a-zip"),
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[:200]), NOT_OURS, id="truncated"),
        pytest.param(_manifest_with(format_version=99), "format version 99", id="format-version"),
        pytest.param(_manifest_with(format="other"), "manifest is of another kind", id="not-ours"),
        pytest.param(_manifest_with(records={}), "do not match the counts", id="counts"),
        pytest.param(_manifest_with(migrations={"activities": ["9999_x"]}), "9999_x", id="newer-schema"),
        pytest.param(_data(b"[{"), "damaged: data.json", id="bad-json"),
        pytest.param(_data(b'{"a": 1}'), "not a list of records", id="not-records"),
        pytest.param(
            _manifest_with(media=[{"name": "../../etc/passwd", "sha256": ""}]), "outside the media", id="path"
        ),
    ],
)
def test_import_refuses_a_damaged_archive_with_a_clear_message(archive, damage, message):
    damage(archive)

    with pytest.raises(CommandError, match=message):
        _import(archive)

    assert not Photo.objects.exists()
    assert _media_files() == {}


def test_import_refuses_an_archive_without_manifest(archive):
    with zipfile.ZipFile(archive, "w") as damaged:
        damaged.writestr("data.json", "[]")

    with pytest.raises(CommandError, match="it has no manifest.json"):
        _import(archive)


def _append_record(change):
    """An archive damage: a copy of its last activity, changed, added at the end of data.json."""

    def damage(path):
        def rewrite(name, content):
            if name == "data.json":
                rows = json.loads(content)
                event = next(row for row in reversed(rows) if row["model"] == "activities.event")
                rows.append(change({**event, "pk": 999_999, "fields": dict(event["fields"])}))
                return json.dumps(rows).encode()
            if name == "manifest.json":
                manifest = json.loads(content)
                manifest["records"]["activities.event"] += 1
                return json.dumps(manifest).encode()
            return content

        _rewrite(path, rewrite)

    return damage


def _same_slug(row):
    return row


def _missing_phase(row):
    row["fields"].update(slug="orphan", phase=999_999, pillars=[])
    return row


def _pillars_of_another_phase(row):
    row["fields"].update(slug="misfiled", phase=1 if row["fields"]["phase"] != 1 else 2)
    return row


def _damaged_file(path):
    def rewrite(name, content):
        if name == "manifest.json":
            manifest = json.loads(content)
            manifest["media"][-1]["sha256"] = "0" * 64
            return json.dumps(manifest).encode()
        return content

    _rewrite(path, rewrite)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (_append_record(_same_slug), "could not be saved"),
        (_append_record(_missing_phase), "could not be restored"),
        (_append_record(_pillars_of_another_phase), "belong to another phase"),
        (_damaged_file, "SHA-256 differs"),
    ],
    ids=["duplicate-record", "dangling-reference", "refused-by-a-receiver", "damaged-file"],
)
def test_import_that_fails_half_way_leaves_nothing_behind(portal, tmp_path, damage, message):
    path = tmp_path / "backup.zip"
    _export(path)
    _empty_database()
    damage(path)

    with pytest.raises(CommandError, match=message):
        _import(path)

    for model in _every_model():
        expected = ["Editors"] if model is Group else []
        assert [str(obj) for obj in model._base_manager.all()] == expected, model
    assert _media_files() == {}


def test_export_failing_half_way_leaves_no_file(portal, tmp_path, monkeypatch):
    def fail(self, archive, files):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ArchiveExporter, "_write_media", fail)
    path = tmp_path / "backup.zip"

    with pytest.raises(CommandError, match="No space left on device"):
        _export(path)

    assert list(tmp_path.iterdir()) == [Path(settings.MEDIA_ROOT)]


def test_export_into_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot write"):
        _export(tmp_path / "nowhere" / "backup.zip")


def test_import_from_the_command_line_reports_a_bad_file_without_traceback(tmp_path):
    bad = tmp_path / "notes.zip"
    bad.write_text("not an archive")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mmsp.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }

    result = subprocess.run(  # noqa: S603 -- a fixed command line: this interpreter and manage.py
        [sys.executable, "manage.py", "import_archive", str(bad)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert "is not an archive made by export_archive" in result.stderr
    assert "Traceback" not in result.stderr
