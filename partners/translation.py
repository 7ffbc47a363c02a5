from modeltranslation.translator import TranslationOptions, register

from .models import PartnerAgency


@register(PartnerAgency)
class PartnerAgencyTranslationOptions(TranslationOptions):
    fields = ("name", "acronym", "description")
    required_languages = ("en",)
