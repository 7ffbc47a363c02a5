from django import forms

from core.forms import WorkflowFormMixin
from core.richtext import clean_html

from .models import Newsletter, NewsletterSection


class NewsletterAdminForm(WorkflowFormMixin, forms.ModelForm):
    """An issue as staff edit it: a status change must be one the user may make."""

    class Meta:
        model = Newsletter
        # The admin's fieldsets choose the fields (modeltranslation adds one per language).
        exclude = ()  # noqa: DJ006 -- see above


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
