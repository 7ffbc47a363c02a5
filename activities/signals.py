from django.core.exceptions import ValidationError
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from . import search
from .models import Event, Pillar
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
