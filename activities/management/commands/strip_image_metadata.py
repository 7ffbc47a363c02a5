"""Save stored photo originals and partner logos again without camera metadata.

New uploads lose their metadata on the way in (core.uploads); this command does the same
for files stored before that. Run it once after deploying; running it again changes nothing.
"""

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction

from activities.models import Photo
from core import uploads
from partners.models import PartnerAgency

FIELDS = ((Photo, "image", "photos"), (PartnerAgency, "logo", "partners/logos"))


class Command(BaseCommand):
    help = (
        "Save stored photo originals and partner logos again without EXIF, XMP or comments "
        "(GPS position, camera serial number). Each file gets a new name; the old one is deleted."
    )

    def handle(self, *args, **options):
        for model, field_name, folder in FIELDS:
            stripped = unreadable = 0
            for record in (
                model._default_manager.exclude(**{field_name: ""}).only("pk", field_name).iterator()
            ):
                field_file = getattr(record, field_name)
                try:
                    with field_file.open("rb"):
                        if not uploads.carries_metadata(field_file):
                            continue
                        content, suffix = uploads.without_metadata(field_file)
                except Exception:  # noqa: BLE001 -- a missing or unreadable file is reported, not fatal
                    unreadable += 1
                    continue
                self._replace(model, record, field_file, folder, content, suffix)
                stripped += 1
            self.stdout.write(
                f"{model._meta.verbose_name_plural}: {stripped} saved without metadata, "
                f"{unreadable} missing or unreadable."
            )

    @staticmethod
    def _replace(model, record, field_file, folder, content, suffix):
        # A queryset update: the photo's scaled copies (already without metadata) are kept, and
        # the old file, whose address may have been shared, is deleted once the name is saved.
        storage, old_name = field_file.storage, field_file.name
        new_name = storage.save(uploads.generated_name(folder, f"image{suffix}"), ContentFile(content))
        with transaction.atomic():
            model._default_manager.filter(pk=record.pk).update(**{field_file.field.name: new_name})
            transaction.on_commit(lambda: storage.delete(old_name))
