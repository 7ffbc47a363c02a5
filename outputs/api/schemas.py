"""The shapes of the API's answers, published in its OpenAPI schema.

A ``Text`` is a plain string when the client asked for one language, or an object with both
(``{"en": ..., "zh-hans": ...}``) otherwise. Nothing here can hold personal data: participants are
figures, and the only people named are speakers who consented to it.
"""

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from activities.enums import EventType


class Bilingual(Schema):
    model_config = ConfigDict(populate_by_name=True)

    en: str = Field(description="English (the source language; never missing).")
    zh_hans: str | None = Field(
        None, alias="zh-hans", description="Simplified Chinese; null where not translated."
    )


Text = str | Bilingual
SLUG = r"^[-a-zA-Z0-9_]+$"


class Choice(Schema):
    code: str
    label: Text


class Error(Schema):
    detail: str


class FieldErrors(Schema):
    detail: str
    errors: dict[str, list[str]] = Field(description="The parameters that were refused, with the reasons.")


class ThrottledError(Schema):
    detail: str
    retry_after: int | None = Field(None, description="Seconds to wait before the next request.")


class Index(Schema):
    title: str
    version: str
    documentation: str = Field(description="Path of the browsable documentation.")
    openapi: str = Field(description="Path of the OpenAPI schema.")
    collections: dict[str, str] = Field(description="Path of each collection, by name.")


class PhaseRef(Schema):
    number: int
    name: Text


class PillarRef(Schema):
    slug: str
    name: Text


class AgencyRef(Schema):
    slug: str
    name: Text
    acronym: Text


class Phase(Schema):
    number: int
    name: Text
    start_date: datetime.date
    end_date: datetime.date
    funding_instrument: Text
    summary: Text
    objectives: Text
    pillars: list[PillarRef]
    url: Text


class Pillar(Schema):
    slug: str
    name: Text
    description: Text
    kind: Choice
    order: int
    phase: PhaseRef
    activities: int = Field(description="Number of published activities under this pillar.")
    url: Text


class AgencyRole(Schema):
    agency: AgencyRef
    role: Choice
    iati_role: int = Field(description="IATI OrganisationRole code: 1 funding, 3 extending, 4 implementing.")


class ParticipantFigures(Schema):
    """Participant numbers; null means not recorded (never zero by default)."""

    total: int | None
    women: int | None
    men: int | None
    eu_side: int | None
    china_side: int | None


class Speaker(Schema):
    name: Text
    position: Text
    organisation: Text
    role: Choice
    agency: AgencyRef | None


class Photo(Schema):
    url: str
    caption: Text
    credit: Text


class Attachment(Schema):
    url: str
    title: Text
    kind: Choice
    language: Choice


class Activity(Schema):
    slug: str
    title: Text
    summary: Text
    type: Choice
    start_date: datetime.date
    end_date: datetime.date
    date_precision: Choice
    city: Text
    country: str = Field(description="ISO 3166-1 alpha-2 code, or empty.")
    phase: PhaseRef
    pillars: list[PillarRef]
    agencies: list[AgencyRole]
    participants: ParticipantFigures
    url: Text


class ActivityDetail(Activity):
    body: Text = Field(description="Formatted text (sanitised HTML).")
    venue: Text
    speakers: list[Speaker] = Field(description="Speakers who consented to be named; nobody else.")
    photos: list[Photo]
    attachments: list[Attachment]


class Agency(Schema):
    slug: str
    name: Text
    acronym: Text
    description: Text
    side: Choice
    kind: Choice
    country: str
    website: str
    parent: AgencyRef | None
    activities: int = Field(description="Number of published activities naming this agency.")
    url: Text


class NewsletterSection(Schema):
    kind: Choice
    title: Text
    body: Text = Field(description="Formatted text (sanitised HTML).")
    activities: list[str] = Field(description="Slugs of the published activities the section presents.")


class Newsletter(Schema):
    number: int
    title: Text
    period_start: datetime.date
    period_end: datetime.date
    publication_date: datetime.date | None
    phase: PhaseRef
    url: Text


class NewsletterDetail(Newsletter):
    sections: list[NewsletterSection]


class Page(Schema):
    count: int = Field(description="Number of records matching, on all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="Path of the next page, or null on the last one.")
    previous: str | None


class PhasePage(Page):
    items: list[Phase]


class PillarPage(Page):
    items: list[Pillar]


class ActivityPage(Page):
    items: list[Activity]


class AgencyPage(Page):
    items: list[Agency]


class NewsletterPage(Page):
    items: list[Newsletter]


class ActivityFilters(Schema):
    """The activity list's filters, with the same names and values as the public list page."""

    phase: int | None = Field(None, ge=1, le=32767, description="Phase number.")
    pillar: str | None = Field(None, max_length=120, pattern=SLUG, description="Pillar slug.")
    type: Literal[tuple(EventType.values)] | None = Field(None, description="Activity type code.")
    year: int | None = Field(None, ge=1, le=9999, description="Year the activity started.")
    city: str | None = Field(None, max_length=120, description="City, by its English name.")
    agency: str | None = Field(None, max_length=120, pattern=SLUG, description="Partner agency slug.")
    q: str | None = Field(None, max_length=200, description="Words in the title, summary or place.")
    sort: Literal["-date", "date"] | None = Field(
        None, description="-date (newest first) or date. Default: best match first with q, else newest first."
    )
