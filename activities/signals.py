from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from core import page_cache

from . import search
from .models import Event, EventAgency, Pillar
from .selectors import is_public
from .services import pillar_list


@receiver(m2m_changed, sender=Event.pillars.through)
def refuse_pillars_of_another_phase(sender, instance, action, reverse, pk_set, **kwargs):
    """Last line of defence: forms check this too, but no code path may link across phases."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:
        pillar_phase = instance.phase_id
        if Event.objects.filter(pk__in=pk_set).exclude(phase_id=pillar_phase).exists():
            raise ValidationError(_("A pillar can only be linked to activities of its own phase."))
        return
    foreign = Pillar.objects.filter(pk__in=pk_set).exclude(phase_id=instance.phase_id)
    if foreign.exists():
        raise ValidationError(
            _("These pillars belong to another phase: %(pillars)s.")
            % {"pillars": pillar_list(foreign.select_related("phase"))}
        )


@receiver(post_save, sender=Event)
def write_search_document(sender, instance, raw=False, **kwargs):
    """Every save rewrites the activity's search document from its texts (PostgreSQL only)."""
    search.update_document(instance)


# The page cache: an edit of an activity touches the pages that list activities, its own card and
# its partners' pages; withdrawing it (unpublished, scheduled for later, renamed, deleted) makes
# them unservable at once, any other edit lets readers have the previous page while it is rebuilt.


def _touched_tags(event):
    slugs = EventAgency.objects.filter(event_id=event.pk).values_list("agency__slug", flat=True)
    return [page_cache.EVENTS, page_cache.event_tag(event.pk), *map(page_cache.agency_tag, slugs)]


@receiver(pre_save, sender=Event, dispatch_uid="page-cache-event-before")
def remember_what_the_public_saw(sender, instance, raw=False, **kwargs):
    before = None
    if instance.pk is not None and not raw:
        before = Event.objects.filter(pk=instance.pk).only("status", "published_at", "slug").first()
    instance._public_slug_before = before.slug if before is not None and is_public(before) else None
    instance._tags_before = _touched_tags(instance) if before is not None else []


@receiver(post_save, sender=Event, dispatch_uid="page-cache-event-saved")
def event_saved(sender, instance, raw=False, **kwargs):
    if raw:
        page_cache.bump_generation()
        return
    slug_before = getattr(instance, "_public_slug_before", None)
    withdrawn = slug_before is not None and (not is_public(instance) or instance.slug != slug_before)
    tags = [*getattr(instance, "_tags_before", []), *_touched_tags(instance)]
    page_cache.content_changed(tags, withdrawn=withdrawn)


@receiver(post_delete, sender=Event, dispatch_uid="page-cache-event-deleted")
def event_deleted(sender, instance, **kwargs):
    # The partner roles went with it: every partner page may have listed it.
    page_cache.bump_generation()
