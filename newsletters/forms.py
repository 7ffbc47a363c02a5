from django import forms

from activities.richtext import clean_html

from .models import NewsletterSection


class NewsletterSectionForm(forms.ModelForm):
    """A section as staff edit it: its rich text is cleaned against the allow-list before saving."""

    class Meta:
        model = NewsletterSection
        fields = ("newsletter", "kind", "order", "title", "body")

    def clean(self):
        cleaned = super().clean()
        for name in ("body", "body_en", "body_zh_hans"):
            if cleaned.get(name):
                cleaned[name] = clean_html(cleaned[name])
        return cleaned
