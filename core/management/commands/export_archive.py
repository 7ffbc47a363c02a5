"""Back up the portal: every record and every media file it names, in one zip (core.archive)."""

import os

from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.archive import ArchiveError, ArchiveExporter


class Command(BaseCommand):
    help = (
        "Write every record (both languages, revision history, users and groups) and the media "
        "files they name into one zip archive, restorable with import_archive: export_archive backup.zip"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write (replaced, once complete, if it exists)")

    def handle(self, *args, file, verbosity, **options):
        try:
            manifest = ArchiveExporter().write(file)
        except ArchiveError as error:
            raise CommandError(error) from None
        for name in manifest["missing_media"]:
            warning = _(
                "The media file %(name)s is missing from the storage; its record is archived without it."
            )
            self.stderr.write(self.style.WARNING(warning % {"name": name}))
        if verbosity >= 2:
            for label, count in manifest["records"].items():
                self.stdout.write(f"{label}: {count}")
        done = _("Wrote %(path)s (%(size)s): %(records)s, %(files)s.") % described(file, manifest)
        self.stdout.write(self.style.SUCCESS(done))


def described(path, manifest):
    """The archive's path, size and contents, for either command's closing line."""
    records = sum(manifest["records"].values())
    files = len(manifest["media"])
    return {
        "path": path,
        "size": filesizeformat(os.path.getsize(path)),
        "records": ngettext("%(count)s record", "%(count)s records", records) % {"count": records},
        "files": ngettext("%(count)s media file", "%(count)s media files", files) % {"count": files},
    }
