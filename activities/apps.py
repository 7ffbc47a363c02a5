from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (the translators' queue on the index)."""

    default = False
    default_site = "core.admin_site.PortalAdminSite"


class ActivitiesConfig(AppConfig):
    default = True
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from core import (
            translation_status,
            uploads,  # noqa: F401 -- connects the photo renditions' receivers
        )
        from core.page_cache import connect_invalidation

        from . import signals  # noqa: F401 -- connects the pillar-phase guard

        connect_invalidation()
        translation_status.connect()
