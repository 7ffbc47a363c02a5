"""Bulk import and export of activities and participants (django-import-export).

Columns carry both languages. Agencies, phases, pillars and activities are named by their
acronym, number or slug, and an unknown one is an error on its row and column, not a silent
blank. Dates are read in the ISO form (2023-06-27) and the Chinese form (2023年6月27日).
Rows are validated as the admin validates them (``full_clean``) and saved through the same
services, so an import cannot store what the form would refuse.
"""


from import_export import fields, resources

from core.resources import FlexibleDateWidget, StrictForeignKeyWidget, StrictManyToManyWidget
from partners.models import PartnerAgency

from .models import Event, Participant, Phase, Pillar
from .services import event_save


def _date(column):
    return fields.Field(attribute=column, column_name=column, widget=FlexibleDateWidget())


class EventResource(resources.ModelResource):
    phase = fields.Field(
        attribute="phase", column_name="phase", widget=StrictForeignKeyWidget(Phase, "number")
    )
    pillars = fields.Field(
        attribute="pillars", column_name="pillars", widget=StrictManyToManyWidget(Pillar, ",", "slug")
    )
    start_date = _date("start_date")
    end_date = _date("end_date")
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    agencies = fields.Field(column_name="agencies", readonly=True)

    class Meta:
        model = Event
        import_id_fields = ("slug",)
        fields = (
            "slug", "phase", "pillars", "type",
            "title_en", "title_zh_hans", "summary_en", "summary_zh_hans",
            "start_date", "end_date", "date_precision",
            "city_en", "city_zh_hans", "venue_en", "venue_zh_hans", "country",
            "participants_total", "participants_women", "participants_men",
            "participants_eu", "participants_china", "status", "agencies",
        )  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def dehydrate_agencies(self, event):
        """ "IOM (organiser); NIA (co_organiser)": the agencies and their roles, for reading."""
        return "; ".join(
            f"{link.agency.acronym_en or link.agency.name_en} ({link.role})"
            for link in event.agency_roles.all()
        )

    def dehydrate_country(self, event):
        return event.country.code if event.country else ""

    def save_instance(self, instance, is_create, row, **kwargs):
        # The same write as the admin's: rich text cleaned, workflow checked, author recorded.
        event_save(event=instance, user=kwargs.get("user"))


class ParticipantResource(resources.ModelResource):
    event = fields.Field(attribute="event", column_name="event", widget=StrictForeignKeyWidget(Event, "slug"))
    agency = fields.Field(
        attribute="agency", column_name="agency", widget=StrictForeignKeyWidget(PartnerAgency, "acronym_en")
    )

    class Meta:
        model = Participant
        fields = (
            "id", "event", "name_en", "name_zh_hans", "position_en", "position_zh_hans",
            "agency", "organisation_en", "organisation_zh_hans", "country", "role", "gender",
            "email", "phone", "consent_to_publish",
        )  # fmt: skip
        clean_model_instances = True
        skip_unchanged = True

    def dehydrate_country(self, participant):
        return participant.country.code if participant.country else ""
