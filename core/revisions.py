"""Changes to published records wait for a publisher (the review of changes).

A change to a published record by someone who may not publish it is not saved into the record:
the admin validates it as usual, then ``revision_submit`` keeps what changed (the fields, both
languages, and the added, changed and deleted rows of its inlines) in a ``PendingRevision``. The
public keeps seeing the published version. A publisher looks at the difference and either
publishes it (``revision_publish``: applied through the admin's own save, so the services'
validation, the history and the page cache work as for any save) or rejects it with a comment
(``revision_reject``), which the author sees on the change form.

One pending revision at most per record: a later change, by the same or another editor, merges
into it (a field changed again takes its newest value; a field changed back to the published
value leaves the revision). A publish is refused when the record changed, since the revision was
made, in a field the revision touches: nothing is overwritten silently.
"""

import difflib
import os
import re

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.enums import RevisionStatus, Status
from core.formatting import list_separator
from core.models import PendingRevision
from core.workflow import can_publish, stored_status

from .translation_status import translated_fields

REVIEW_REASON = "review #{pk}"
LANGUAGE_SUFFIXES = {"_en": "en", "_zh_hans": "zh-hans"}


def needs_review(user, obj):
    """Whether a change by ``user`` to ``obj`` must wait for a publisher: a published record and
    a user without its publish permission."""
    if obj is None or obj.pk is None:
        return False
    return stored_status(obj) == Status.PUBLISHED and not can_publish(user, type(obj))


def pending_revision(obj):
    """The revision of ``obj`` waiting for review, or None."""
    return PendingRevision.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=str(obj.pk),
        status=RevisionStatus.PENDING,
    ).first()


def last_rejection(obj, user):
    """The latest rejected revision of ``obj`` that ``user`` wrote, when nothing newer is pending."""
    return (
        PendingRevision.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
            status=RevisionStatus.REJECTED,
            authors=user,
        )
        .select_related("reviewer")
        .order_by("-decided_at")
        .first()
    )


# --- values as JSON -------------------------------------------------------------------------


def serialize(field, obj):
    """The value of ``field`` on ``obj`` as JSON: a string, a number, None, or a list of pks."""
    raw = field.value_from_object(obj)
    if raw is None:
        return None
    if isinstance(field, models.FileField):
        if isinstance(raw, FieldFile) and raw and not raw._committed:
            # A new upload: stored now under the field's own name rules, not yet used by any row.
            raw.save(os.path.basename(raw.name), raw.file, save=False)
        return raw.name or ""
    if field.is_relation:
        return raw
    if isinstance(field, (models.BooleanField, models.IntegerField)):
        return raw
    if isinstance(field, models.JSONField):
        return raw
    return field.value_to_string(obj)


def deserialize(field, value):
    if value is None or field.is_relation or isinstance(field, (models.FileField, models.JSONField)):
        return value
    return field.to_python(value)


def _form_fields(form, obj, stored):
    """{name: {"old", "new"}} for every model field the form changed (an m2m by sorted pks)."""
    opts = type(obj)._meta
    changes = {}
    for name in form.changed_data:
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:  # a form-only field (the activity's loaded_version)
            continue
        if field.many_to_many:
            old = sorted(getattr(stored, name).values_list("pk", flat=True)) if stored is not None else []
            new = sorted(item.pk for item in form.cleaned_data.get(name) or [])
            key = name
        elif field.concrete and not field.primary_key:
            old = serialize(field, stored) if stored is not None else None
            new = serialize(field, obj)
            key = field.attname
        else:
            continue
        # Kept even when equal: a value changed back undoes a change waiting (merge_changes).
        changes[key] = {"old": old, "new": new}
    return changes


