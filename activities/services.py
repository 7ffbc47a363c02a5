"""Writes to activities: every path (admin, load_demo, later forms) saves through here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import workflow
from core.enums import Status
from core.formatting import list_separator, phase_numeral
from core.richtext import clean_html
from core.workflow import stored_status


def pillars_of_other_phases(*, phase, pillars):
    """The pillars that may not be linked to an activity of `phase`."""
    return [pillar for pillar in pillars if pillar.phase_id != phase.pk]


def pillar_label(pillar):
    """A pillar named with its phase's numeral, "II · Regular migration": phases I and II
    share the same four pillar names, and the full phase name would bury the pillar's."""
    # Translators: a pillar in a list of choices, after its phase's numeral: "II · Regular migration".
    return _("%(phase)s · %(pillar)s") % {"phase": phase_numeral(pillar.phase.number), "pillar": pillar}


def pillar_list(pillars):
    """ "I · Key area four, I · Key area five" / "一 · …、一 · …": pillars with their phase's numeral."""
    return list_separator().join(pillar_label(pillar) for pillar in pillars)


def pillar_phase_error(*, phase, pillars):
    """The message refusing pillars of another phase, naming them, or None when all fit.

    "These pillars belong to another phase than Phase II: I · Key area four." — the phases by
    their numeral (the full names are long and the pillars of phases I and II share names),
    the pillars joined with the language's list separator ("、" in Chinese).
    """
    wrong = pillars_of_other_phases(phase=phase, pillars=pillars)
    if not wrong:
        return None
    return _("These pillars belong to another phase than %(phase)s: %(pillars)s.") % {
        "phase": _("Phase %(number)s") % {"number": phase_numeral(phase.number)},
        "pillars": pillar_list(wrong),
    }


@transaction.atomic
def event_save(*, event, user, pillars=None):
    """Validate and save an activity, recording who created it and who changed it last.

    The rich text is cleaned against the allow-list before validation, so no
    path stores unsafe HTML. A change of status must be one the user may make
    (core.workflow): publishing needs the publish permission and both
    languages' title and summary. `pillars`, when given, replaces the
    activity's pillars after the same phase check the admin form makes.
    """
    workflow.check_transition(user=user, obj=event, current=stored_status(event), target=event.status)
    if event._state.adding:
        event.created_by = user
    event.updated_by = user
    for field in ("body_en", "body_zh_hans"):
        setattr(event, field, clean_html(getattr(event, field)))
    event.full_clean()
    if pillars is not None:
        message = pillar_phase_error(phase=event.phase, pillars=pillars)
        if message:
            raise ValidationError({"pillars": message})
    event.save()
    if pillars is not None:
        event.pillars.set(pillars)
    return event


@transaction.atomic
def event_transition(*, event, user, status):
    """Move an activity to another status (send for review, publish, unpublish, archive).

    Publishing stamps the publication time unless one is set already (a future one schedules it).
    """
    event.status = status
    if status == Status.PUBLISHED and event.published_at is None:
        event.published_at = timezone.now()
    return event_save(event=event, user=user)


def event_publish(*, event, user):
    """Publish an activity now, unless it already carries a publication time."""
    return event_transition(event=event, user=user, status=Status.PUBLISHED)


def event_unpublish(*, event, user):
    """Take an activity back to draft: the public no longer sees it."""
    return event_transition(event=event, user=user, status=Status.DRAFT)
