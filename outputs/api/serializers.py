"""Records as the API's plain data, in one language or both (``lang`` None).

The answers are built here as dicts, so a whole answer can be cached and the schemas in
``schemas.py`` only validate and document it.
"""

from django.conf import settings

from activities.enums import (
    AgencyRole,
    AttachmentKind,
    DocumentLanguage,
    EventType,
    ParticipantRole,
    PillarKind,
)
from core.enums import DatePrecision
from core.richtext import clean_html
from newsletters.enums import SectionKind
from partners.enums import AgencyKind, Side

from .language import label, text, url


def _choice(choices, value, lang):
    return {"code": value, "label": label(choices, value, lang)}


def _media_url(file):
    return f"{settings.SITE_URL}{file.url}" if file else ""


def _html(obj, name, lang):
    value = text(obj, name, lang)
    if isinstance(value, dict):
        return {code: clean_html(html) if html else html for code, html in value.items()}
    return clean_html(value)


def phase_ref(phase, lang):
    return {"number": phase.number, "name": text(phase, "name", lang)}


def pillar_ref(pillar, lang):
    return {"slug": pillar.slug, "name": text(pillar, "name", lang)}


def agency_ref(agency, lang):
    return {"slug": agency.slug, "name": text(agency, "name", lang), "acronym": text(agency, "acronym", lang)}


def phase(obj, lang):
    return {
        **phase_ref(obj, lang),
        "start_date": obj.start_date,
        "end_date": obj.end_date,
        "funding_instrument": text(obj, "funding_instrument", lang),
        "summary": text(obj, "summary", lang),
        "objectives": text(obj, "objectives", lang),
        "pillars": [pillar_ref(item, lang) for item in obj.pillars.all()],
        "url": url(obj, lang),
    }


def pillar(obj, lang):
    return {
        **pillar_ref(obj, lang),
        "description": text(obj, "description", lang),
        "kind": _choice(PillarKind, obj.kind, lang),
        "order": obj.order,
        "phase": phase_ref(obj.phase, lang),
        "activities": obj.published,
        "url": url(obj, lang),
    }


def activity(event, lang):
    return {
        "slug": event.slug,
        "title": text(event, "title", lang),
        "summary": text(event, "summary", lang),
        "type": _choice(EventType, event.type, lang),
        "start_date": event.start_date,
        "end_date": event.end_date,
        "date_precision": _choice(DatePrecision, event.date_precision, lang),
        "city": text(event, "city", lang),
        "country": str(event.country or ""),
        "phase": phase_ref(event.phase, lang),
        "pillars": [pillar_ref(item, lang) for item in event.pillars.all()],
        "agencies": [
            {
                "agency": agency_ref(role.agency, lang),
                "role": _choice(AgencyRole, role.role, lang),
                "iati_role": role.iati_role_code,
            }
            for role in event.agency_roles.all()
        ],
        "participants": {
            "total": event.participants_total,
            "women": event.participants_women,
            "men": event.participants_men,
            "eu_side": event.participants_eu,
            "china_side": event.participants_china,
        },
        "url": url(event, lang),
    }


def activity_detail(event, lang):
    return {
        **activity(event, lang),
        "body": _html(event, "body", lang),
        "venue": text(event, "venue", lang),
        "speakers": [
            {
                "name": text(person, "name", lang),
                "position": text(person, "position", lang),
                "organisation": text(person, "organisation", lang),
                "role": _choice(ParticipantRole, person.role, lang),
                "agency": agency_ref(person.agency, lang) if person.agency else None,
            }
            for person in event.speakers
        ],
        "photos": [
            {
                "url": _media_url(photo.image_large),  # never the original: see core.uploads
                "caption": text(photo, "caption", lang),
                "credit": text(photo, "credit", lang),
            }
            for photo in event.photo_list
        ],
        "attachments": [
            {
                "url": _media_url(document.file),
                "title": text(document, "title", lang),
                "kind": _choice(AttachmentKind, document.kind, lang),
                "language": _choice(DocumentLanguage, document.language, lang),
            }
            for document in event.attachments.all()
        ],
    }


def agency(obj, lang):
    return {
        **agency_ref(obj, lang),
        "description": text(obj, "description", lang),
        "side": _choice(Side, obj.side, lang),
        "kind": _choice(AgencyKind, obj.kind, lang),
        "country": str(obj.country or ""),
        "website": obj.website,
        "parent": agency_ref(obj.parent, lang) if obj.parent else None,
        "activities": obj.published,
        "url": url(obj, lang),
    }


def newsletter(issue, lang):
    return {
        "number": issue.number,
        "title": text(issue, "title", lang),
        "period_start": issue.period_start,
        "period_end": issue.period_end,
        "publication_date": issue.publication_date,
        "phase": phase_ref(issue.phase, lang),
        "url": url(issue, lang),
    }


def newsletter_detail(issue, lang):
    return {
        **newsletter(issue, lang),
        "sections": [
            {
                "kind": _choice(SectionKind, section.kind, lang),
                "title": text(section, "title", lang),
                "body": _html(section, "body", lang),
                "activities": [link.event.slug for link in section.links],
            }
            for section in issue.ordered_sections
        ],
    }
