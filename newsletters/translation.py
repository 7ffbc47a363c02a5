import simple_history
from modeltranslation.translator import TranslationOptions, register

from core.translation_status import translated_originals

from .models import Newsletter, NewsletterSection, SectionEvent


@register(Newsletter)
class NewsletterTranslationOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


@register(NewsletterSection)
class NewsletterSectionTranslationOptions(TranslationOptions):
    fields = ("title", "body")


# After the translation options, so the history keeps every language's columns.
for model in (Newsletter, NewsletterSection, SectionEvent):
    simple_history.register(model, app="newsletters", excluded_fields=translated_originals(model))
