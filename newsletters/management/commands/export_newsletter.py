"""Export one newsletter issue as PDF or e-mail HTML, for batch work and mailing-list tools."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from newsletters.exporters import EXPORTERS, get_exporter
from newsletters.models import Newsletter
from newsletters.selectors import newsletter_get


class Command(BaseCommand):
    help = (
        "Export a newsletter issue (drafts included) as a PDF or as e-mail HTML: "
        "export_newsletter 11 --lang zh-hans --format pdf --output issue-11.pdf"
    )

    def add_arguments(self, parser):
        parser.add_argument("number", type=int, help="issue number")
        parser.add_argument(
            "--lang", default=settings.LANGUAGE_CODE, help="language code: " + ", ".join(self._languages())
        )
        parser.add_argument("--format", default="pdf", help="export format: " + ", ".join(EXPORTERS))
        parser.add_argument(
            "--output", help="file to write (default: the export's own name in the current folder)"
        )

    @staticmethod
    def _languages():
        return [code for code, _name in settings.LANGUAGES]

    def handle(self, *args, number, lang, format, output, **options):
        if lang not in self._languages():
            raise CommandError(f"Unknown language {lang!r}: choose from {', '.join(self._languages())}.")
        if format not in EXPORTERS:
            raise CommandError(f"Unknown format {format!r}: choose from {', '.join(EXPORTERS)}.")
        try:
            newsletter = newsletter_get(number=number, include_drafts=True)
        except Newsletter.DoesNotExist:
            raise CommandError(f"No newsletter number {number}.") from None
        exporter = get_exporter(format)
        content = exporter.export(newsletter, lang)
        path = Path(output) if output else Path(exporter.filename(newsletter, lang))
        try:
            path.write_bytes(content)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror}.") from None
        size = len(content) / 1024
        summary = f"Wrote {path} ({size:.0f} KiB, issue {number}, {lang}, {format})."
        self.stdout.write(self.style.SUCCESS(summary))
