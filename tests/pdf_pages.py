"""How full each page of a PDF is, read from the positions of its text (pypdf)."""

import io

from pypdf import PdfReader

MM = 72 / 25.4


def page_fill(pdf_bytes, *, top_margin_mm, bottom_margin_mm):
    """For each page, the share of the text area that lies above its lowest line of body text.

    Text in the margins (running headers, page numbers) is left out; a page whose body text ends
    a fifth of the way down the text area is 0.2 full, whatever its line count.
    """
    fills = []
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        height = float(page.mediabox.height)
        top, bottom = height - top_margin_mm * MM, bottom_margin_mm * MM
        lowest = []

        def visit(text, cm, tm, font_dict, font_size, lowest=lowest, top=top, bottom=bottom):
            y = cm[5] + tm[5] * cm[3] if cm[3] else tm[5]
            if text.strip() and bottom <= y <= top:
                lowest.append(y)

        page.extract_text(visitor_text=visit)
        fills.append((top - min(lowest)) / (top - bottom) if lowest else 0.0)
    return fills
