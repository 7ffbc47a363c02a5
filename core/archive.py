"""Backup and restore of the whole portal in one zip file, without loss.

An archive holds every record of the portal's apps (both languages' columns, revision history
included), the users and staff groups they refer to, and every media file those records name:

    manifest.json   format version, time, Django version, applied migrations, record counts
                    per model, and each media file with its size and SHA-256
    data.json       the records, in Django's JSON serialization (times to the microsecond),
                    primary keys kept; users, groups, permissions and content types referred
                    to by natural key
    media/<name>    each file under the name its record stores

The models are found generically (every concrete model of the apps), so models and fields added
later travel without a change here. Rows of automatic link tables (an activity's pillars) travel
as the lists of their parent record, as Django's serializer writes them; their own ids, which
nothing refers to, are new after a restore.
"""

import datetime
import hashlib
import io
import json
import os
import tempfile
import zipfile
import zlib
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import FileField
from django.utils import timezone, translation
from django.utils.translation import gettext as _

FORMAT = "mmsp-archive"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_NAME = "data.json"
MEDIA_FOLDER = "media/"
CHUNK_BYTES = 1024 * 1024
# What a damaged zip member raises while it is read: a bad CRC, a broken or truncated stream.
ZIP_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError)


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder, but times keep their microseconds (it cuts them to milliseconds)."""

    def default(self, o):
        if isinstance(o, datetime.datetime) or (isinstance(o, datetime.time) and o.utcoffset() is None):
            return o.isoformat()
        return super().default(o)


class ArchiveError(Exception):
    """The archive cannot be written or restored; the message tells the person running the command why."""


def archived_apps():
    """The apps whose records an archive holds: those whose AppConfig sets ``archived = True``,
    in the order of INSTALLED_APPS (each after the apps it refers to)."""
    return [app_config for app_config in apps.get_app_configs() if getattr(app_config, "archived", False)]


def archived_models():
    """Staff groups, users and every concrete model of the portal's apps, each after those it refers to."""
    models = [Group, get_user_model()]
    for app_config in archived_apps():
        models += [
            model
            for model in app_config.get_models()
            if model._meta.managed and not model._meta.proxy
        ]
    return _in_dependency_order(models)


def _in_dependency_order(models):
    """Loading in this order satisfies each reference as it is made. A cycle (none today) is cut
    anywhere: the constraints are checked once everything is in."""
    ordered, remaining = [], list(models)
    while remaining:
        ready = [model for model in remaining if not _targets(model) & set(remaining)] or remaining[:1]
        ordered += ready
        remaining = [model for model in remaining if model not in ready]
    return ordered


def _targets(model):
    fields = [*model._meta.concrete_fields, *model._meta.many_to_many]
    return {field.related_model for field in fields if field.is_relation} - {model}


def _file_fields(model):
    """(field name, storage) of the fields holding a stored file's name.

    django-simple-history keeps a FileField's history as plain text, so in a history model
    (which names the model it records as ``instance_type``) the file fields are those that are
    FileFields in the recorded model: older versions' files are archived too.
    """
    recorded = getattr(model, "instance_type", None)
    found = []
    for field in model._meta.concrete_fields:
        original = field
        if recorded is not None and not isinstance(field, FileField):
            original = next((f for f in recorded._meta.concrete_fields if f.name == field.name), None)
        if isinstance(original, FileField):
            found.append((field.attname, original.storage))
    return found


def applied_migrations(using=DEFAULT_DB_ALIAS):
    """{app label: [migration name, ...]} for the apps whose records an archive holds."""
    labels = {model._meta.app_label for model in archived_models()} | {"contenttypes"}
    applied = defaultdict(list)
    for app_label, name in sorted(MigrationRecorder(connections[using]).applied_migrations()):
        if app_label in labels:
            applied[app_label].append(name)
    return dict(applied)


def _chunks(stream):
    while chunk := stream.read(CHUNK_BYTES):
        yield chunk


def _sha256(stream):
    digest = hashlib.sha256()
    for chunk in _chunks(stream):
        digest.update(chunk)
    return digest.hexdigest()


def _stored_sha256(storage, name):
    with storage.open(name, "rb") as stored:
        return _sha256(stored)


