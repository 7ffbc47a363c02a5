from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter

from core import uploads
from core.admin import ChineseTranslationFilter, TabbedTranslationAdmin
from core.admin_workflow import AllOrNothingImportMixin, TranslationStatusFilter

from .models import PartnerAgency
from .resources import PartnerAgencyResource
from .services import agency_parent_error, agency_save


class PartnerAgencyAdminForm(forms.ModelForm):
    class Meta:
        model = PartnerAgency
        # The admin's fieldsets choose the fields (modeltranslation adds one per language);
        # a list here would be a second one to keep in step.
        exclude = ()  # noqa: DJ006 -- see above

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        message = agency_parent_error(agency=self.instance, parent=parent)
        if message:
            raise forms.ValidationError(message)
        return parent


@admin.register(PartnerAgency)
class PartnerAgencyAdmin(AllOrNothingImportMixin, TabbedTranslationAdmin):
    translation_queue_position = 2  # its place in the admin index's translators' queue
    form = PartnerAgencyAdminForm
    resource_classes = (PartnerAgencyResource,)
    # Many agencies have no Chinese acronym, so only the name and description count.
    chinese_required_fields = ("name", "description")
    # Fits 1280 px beside the filters with both languages' state in sight; the country is on the
    # form and in the filters, and the Chinese-complete tick is the translation column's "中文" line.
    list_display = ("name", "acronym", "side", "kind", "parent", "translation_state")
    list_filter = (
        "side",
        "kind",
        ChineseTranslationFilter,
        TranslationStatusFilter,
        ("country", CountryFilter),
    )
    actions = ("confirm_translations",)
    list_select_related = ("parent",)
    search_fields = ("name_en", "name_zh_hans", "acronym_en", "acronym_zh_hans", "slug")
    autocomplete_fields = ("parent",)
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("created_at", "updated_at")
    # The logo field says why a file is refused, as the photo fields do.
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.ImageField: {"form_class": uploads.PhotoFormField},
    }
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", ("side", "kind"), "parent")}),
        (_("Details"), {"fields": ("country", "website", "logo", "description")}),
        (_("Sources"), {"fields": ("sources",)}),
        (_("Record"), {"fields": (("created_at", "updated_at"),)}),
    )

    def save_model(self, request, obj, form, change):
        agency_save(agency=obj)
