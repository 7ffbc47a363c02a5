from modeltranslation.translator import TranslationOptions, register

from .models import Attachment, Event, Participant, Phase, Photo, Pillar


@register(Phase)
class PhaseTranslationOptions(TranslationOptions):
    fields = ("name", "funding_instrument", "summary", "objectives")
    required_languages = ("en",)


@register(Pillar)
class PillarTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "city", "venue")
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