class ArchiveExporter:
    """Writes one archive of every record and the media files the records name.

    The records are read in one transaction (on PostgreSQL at REPEATABLE READ), so an archive made
    while editors work shows one moment. The archive appears at its path only when complete: it is
    written beside it under a temporary name (readable by its owner only: it holds password hashes
    and participants' contact details), then renamed. A file that a record names but the storage
    lacks is listed in the manifest's ``missing_media`` and in ``missing``; it does not stop the export.
    """

    def __init__(self, *, using=DEFAULT_DB_ALIAS):
        self.using = using
        self.counts = {}
        self.media = []
        self.missing = []

    def write(self, path):
        path = Path(path)
        try:
            handle = tempfile.NamedTemporaryFile(
                dir=path.parent, prefix=f".{path.name}.", suffix=".part", delete=False
            )
        except OSError as error:
            raise ArchiveError(_cannot_write(path, error)) from error
        try:
            with handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                # The untranslated column modeltranslation keeps is written in the default language.
                with translation.override(settings.LANGUAGE_CODE), self._snapshot():
                    files = self._write_records(archive)
                    self._write_media(archive, files)
                    manifest = self._manifest()
                archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=2, ensure_ascii=False))
            os.replace(handle.name, path)
        except BaseException as error:
            Path(handle.name).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise ArchiveError(_cannot_write(path, error)) from error
            raise
        return manifest

    @contextmanager
    def _snapshot(self):
        connection = connections[self.using]
        # Only as the transaction's first statement; inside a caller's transaction its snapshot holds.
        repeatable = connection.vendor == "postgresql" and not connection.in_atomic_block
        with transaction.atomic(using=self.using):
            if repeatable:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield

    def _write_records(self, archive):
        """Stream data.json into the archive; {file name: storage} of the files the records name."""
        files = {}
        with io.TextIOWrapper(_new_member(archive, DATA_NAME), encoding="utf-8") as stream:
            serializers.serialize(
                "json",
                self._records(files),
                stream=stream,
                use_natural_foreign_keys=True,
                cls=ExactJSONEncoder,
            )
        return files

    def _records(self, files):
        for model in archived_models():
            file_fields = _file_fields(model)
            count = 0
            for obj in model._base_manager.using(self.using).order_by("pk").iterator():
                count += 1
                for attname, storage in file_fields:
                    name = str(getattr(obj, attname) or "")
                    if name:
                        files.setdefault(name, storage)
                yield obj
            self.counts[model._meta.label_lower] = count

    def _write_media(self, archive, files):
        for name, storage in sorted(files.items()):
            try:
                source = storage.open(name, "rb")
            except (OSError, SuspiciousOperation):
                self.missing.append(name)
                continue
            digest, size = hashlib.sha256(), 0
            with source, _new_member(archive, MEDIA_FOLDER + name) as target:
                for chunk in _chunks(source):
                    digest.update(chunk)
                    size += len(chunk)
                    target.write(chunk)
            self.media.append({"name": name, "size": size, "sha256": digest.hexdigest()})

    def _manifest(self):
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "django_version": django.get_version(),
            "database": connections[self.using].vendor,
            "migrations": applied_migrations(self.using),
            "records": self.counts,
            "media": self.media,
            "missing_media": self.missing,
        }


