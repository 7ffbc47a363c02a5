"""Keep the exports' fingerprint honest: sections, links and photos carry no timestamp of their own.

A change to a section or to its linked activities touches the issue; a change to a photo touches
its activity. The fingerprint (selectors.newsletter_fingerprint) then differs, so the cached PDF
and e-mail are rebuilt on the next request, in every process (the cache key changes; no process
has to be told).

Raw saves (fixtures, archive restores) load records exactly as they were: nothing is touched.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from activities.models import Event, Photo

from .models import NewsletterSection, SectionEvent
from .services import newsletter_touch


@receiver([post_save, post_delete], sender=NewsletterSection)
def section_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    newsletter_touch(newsletter_id=instance.newsletter_id)


@receiver([post_save, post_delete], sender=SectionEvent)
def link_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    section = NewsletterSection.objects.filter(pk=instance.section_id).values("newsletter_id").first()
    if section:
        newsletter_touch(newsletter_id=section["newsletter_id"])


@receiver([post_save, post_delete], sender=Photo)
def photo_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    Event.objects.filter(pk=instance.event_id).update(updated_at=timezone.now())