def form_changes(form, formsets=()):
    """What a valid change form and its inline formsets would change, as ``PendingRevision.changes``."""
    obj = form.instance
    stored = type(obj)._base_manager.get(pk=obj.pk)
    inlines = {}
    for formset in formsets:
        model = formset.model
        fk = formset.fk
        entry = {"fk": fk.attname, "changed": [], "added": [], "deleted": []}
        deleted = {id(form) for form in formset.deleted_forms}
        for child_form in formset.forms:
            instance = child_form.instance
            if id(child_form) in deleted:
                if instance.pk is not None:
                    entry["deleted"].append({"pk": instance.pk, "label": str(instance)})
                continue
            if not child_form.has_changed():
                continue
            if instance.pk is None or instance._state.adding:
                values = {}
                for name in child_form.fields:
                    try:
                        field = model._meta.get_field(name)
                    except FieldDoesNotExist:
                        continue
                    if (
                        field.concrete
                        and not field.primary_key
                        and field is not fk
                        and not field.many_to_many
                    ):
                        values[field.attname] = serialize(field, instance)
                entry["added"].append({"fields": values})
            else:
                stored_child = model._base_manager.filter(pk=instance.pk).first()
                fields = _form_fields(child_form, instance, stored_child)
                fields.pop(fk.attname, None)
                if fields:
                    entry["changed"].append({"pk": instance.pk, "fields": fields})
        if entry["changed"] or entry["added"] or entry["deleted"]:
            inlines[model._meta.label_lower] = entry
    return {"fields": _form_fields(form, obj, stored), "inlines": inlines}


def _merge_fields(kept, new):
    for name, change in new.items():
        old = kept[name]["old"] if name in kept else change["old"]
        if change["new"] == old:
            kept.pop(name, None)
        else:
            kept[name] = {"old": old, "new": change["new"]}
    return kept


def merge_changes(kept, new):
    """``kept`` with the later change ``new`` laid over it (see the module)."""
    merged = {"fields": _merge_fields(dict(kept.get("fields", {})), new.get("fields", {})), "inlines": {}}
    labels = set(kept.get("inlines", {})) | set(new.get("inlines", {}))
    for label in sorted(labels):
        first = kept.get("inlines", {}).get(label) or {"changed": [], "added": [], "deleted": []}
        later = new.get("inlines", {}).get(label) or {"changed": [], "added": [], "deleted": []}
        deleted = {row["pk"]: row for row in first["deleted"] + later["deleted"]}
        changed = {row["pk"]: dict(row["fields"]) for row in first["changed"]}
        for row in later["changed"]:
            changed[row["pk"]] = _merge_fields(changed.get(row["pk"], {}), row["fields"])
        entry = {
            "fk": later.get("fk") or first.get("fk"),
            "changed": [
                {"pk": pk, "fields": fields} for pk, fields in changed.items() if fields and pk not in deleted
            ],
            "added": first["added"] + later["added"],
            "deleted": list(deleted.values()),
        }
        if entry["changed"] or entry["added"] or entry["deleted"]:
            merged["inlines"][label] = entry
    return merged


def is_empty(changes):
    return not changes.get("fields") and not changes.get("inlines")


# --- writes ---------------------------------------------------------------------------------


def _pending_for_update(content_type, object_id):
    """The record's pending revision, locked until the transaction ends, or None."""
    return (
        PendingRevision.objects.select_for_update()
        .filter(content_type=content_type, object_id=object_id, status=RevisionStatus.PENDING)
        .first()
    )


def _submit_once(*, content_type, obj, user, changes):
    revision = _pending_for_update(content_type, str(obj.pk))
    if revision is None:
        revision = PendingRevision(content_type=content_type, object_id=str(obj.pk), author=user)
    merged = merge_changes(revision.changes or {}, changes)
    if is_empty(merged):
        if revision.pk:
            revision.delete()
        return None
    revision.changes = merged
    revision.updated_at = timezone.now()
    revision.full_clean(exclude=["author", "content_type"], validate_constraints=False)
    revision.save()
    revision.authors.add(user)
    return revision


