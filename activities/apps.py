from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    default = True
    name = "activities"
    verbose_name = _("Activities")
    archived = True  # core.archive: backups hold this app's records

    def ready(self):
        from core import media
        from core.page_cache import connect_invalidation
        from core.uploads import connect_renditions

        from . import signals  # noqa: F401 -- connects the pillar-phase guard
        from .selectors import attachment_download_name, with_published_event

        # Originals may carry what the copies lost (core.uploads): staff only.
        media.register(
            "activities.Photo",
            public_fields=("image_small", "image_large"),
            staff_fields=("image",),
            public_records=with_published_event,
        )
        media.register(
            "activities.Attachment",
            public_fields=("file",),
            public_records=with_published_event,
            downloads=True,
            download_name=attachment_download_name,
        )

        # Saving or deleting an activity invalidates what it touches (signals.py), not everything.
        connect_renditions("activities.Photo")
        connect_invalidation(
            "activities.Phase",
            "activities.Phase_implementing_organisations",
            "activities.Pillar",
            "activities.Event_pillars",
            "activities.EventAgency",
            "activities.Participant",
            "activities.Photo",
            "activities.Attachment",
        )
