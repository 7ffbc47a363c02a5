from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    default = True
    name = "activities"
    verbose_name = _("Activities")
    archived = True  # core.archive: backups hold this app's records

    def ready(self):
        from core.page_cache import connect_invalidation
        from core.uploads import connect_renditions

        from . import signals  # noqa: F401 -- connects the pillar-phase guard

        connect_renditions("activities.Photo")
        connect_invalidation(
            "activities.Phase",
            "activities.Phase_implementing_organisations",
            "activities.Pillar",
            "activities.Event",
            "activities.Event_pillars",
            "activities.EventAgency",
            "activities.Participant",
            "activities.Photo",
            "activities.Attachment",
        )
