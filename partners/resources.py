"""Bulk import and export of partner agencies, both languages' columns, by slug.

Other resources name an agency as people write it: its acronym or name in either language, or
its slug (``AgencyNames``). An export writes the acronym where it names one agency only.
"""

from django.utils.translation import gettext
from import_export import widgets

from core.resources import LabelledField, LabelledModelResource, StrictForeignKeyWidget

from .models import PartnerAgency
from .services import agency_save

NAMING_FIELDS = ("slug", "acronym_en", "acronym_zh_hans", "name_en", "name_zh_hans")


def _key(text):
    return " ".join(str(text or "").split()).casefold()


class AgencyNames:
    """Every agency by each of its names; a name two agencies share names neither."""

    def __init__(self):
        self.by_name, shared = {}, set()
        for agency in PartnerAgency.objects.all():
            for key in {_key(getattr(agency, field)) for field in NAMING_FIELDS} - {""}:
                if key in self.by_name and self.by_name[key] != agency:
                    shared.add(key)
                self.by_name[key] = agency
        for key in shared:
            del self.by_name[key]

    def find(self, name):
        """The agency ``name`` names; ValueError, naming it, if none or several."""
        agency = self.by_name.get(_key(name))
        if agency is None:
            raise ValueError(
                gettext("No partner agency with “%(value)s” is known: write its acronym, name or slug.")
                % {"value": str(name).strip()}
            )
        return agency

    def name_of(self, agency):
        """The shortest name that finds ``agency`` again: its acronym when no other agency has it."""
        if agency.acronym_en and self.by_name.get(_key(agency.acronym_en)) == agency:
            return agency.acronym_en
        return agency.slug


class AgencyWidget(widgets.ForeignKeyWidget):
    """One agency, by acronym, name or slug."""

    def __init__(self, **kwargs):
        super().__init__(PartnerAgency, "slug", **kwargs)
        self._names = None

    @property
    def names(self):
        if self._names is None:
            self._names = AgencyNames()
        return self._names

    def clean(self, value, row=None, **kwargs):
        if value in (None, "") or not str(value).strip():
            return None
        return self.names.find(value)

    def render(self, value, obj=None, **kwargs):
        return self.names.name_of(value) if value else ""


class PartnerAgencyResource(LabelledModelResource):
    parent = LabelledField(
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

    def filter_export(self, queryset, **kwargs):
        return super().filter_export(queryset, **kwargs).select_related("parent")

    def dehydrate_country(self, agency):
        return agency.country.code if agency.country else ""

    def save_instance(self, instance, is_create, row, **kwargs):
        agency_save(agency=instance)