@transaction.atomic
def revision_submit(*, obj, user, changes):
    """Keep ``changes`` to the published ``obj`` for review, merged into its pending revision.

    Returns the revision, or None when nothing is left to review (every change undone).

    Two editors saving the first change of a record at the same moment: the record's row is
    locked first, so on PostgreSQL the second waits for the first and then finds its revision.
    Where no row lock exists (SQLite), or should the lock be missed, the second insert meets the
    one-pending-revision constraint: it is undone to its savepoint and the change is merged into
    the revision that won, once more. Nothing is lost and nobody gets an error.
    """
    content_type = ContentType.objects.get_for_model(type(obj))
    list(type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list("pk", flat=True))
    try:
        with transaction.atomic():
            return _submit_once(content_type=content_type, obj=obj, user=user, changes=changes)
    except IntegrityError:
        # Another editor's revision was committed between the look-up and the insert: merge into it.
        return _submit_once(content_type=content_type, obj=obj, user=user, changes=changes)


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return next(f for f in model._meta.concrete_fields if f.attname == name)


def field_label(model, name):
    """ "Title (Chinese)", "Phase": a changed column named for staff."""
    originals = set(translated_fields(model))
    for suffix, language in LANGUAGE_SUFFIXES.items():
        base = name[: -len(suffix)]
        if name.endswith(suffix) and base in originals:
            labels = {"en": gettext("English"), "zh-hans": gettext("Chinese")}
            # Translators: a field in one language, e.g. "Title (Chinese)" / "标题（中文）".
            return gettext("%(field)s (%(language)s)") % {
                "field": capfirst(model._meta.get_field(base).verbose_name),
                "language": labels[language],
            }
    return capfirst(_field(model, name).verbose_name)


def _current(field, obj):
    if field.many_to_many:
        return sorted(getattr(obj, field.name).values_list("pk", flat=True))
    return serialize(field, obj)


def conflicts(revision):
    """Labels of the fields the revision touches that changed in the record since it was made."""
    model = revision.content_type.model_class()
    obj = model._base_manager.filter(pk=revision.object_id).first()
    if obj is None:
        return [gettext("the record was deleted")]
    found = []
    for name, change in revision.changes.get("fields", {}).items():
        if _current(_field(model, name), obj) not in (change["old"], change["new"]):
            found.append(field_label(model, name))
    for label, entry in revision.changes.get("inlines", {}).items():
        child_model = _model(label)
        for row in entry["changed"]:
            child = child_model._base_manager.filter(pk=row["pk"]).first()
            if child is None:
                found.append(f"{capfirst(child_model._meta.verbose_name)} #{row['pk']}")
                continue
            for name, change in row["fields"].items():
                if _current(_field(child_model, name), child) not in (change["old"], change["new"]):
                    found.append(f"{child} – {field_label(child_model, name)}")
    return found


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def overlay(obj, revision):
    """``obj`` showing the field values its pending revision proposes (for its change form)."""
    _apply_values(obj, {name: change["new"] for name, change in revision.changes.get("fields", {}).items()})
    return obj


def _apply_values(obj, values):
    for name, value in values.items():
        field = _field(type(obj), name)
        if not field.many_to_many:
            setattr(obj, field.attname, deserialize(field, value))


