from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")
    archived = True  # core.archive: backups hold this app's records

    def ready(self):
        from core import media
        from core.page_cache import connect_invalidation

        connect_invalidation("partners.PartnerAgency")
        media.register("partners.PartnerAgency", public_fields=("logo",))  # every agency is public
