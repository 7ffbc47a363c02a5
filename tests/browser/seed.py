"""A photo and a document on a demo activity, for the crawl: the demo content has no files.

Run in the test process (live server) or by ``manage.py shell -c`` for the production server,
whose database only a subprocess with its settings reaches.
"""

import io

from django.core.files.base import ContentFile
from PIL import Image

SEEDED_EVENT = "field-visit-hainan-2023"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def jpeg(width, height, colour="teal"):
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), colour)
    image.paste(Image.new("RGB", (width // 3, height // 3), "orange"), (width // 4, height // 4))
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def seed_media():
    from activities.models import Attachment, Event, Photo

    event = Event.objects.get(slug=SEEDED_EVENT)
    Photo.objects.create(
        event=event,
        image=ContentFile(jpeg(900, 600), name="seed.jpg"),
        caption_en="Field visit",
        caption_zh_hans="实地考察",
    )
    Attachment.objects.create(
        event=event,
        kind="agenda",
        title_en="Agenda",
        title_zh_hans="议程",
        file=ContentFile(PDF, name="agenda.pdf"),
    )
