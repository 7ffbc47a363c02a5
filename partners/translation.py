import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.translation_status import translated_originals

from .models import PartnerAgency


@register(PartnerAgency)
class PartnerAgencyTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "description")
    required_languages = ("en",)


# After the translation options, so the history keeps every language's columns.
simple_history.register(PartnerAgency, app="partners", excluded_fields=translated_originals(PartnerAgency))
