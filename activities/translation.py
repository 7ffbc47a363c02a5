"""Translated fields, and the revision history of the same models.

django-simple-history must see the per-language columns modeltranslation adds, so the
historical models are registered here, after the translation options, not in models.py.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.translation_status import translated_originals

from .models import Attachment, Event, EventAgency, Participant, Phase, Photo, Pillar


@register(Phase)
class PhaseTranslationOptions(TranslationOptions):
    fields = ("name", "funding_instrument", "summary", "objectives", "objectives_label")
    required_languages = ("en",)


@register(Pillar)
class PillarTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "city", "places", "venue")
    required_languages = ("en",)


@register(Participant)
class ParticipantTranslationOptions(TranslationOptions):
    fields = ("name", "position", "organisation")
    required_languages = ("en",)


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("caption", "credit")


@register(Attachment)
class AttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


for model in (Phase, Pillar, EventAgency, Participant, Attachment):
    simple_history.register(model, app="activities", excluded_fields=translated_originals(model))
# The search document is derived from the texts, which the history keeps.
simple_history.register(
    Event, app="activities", excluded_fields=[*translated_originals(Event), "search_vector"]
)
# A photo's scaled versions are derived from its image and rebuilt on restore: not history.
simple_history.register(
    Photo, app="activities", excluded_fields=[*translated_originals(Photo), "image_small", "image_large"]
)
