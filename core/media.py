"""Uploaded files, served by the portal itself under MEDIA_URL, to whom may see them.

A file is served only if a record names it, in a field its app registered (``register``, from the
app's ``ready()``): core knows no domain model. The public gets the public fields of public
records, with a year's cache lifetime (stored names are random and never reused, core.uploads);
signed-in staff who may view the model get any registered file, never cached. Everything else,
an original photo, a file of a draft, a replaced or deleted file, a name no record holds, is a
404, so an address tells an outsider nothing. With MEDIA_STORAGE=s3 pages link the bucket's own
URLs and this view is not used.
"""

import mimetypes
import posixpath
from dataclasses import dataclass
from functools import reduce
from operator import or_
from pathlib import PurePosixPath

from django.apps import apps
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

PUBLIC_CACHE = {"public": True, "max_age": 365 * 24 * 60 * 60, "immutable": True}
STAFF_CACHE = {"private": True, "no_store": True}


@dataclass(frozen=True)
class Owner:
    """A model whose records own files: which fields, which are public, which records are."""

    label: str
    public_fields: tuple
    staff_fields: tuple = ()
    public_records: object = None  # queryset -> the public records in it; None: all are public
    downloads: bool = False  # served as an attachment (Content-Disposition), not shown inline
    download_name: object = None  # record -> a file name without suffix, for downloads

    @property
    def fields(self):
        return (*self.public_fields, *self.staff_fields)

    @property
    def model(self):
        return apps.get_model(self.label)


_owners = {}


def register(label, *, public_fields, staff_fields=(), **options):
    """Let the files named in ``label``'s fields be served (see the module's docstring).

    Options: ``public_records(queryset)`` narrows a queryset of the model to the records the
    public may see (default: all); ``staff_fields`` are served to staff only, whatever the
    record's state; ``downloads=True`` serves the files as attachments, named by
    ``download_name(record)`` if given.
    """
    _owners[label] = Owner(label, tuple(public_fields), tuple(staff_fields), **options)


def clean_name(path):
    """The storage name ``path`` asks for, or None if it is not one (traversal, absolute, odd)."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        return None
    if posixpath.normpath(path) != path or ".." in PurePosixPath(path).parts:
        return None
    return path


def find(name):
    """(owner, record, field name, queryset of that record) for the record naming ``name``, or None."""
    for owner in _owners.values():
        queryset = owner.model._default_manager.filter(reduce(or_, (Q(**{f: name}) for f in owner.fields)))
        record = queryset.first()
        if record is not None:
            field_name = next(f for f in owner.fields if getattr(record, f).name == name)
            return owner, record, field_name, queryset
    return None


def is_public(owner, field_name, queryset):
    if field_name not in owner.public_fields:
        return False
    return owner.public_records is None or owner.public_records(queryset).exists()


def may_see_all(user, owner):
    meta = owner.model._meta
    return user.is_active and user.is_staff and user.has_perm(f"{meta.app_label}.view_{meta.model_name}")


@require_safe
def serve(request, path):
    name = clean_name(path)
    found = find(name) if name else None
    if found is None:
        raise Http404
    owner, record, field_name, queryset = found
    # The public's answer is settled before the session is read: it then carries no Vary: Cookie
    # and a shared cache may keep it.
    public = is_public(owner, field_name, queryset)
    if not public and not may_see_all(request.user, owner):
        raise Http404
    try:
        file = default_storage.open(name, "rb")
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        raise Http404 from None
    suffix = PurePosixPath(name).suffix.lower()
    filename = None
    if owner.downloads:
        stem = owner.download_name(record) if owner.download_name else ""
        filename = f"{stem or PurePosixPath(name).stem}{suffix}"
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(file, as_attachment=owner.downloads, filename=filename, content_type=content_type)
    patch_cache_control(response, **(PUBLIC_CACHE if public else STAFF_CACHE))
    response["X-Content-Type-Options"] = "nosniff"
    return response
