from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletters")
    archived = True  # core.archive: backups hold this app's records

    def ready(self):
        from core.page_cache import connect_invalidation

        from . import signals  # noqa: F401 -- connects the export invalidation receivers

        connect_invalidation(
            "newsletters.Newsletter", "newsletters.NewsletterSection", "newsletters.SectionEvent"
        )