@transaction.atomic
def revision_publish(*, revision, user, save_record, comment=""):
    """Apply a pending revision to its record, as ``user`` (a publisher), and mark it published.

    ``save_record(obj, many_to_many)`` validates and saves the record the way its admin does
    (the app's service, with its validation); ``many_to_many`` maps each many-to-many field the
    revision changes to the pks it will hold, so that the app checks them against the record as
    it will be (an activity's pillars against its phase, which a publisher may have changed
    meanwhile) before anything is written. A refusal raises ValidationError and nothing is
    applied. The history records the change with the reason ``review #<revision>``, shown as
    "Published from review #<revision>" with the publisher's ``comment``, kept on the revision.
    """
    revision = PendingRevision.objects.select_for_update().get(pk=revision.pk)
    model = revision.content_type.model_class()
    if not can_publish(user, model):
        raise ValidationError(gettext("Only a publisher may publish changes waiting for review."))
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(gettext("These changes were already reviewed."))
    found = conflicts(revision)
    if found:
        raise ValidationError(
            gettext(
                "Not published: the record changed since these changes were made, in: %(fields)s. "
                "Publishing would overwrite that change. Reject these changes and ask the author to "
                "make them again on the current version."
            )
            % {"fields": list_separator().join(found)}
        )
    missing = missing_uploads(revision)
    if missing:
        raise ValidationError(
            gettext(
                "Not published: a file uploaded with these changes is no longer stored: %(files)s. "
                "Reject these changes and ask the author to upload it again."
            )
            % {"files": list_separator().join(missing)}
        )
    obj = model._base_manager.get(pk=revision.object_id)
    fields = revision.changes.get("fields", {})
    _apply_values(obj, {name: change["new"] for name, change in fields.items()})
    obj._change_reason = REVIEW_REASON.format(pk=revision.pk)
    many_to_many = {
        _field(model, name).name: change["new"]
        for name, change in fields.items()
        if _field(model, name).many_to_many
    }
    save_record(obj, many_to_many)
    for name, pks in many_to_many.items():
        getattr(obj, name).set(pks)
    for label, entry in revision.changes.get("inlines", {}).items():
        child_model = _model(label)
        for row in entry["deleted"]:
            for child in child_model._base_manager.filter(pk=row["pk"]):
                child._change_reason = REVIEW_REASON.format(pk=revision.pk)
                child.delete()
        for row in entry["changed"]:
            child = child_model._base_manager.get(pk=row["pk"])
            _apply_values(child, {name: change["new"] for name, change in row["fields"].items()})
            child._change_reason = REVIEW_REASON.format(pk=revision.pk)
            child.full_clean()
            child.save()
        for row in entry["added"]:
            child = child_model(**{entry["fk"]: obj.pk})
            _apply_values(child, row["fields"])
            child._change_reason = REVIEW_REASON.format(pk=revision.pk)
            child.full_clean()
            child.save()
    revision.status = RevisionStatus.PUBLISHED
    revision.reviewer = user
    revision.comment = (comment or "").strip()
    revision.decided_at = timezone.now()
    revision.save()
    return obj


@transaction.atomic
def revision_reject(*, revision, user, comment):
    """Turn a pending revision down with a comment for its author; the record stays as it is."""
    revision = PendingRevision.objects.select_for_update().get(pk=revision.pk)
    if not can_publish(user, revision.content_type.model_class()):
        raise ValidationError(gettext("Only a publisher may reject changes waiting for review."))
    if revision.status != RevisionStatus.PENDING:
        raise ValidationError(gettext("These changes were already reviewed."))
    if not (comment or "").strip():
        raise ValidationError({"comment": gettext("Say why the changes are rejected: the author reads it.")})
    revision.status = RevisionStatus.REJECTED
    revision.reviewer = user
    revision.comment = comment.strip()
    revision.decided_at = timezone.now()
    revision.save()
    _discard_uploads(revision)
    return revision


def _uploads(revision):
    """(field, stored name) of every file uploaded for the rows the revision adds."""
    for label, entry in revision.changes.get("inlines", {}).items():
        child_model = _model(label)
        for row in entry["added"]:
            for name, value in row["fields"].items():
                field = _field(child_model, name)
                if isinstance(field, models.FileField) and value:
                    yield field, value


def missing_uploads(revision):
    """The names of the files uploaded for the revision that storage no longer holds."""
    return [os.path.basename(value) for field, value in _uploads(revision) if not field.storage.exists(value)]


