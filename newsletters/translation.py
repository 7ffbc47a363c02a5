from modeltranslation.translator import TranslationOptions, register

from .models import Newsletter, NewsletterSection


@register(Newsletter)
class NewsletterTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(NewsletterSection)
class NewsletterSectionTranslationOptions(TranslationOptions):
    fields = ("title", "body")
