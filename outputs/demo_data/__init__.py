"""The real MMSP content, taken from the seed documents, for `python manage.py load_demo`.

Plain data, one dict per record, keys named after model fields (`_en` / `_zh_hans` for
translated ones). Records refer to each other by slug (agencies, pillars, events) or by
number (phases); the command resolves those references. Sources:

- fact sheet: MMSP Phase III (2023-2026) fact sheet, English and Chinese
- brochure: MMSP (phase I) brochure, English and Chinese
- press release: IOM, "EU-China Dialogue on Migration and Mobility Support Project Phase II Launched"
- newsletter 11: MMSP II newsletter, issue 11, May 2022 - June 2023
- forum report: summary report of the Forum on EU-China Migration and Mobility, 7 May 2018

Chinese text is the documents' own where they give it; elsewhere it is our translation.
Nothing is invented: an unknown figure is None, an unknown Chinese personal name is "".
"""

from .agencies import AGENCIES
from .events import EVENTS
from .newsletters import NEWSLETTERS
from .phases import PHASES, PILLARS

__all__ = ["AGENCIES", "EVENTS", "NEWSLETTERS", "PHASES", "PILLARS"]