def _new_member(archive, name):
    """A member to write, dated now (one opened by name alone is dated 1980), of any size."""
    entry = zipfile.ZipInfo(name, date_time=timezone.localtime().timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return archive.open(entry, "w", force_zip64=True)


def _cannot_write(path, error):
    return _("Cannot write %(path)s: %(error)s.") % {"path": path, "error": error.strerror or error}


class ArchiveImporter:
    """Restores an archive into an empty, migrated database: everything, exactly, or nothing.

    The archive is checked before the database is touched (a zip with a known format version,
    a manifest that agrees with data.json, no migration the database lacks), and the database
    must hold no records of the portal and no users. The staff groups that ``migrate`` creates
    are replaced by the archive's. The records then load in one transaction, in dependency
    order, through Django's deserializer (raw saves, as ``loaddata`` does); the references are
    checked, the sequences reset so new records get fresh ids, and the media files written under
    their archived names and checked against their SHA-256. Any failure rolls the transaction
    back and deletes the files already written.
    """

    def __init__(self, *, using=DEFAULT_DB_ALIAS):
        self.using = using

    def restore(self, path):
        with _open_archive(path) as archive:
            manifest = _read_manifest(archive)
            records = _read_records(archive, manifest)
            self._check_migrations(manifest)
            self._check_empty()
            written = []
            try:
                with translation.override(settings.LANGUAGE_CODE), transaction.atomic(using=self.using):
                    self._load(records)
                    self._restore_media(archive, manifest["media"], _storages(records), written)
            except BaseException as error:
                for storage, name in written:
                    storage.delete(name)
                if isinstance(error, (DeserializationError, DatabaseError, OSError)):
                    raise ArchiveError(
                        _("The archive could not be restored, so nothing was imported: %(error)s")
                        % {"error": error}
                    ) from error
                raise
        return manifest

    def _check_migrations(self, manifest):
        applied = applied_migrations(self.using)
        lacking = [
            f"{app_label}.{name}"
            for app_label, names in manifest["migrations"].items()
            for name in names
            if name not in applied.get(app_label, ())
        ]
        if lacking:
            raise ArchiveError(
                _(
                    "The archive comes from a newer version of the portal: this database lacks the "
                    "migrations %(migrations)s. Update the code and run migrate, then import again."
                )
                % {"migrations": ", ".join(lacking)}
            )

    def _check_empty(self):
        held = [
            str(model._meta.verbose_name_plural)
            for model in archived_models()
            if model is not Group and model._base_manager.using(self.using).exists()
        ]
        if held:
            raise ArchiveError(
                _(
                    "The database already holds records (%(models)s). An archive is restored into "
                    "an empty database only: create a new one, run migrate, then import."
                )
                % {"models": ", ".join(held[:3]) + (", …" if len(held) > 3 else "")}
            )

    def _load(self, records):
        """Replace the staff groups with the archive's, save every record, and check the result."""
        models = archived_models()
        Group._base_manager.using(self.using).all().delete()
        loaded = self._save_records(records)
        self._undo_receiver_changes(loaded)
        self._check_counts(models, records)
        connection = connections[self.using]
        tables = [model._meta.db_table for model in models]
        for model in models:
            tables += [field.remote_field.through._meta.db_table for field in model._meta.many_to_many]
        connection.check_constraints(table_names=tables)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)

    def _save_records(self, records):
        """Save each record as archived; [(record, its field values as they were read)]."""
        loaded = []
        with connections[self.using].constraint_checks_disabled():
            for deserialized in serializers.deserialize("python", records, using=self.using):
                obj = deserialized.object
                expected = {field.attname: field.value_from_object(obj) for field in _plain_fields(obj)}
                try:
                    deserialized.save(using=self.using)
                except (DatabaseError, ValidationError) as error:
                    # A ValidationError comes from a receiver's guard (activities.signals).
                    reason = "; ".join(error.messages) if isinstance(error, ValidationError) else error
                    raise ArchiveError(
                        _("The record %(record)s could not be saved, so nothing was imported: %(error)s")
                        % {"record": f"{obj._meta.label_lower}:{obj.pk}", "error": reason}
                    ) from error
                loaded.append((obj, expected))
        return loaded

    def _undo_receiver_changes(self, loaded):
        """Put back the values that save receivers changed while the records loaded.

        Loading sends the save signals with raw=True, and a receiver should then leave the
        database alone. One that does not (newsletters.signals stamps an activity's updated_at
        when one of its photos is saved) would leave restored records unlike the archived ones:
        every record is read back, and a value that differs is written again with update(),
        which sends no signal.
        """
        expected_by_model = defaultdict(dict)
        for obj, expected in loaded:
            expected_by_model[type(obj)][obj.pk] = expected
        for model, expected_by_pk in expected_by_model.items():
            rows = model._base_manager.using(self.using)
            for stored in rows.iterator():
                expected = expected_by_pk.get(stored.pk, {})
                changed = {name: value for name, value in expected.items() if getattr(stored, name) != value}
                if changed:
                    rows.filter(pk=stored.pk).update(**changed)

    def _check_counts(self, models, records):
        """Catch a receiver that created records of its own during the load."""
        expected = Counter(record["model"] for record in records)
        for model in models:
            found = model._base_manager.using(self.using).count()
            archived = expected[model._meta.label_lower]
            if found != archived:
                raise ArchiveError(
                    _(
                        "After loading, %(model)s holds %(found)s records instead of the archive's "
                        "%(expected)s, so nothing was imported."
                    )
                    % {"model": model._meta.label, "found": found, "expected": archived}
                )

    def _restore_media(self, archive, entries, storages, written):
        for entry in entries:
            name = entry["name"]
            storage = storages.get(name, default_storage)
            if storage.exists(name):
                if _stored_sha256(storage, name) != entry["sha256"]:
                    raise ArchiveError(
                        _(
                            "The media file %(name)s already exists with other content. Move it away "
                            "(an archive is restored into empty media storage), then import again."
                        )
                        % {"name": name}
                    )
                continue
            # Noted before saving: a save that fails half-way leaves a partial file to delete.
            written.append((storage, name))
            try:
                with archive.open(MEDIA_FOLDER + name) as source:
                    saved = storage.save(name, File(source, name=name))
            except KeyError:
                raise ArchiveError(_damaged(MEDIA_FOLDER + name, _("it is not in the archive"))) from None
            except ZIP_READ_ERRORS as error:
                raise ArchiveError(_damaged(MEDIA_FOLDER + name, error)) from error
            if saved != name:
                written.append((storage, saved))
                raise ArchiveError(
                    _("The media storage saved %(name)s as %(saved)s, so no record would find it.")
                    % {"name": name, "saved": saved}
                )
            if _stored_sha256(storage, name) != entry["sha256"]:
                reason = _("its SHA-256 differs from the manifest's")
                raise ArchiveError(_damaged(MEDIA_FOLDER + name, reason))


