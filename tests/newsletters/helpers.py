"""Reading the exports back in tests."""

import io

from pypdf import PdfReader


def pdf_text(content):
    """The text of a PDF, whitespace removed, so a title broken across lines still matches."""
    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def squeeze(text):
    return "".join(text.split())
