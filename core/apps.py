from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the portal's site (the translators' queue on the index)."""

    default = False
    default_site = "core.admin_site.PortalAdminSite"


class PortalAxesConfig(AxesAppConfig):
    """django-axes under a name staff read in their language ("Axes" is untranslatable as given)."""

    default = False
    verbose_name = _("Sign-in protection")


class CoreConfig(AppConfig):
    """The portal's machinery; it knows no domain app (each passes what it needs from its ready())."""

    default = True
    name = "core"
    verbose_name = _("Review of changes")  # the admin shows core's one table under this name

    def ready(self):
        from . import translation_status

        translation_status.connect()
