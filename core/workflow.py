"""Review and publishing: who may move a record from one status to another, and when.

Draft -> in review -> published (-> archived). Editors write and send records for review;
only holders of the model's ``publish_<model>`` permission (the Publishers group) publish,
unpublish and archive. A record is public only while published and from its publication time,
so a publication date in the future schedules it with no job to run.
"""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext

from core.enums import Status
from core.formatting import list_separator

EDIT, PUBLISH = "edit", "publish"

# (from, to): the permission the move needs.
TRANSITIONS = {
    (Status.DRAFT, Status.IN_REVIEW): EDIT,
    (Status.IN_REVIEW, Status.DRAFT): EDIT,
    (Status.DRAFT, Status.PUBLISHED): PUBLISH,
    (Status.IN_REVIEW, Status.PUBLISHED): PUBLISH,
    (Status.PUBLISHED, Status.DRAFT): PUBLISH,
    (Status.PUBLISHED, Status.ARCHIVED): PUBLISH,
    (Status.ARCHIVED, Status.PUBLISHED): PUBLISH,
    (Status.ARCHIVED, Status.DRAFT): PUBLISH,
}



def can_publish(user, model):
    opts = model._meta
    return bool(user and user.has_perm(f"{opts.app_label}.publish_{opts.model_name}"))


def can_edit(user, model):
    opts = model._meta
    return bool(user and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"))


def may_move(user, model, current, target):
    """Whether ``user`` may move a record of ``model`` from ``current`` to ``target``."""
    if current == target:
        return True
    needed = TRANSITIONS.get((Status(current), Status(target)))
    if needed == EDIT:
        return can_edit(user, model)
    if needed == PUBLISH:
        return can_publish(user, model)
    return False


def allowed_statuses(user, model, current):
    """The statuses ``user`` may choose for a record now in ``current``, in workflow order."""
    return [status for status in Status if may_move(user, model, current, status)]


def missing_for_publication(model, values):
    """Labels of the texts still missing for publication, e.g. ["Chinese summary"].

    The texts a record must have in both languages before the public may see it are named by
    its model's ``required_for_publication``.
    """
    fields = getattr(model, "required_for_publication", ())
    labels = {"en": gettext("English"), "zh-hans": gettext("Chinese")}
    missing = []
    for field in fields:
        verbose = model._meta.get_field(field).verbose_name
        for lang, suffix in (("en", "en"), ("zh-hans", "zh_hans")):
            if not (values.get(f"{field}_{suffix}") or "").strip():
                # Translators: "Chinese summary", "English title": a text missing before publication.
                missing.append(
                    gettext("%(language)s %(field)s") % {"language": labels[lang], "field": verbose}
                )
    return missing


def transition_error(*, user, model, current, target, values):
    """The message refusing a status change, or None when it may go ahead.

    ``user`` None is the system itself (the demo loader, imports of published data).
    """
    if user is not None and not may_move(user, model, current, target):
        return gettext("You may not change the status from “%(from)s” to “%(to)s”.") % {
            "from": Status(current).label,
            "to": Status(target).label,
        }
    # Checked on every save of a published record too: a public record never loses a language.
    if target == Status.PUBLISHED:
        missing = missing_for_publication(model, values)
        if missing:
            return gettext(
                "%(record)s cannot be published until its texts are complete in both languages. "
                "Missing: %(missing)s."
            ) % {"record": capfirst(model._meta.verbose_name), "missing": list_separator().join(missing)}
    return None


def check_transition(*, user, obj, current, target):
    """Raise a ValidationError on the status field when the move is not allowed."""
    values = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
    message = transition_error(user=user, model=type(obj), current=current, target=target, values=values)
    if message:
        raise ValidationError({"status": message})


def stored_status(obj):
    """The status a record has in the database (a new record starts as a draft)."""
    if obj.pk is None or obj._state.adding:
        return Status.DRAFT
    return type(obj)._base_manager.filter(pk=obj.pk).values_list("status", flat=True).first() or Status.DRAFT
