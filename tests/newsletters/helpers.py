"""Reading the exports back in tests."""

import io

from pypdf import PdfReader


def pdf_text(content):
    """The text of a PDF, whitespace removed, so a title broken across lines still matches."""
    reader = PdfReader(io.BytesIO(content))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def pdf_pages_text(content):
    """The text of a PDF as pypdf extracts it, spaces kept, one page per line."""
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def squeeze(text):
    return "".join(text.split())