def discard_for_deleted_record(sender, instance, **kwargs):
    """``post_delete`` of a reviewed model: the changes waiting for a deleted record can never be
    published; they go, with the files uploaded for them. Decided revisions stay."""
    for revision in PendingRevision.objects.filter(
        content_type=ContentType.objects.get_for_model(sender),
        object_id=str(instance.pk),
        status=RevisionStatus.PENDING,
    ):
        revision.delete()
        transaction.on_commit(lambda revision=revision: _discard_uploads(revision))


def _discard_uploads(revision):
    """Files uploaded for rows that will never exist."""
    for field, value in _uploads(revision):
        if not field.model._base_manager.filter(**{field.attname: value}).exists():
            field.storage.delete(value)


# --- display --------------------------------------------------------------------------------


def _tokens(text, chinese):
    return list(text) if chinese else re.findall(r"\s+|[^\s]+", text)


def word_diff(old, new, *, chinese=False):
    """(old, new) as HTML, the removed words marked <del> in the first, the added <ins> in the
    second; Chinese compared character by character."""
    a, b = _tokens(old, chinese), _tokens(new, chinese)
    before, after = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        removed, added = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            before.append(removed)
            after.append(added)
            continue
        if removed:
            before.append(f"<del>{removed}</del>")
        if added:
            after.append(f"<ins>{added}</ins>")
    return mark_safe("".join(before)), mark_safe("".join(after))  # noqa: S308 -- escaped above


def display_value(field, value):
    """A stored JSON value as staff read it: choices by label, related records by name, no HTML."""
    if value is None or value == "" or value == []:
        return ""
    if field.many_to_many:
        return list_separator().join(
            str(item) for item in field.related_model._base_manager.filter(pk__in=value)
        )
    if field.is_relation:
        return str(field.related_model._base_manager.filter(pk=value).first() or value)
    if field.choices:
        return str(dict(field.flatchoices).get(deserialize(field, value), value))
    if isinstance(field, models.BooleanField):
        return gettext("Yes") if value else gettext("No")
    return strip_tags(str(value)).strip()


def _row(model, name, change):
    field = _field(model, name)
    chinese = name.endswith("_zh_hans")
    old, new = display_value(field, change["old"]), display_value(field, change["new"])
    before, after = word_diff(old, new, chinese=chinese)
    return {"label": field_label(model, name), "before": before, "after": after, "chinese": chinese}


def diff_rows(revision):
    """The revision for the review page: ``fields`` rows (label, before, after) and ``inlines``
    groups (the child model's name, then its changed, added and deleted rows)."""
    model = revision.content_type.model_class()
    fields = [_row(model, name, change) for name, change in revision.changes.get("fields", {}).items()]
    groups = []
    for label, entry in revision.changes.get("inlines", {}).items():
        child_model = _model(label)
        rows = []
        for row in entry["changed"]:
            child = child_model._base_manager.filter(pk=row["pk"]).first()
            rows.append(
                {
                    "kind": "changed",
                    "title": str(child) if child else f"#{row['pk']}",
                    "fields": [_row(child_model, name, change) for name, change in row["fields"].items()],
                }
            )
        for row in entry["added"]:
            changes = {name: {"old": None, "new": value} for name, value in row["fields"].items()}
            rows.append(
                {
                    "kind": "added",
                    "title": gettext("New row"),
                    "fields": [
                        _row(child_model, name, change) for name, change in changes.items() if change["new"]
                    ],
                }
            )
        for row in entry["deleted"]:
            rows.append({"kind": "deleted", "title": row["label"], "fields": []})
        groups.append({"name": capfirst(child_model._meta.verbose_name_plural), "rows": rows})
    return {"fields": fields, "inlines": groups}


def changed_labels(revision):
    """Short list of what a revision changes, for the banner on the change form."""
    model = revision.content_type.model_class()
    labels = [field_label(model, name) for name in revision.changes.get("fields", {})]
    for label in revision.changes.get("inlines", {}):
        labels.append(capfirst(_model(label)._meta.verbose_name_plural))
    return labels