def _plain_fields(obj):
    return [field for field in obj._meta.concrete_fields if not field.primary_key]


def _damaged(member, error):
    return _("The archive is damaged: %(member)s cannot be read (%(error)s).") % {
        "member": member,
        "error": error,
    }


@contextmanager
def _open_archive(path):
    try:
        archive = zipfile.ZipFile(path)
    except OSError as error:
        message = _("Cannot read %(path)s: %(error)s.") % {"path": path, "error": error.strerror}
        raise ArchiveError(message) from error
    except zipfile.BadZipFile as error:
        raise ArchiveError(_not_an_archive(path, _("it is not a zip file, or it is truncated"))) from error
    with archive:
        yield archive


def _not_an_archive(path, reason):
    message = _("%(path)s is not an archive made by export_archive: %(reason)s.")
    return message % {"path": path, "reason": reason}


def _read_member(archive, name):
    try:
        return archive.read(name)
    except KeyError:
        reason = _("it has no %(name)s") % {"name": name}
        raise ArchiveError(_not_an_archive(archive.filename, reason)) from None
    except ZIP_READ_ERRORS as error:
        raise ArchiveError(_damaged(name, error)) from error


def _read_json(archive, name):
    try:
        return json.loads(_read_member(archive, name))
    except ValueError as error:
        raise ArchiveError(_damaged(name, error)) from error


def _read_manifest(archive):
    """The manifest, once it is known to be one this code reads, in every part the import uses."""
    manifest = _read_json(archive, MANIFEST_NAME)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError(_not_an_archive(archive.filename, _("its manifest is of another kind")))
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            _("The archive has format version %(found)s; this portal reads format version %(supported)s.")
            % {"found": manifest.get("format_version"), "supported": FORMAT_VERSION}
        )
    records, migrations, media = manifest.get("records"), manifest.get("migrations"), manifest.get("media")
    well_formed = (
        isinstance(records, dict)
        and all(isinstance(count, int) for count in records.values())
        and isinstance(migrations, dict)
        and all(isinstance(names, list) for names in migrations.values())
        and isinstance(media, list)
        and all(isinstance(entry, dict) and {"name", "sha256"} <= entry.keys() for entry in media)
        and isinstance(manifest.get("missing_media", []), list)
    )
    if not well_formed:
        raise ArchiveError(_damaged(MANIFEST_NAME, _("a part is missing or of the wrong type")))
    for entry in media:
        name = entry["name"]
        parts = PurePosixPath(name).parts if isinstance(name, str) else ()
        if not parts or parts[0] == "/" or ".." in parts or "\\" in name:
            raise ArchiveError(
                _("The archive names a media file outside the media folder: %(name)s.") % {"name": name}
            )
    return manifest


def _read_records(archive, manifest):
    """data.json's records, once they are known to match the manifest and this portal's models."""
    records = _read_json(archive, DATA_NAME)
    well_formed = isinstance(records, list) and all(
        isinstance(record, dict)
        and isinstance(record.get("model"), str)
        and isinstance(record.get("fields"), dict)
        for record in records
    )
    if not well_formed:
        raise ArchiveError(_damaged(DATA_NAME, _("it is not a list of records")))
    counts = Counter(record["model"] for record in records)
    known = {model._meta.label_lower for model in archived_models()}
    unknown = sorted(set(counts) - known)
    if unknown:
        raise ArchiveError(
            _("The archive holds records of %(models)s, which this version of the portal does not have.")
            % {"models": ", ".join(unknown)}
        )
    listed = {label: count for label, count in manifest["records"].items() if count}
    if dict(counts) != listed:
        raise ArchiveError(_damaged(DATA_NAME, _("its records do not match the counts in the manifest")))
    return records


def _storages(records):
    """{file name: storage} for every file the records name: the storage its field writes to."""
    file_fields = {model._meta.label_lower: _file_fields(model) for model in archived_models()}
    storages = {}
    for record in records:
        for attname, storage in file_fields[record["model"]]:
            name = record["fields"].get(attname)
            if name:
                storages.setdefault(name, storage)
    return storages
