"""Restore a backup made by export_archive into an empty, migrated database (core.archive)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.archive import ArchiveError, ArchiveImporter

from .export_archive import described


class Command(BaseCommand):
    help = (
        "Restore an archive made by export_archive into an empty, migrated database and its media "
        "storage, all or nothing: import_archive backup.zip"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to restore")

    def handle(self, *args, file, verbosity, **options):
        try:
            manifest = ArchiveImporter().restore(file)
        except ArchiveError as error:
            raise CommandError(error) from None
        for name in manifest.get("missing_media", []):
            warning = _(
                "The media file %(name)s was missing when the archive was made; its record is restored "
                "without it."
            )
            self.stderr.write(self.style.WARNING(warning % {"name": name}))
        if verbosity >= 2:
            for label, count in manifest["records"].items():
                self.stdout.write(f"{label}: {count}")
        done = _("Restored %(path)s (%(size)s): %(records)s, %(files)s.") % described(file, manifest)
        self.stdout.write(self.style.SUCCESS(done))
