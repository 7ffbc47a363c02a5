"""Bulk import and export of partner agencies, both languages' columns, by slug."""

from import_export import fields, resources

from core.resources import StrictForeignKeyWidget

from .models import PartnerAgency
from .services import agency_save


class PartnerAgencyResource(resources.ModelResource):
    parent = fields.Field(
        attribute="parent", column_name="parent", widget=StrictForeignKeyWidget(PartnerAgency, "slug")
    )

    class Meta:
        model = PartnerAgency
        import_id_fields = ("slug",)
        fields = (
            "slug", "name_en", "name_zh_hans", "acronym_en", "acronym_zh_hans", "side", "kind",
            "parent", "country", "website", "description_en", "description_zh_hans",
        )  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True

    def dehydrate_country(self, agency):
        return agency.country.code if agency.country else ""

    def save_instance(self, instance, is_create, row, **kwargs):
        agency_save(agency=instance)
