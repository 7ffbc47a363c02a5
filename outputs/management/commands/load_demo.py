"""Load the real MMSP content (outputs.demo_data) into the database, idempotently.

Records are found by their natural key (agency, pillar and event slug; phase and newsletter
number) and written only when a value differs, so a second run saves nothing: ids, timestamps
and counts stay the same. Linked rows (agency roles, participants, sections and their
activities) are brought in line with the data: missing ones created, changed ones updated,
surplus ones deleted. Records the data does not mention are left alone. Everything runs in one
transaction and every record passes full_clean() before it is saved.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from activities.models import Event, EventAgency, Participant, Phase, Pillar
from activities.services import event_save
from core.richtext import clean_html
from newsletters.models import Newsletter, NewsletterSection, SectionEvent
from outputs import demo_data
from partners.models import PartnerAgency

# Stored cleaned (as the admin stores them), so they are compared cleaned too.
RICH_TEXT_FIELDS = {"body_en", "body_zh_hans"}


def _comparable(value):
    """A field's current value in the form the data uses (a Country compares by its code)."""
    return getattr(value, "code", value)


class DemoLoader:
    """Writes demo_data record by record and counts what it created, updated and left as it was."""

    def __init__(self):
        self.created = 0
        self.updated = 0
        self.unchanged = 0
        self.deleted = 0
        self.agencies = {}
        self.phases = {}
        self.pillars = {}
        self.events = {}

    # Generic writing -------------------------------------------------------------------------
    @staticmethod
    def _assign(obj, values):
        """Set the values that differ from the record's; whether any did."""
        changed = False
        for name, value in values.items():
            if name in RICH_TEXT_FIELDS:
                value = clean_html(value)
            if _comparable(getattr(obj, name)) != value:
                setattr(obj, name, value)
                changed = True
        return changed

    def _tally(self, obj, changed):
        """Count the record; whether it needs saving (new or changed)."""
        if obj.pk is None:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1
            return False
        return True

    def _write(self, obj, values):
        """Validate and save a new or changed record; leave an unchanged one untouched."""
        if self._tally(obj, self._assign(obj, values)):
            obj.full_clean()
            obj.save()
        return obj

    def _upsert(self, model, lookup, values):
        obj = model.objects.filter(**lookup).first() or model(**lookup)
        return self._write(obj, values)

    def _write_event(self, event, values, pillars):
        """Like _write, but through the activities service that every other path saves with."""
        changed = self._assign(event, values)
        if event.pk is not None and set(event.pillars.all()) != set(pillars):
            changed = True
        if self._tally(event, changed):
            event = event_save(event=event, user=None, pillars=pillars)
        return event

    def _sync_rows(self, queryset, model, parent, rows, key):
        """Make the rows under `parent` match `rows` (dicts in order); `key` names a row."""
        existing = {}
        for obj in queryset:
            existing.setdefault(key(obj.__dict__), obj)
        kept = set()
        for order, values in enumerate(rows):
            values = {**values, "order": order}
            obj = existing.pop(key(values), None) or model(**parent)
            kept.add(self._write(obj, values).pk)
        stale = queryset.exclude(pk__in=kept)
        self.deleted += stale.count()
        stale.delete()

    # Records ---------------------------------------------------------------------------------
    def load(self):
        for data in demo_data.AGENCIES:
            values = {name: value for name, value in data.items() if name not in ("slug", "parent")}
            values["parent_id"] = self.agencies[data["parent"]].pk if data["parent"] else None
            self.agencies[data["slug"]] = self._upsert(PartnerAgency, {"slug": data["slug"]}, values)

        for data in demo_data.PHASES:
            values = {
                name: value
                for name, value in data.items()
                if name not in ("number", "implementing_organisations")
            }
            phase = self._upsert(Phase, {"number": data["number"]}, values)
            phase.implementing_organisations.set(
                [self.agencies[slug] for slug in data["implementing_organisations"]]
            )
            self.phases[data["number"]] = phase

        for data in demo_data.PILLARS:
            values = {name: value for name, value in data.items() if name not in ("slug", "phase")}
            values["phase_id"] = self.phases[data["phase"]].pk
            self.pillars[data["slug"]] = self._upsert(Pillar, {"slug": data["slug"]}, values)

        for data in demo_data.EVENTS:
            self._load_event(data)

        for data in demo_data.NEWSLETTERS:
            self._load_newsletter(data)

    def _load_event(self, data):
        linked = ("slug", "phase", "pillars", "agencies", "participants")
        values = {name: value for name, value in data.items() if name not in linked}
        values["phase_id"] = self.phases[data["phase"]].pk
        event = Event.objects.filter(slug=data["slug"]).first() or Event(slug=data["slug"])
        event = self._write_event(event, values, [self.pillars[slug] for slug in data["pillars"]])
        self._sync_rows(
            EventAgency.objects.filter(event=event),
            EventAgency,
            {"event": event},
            [{"agency_id": self.agencies[slug].pk, "role": role} for slug, role in data["agencies"]],
            key=lambda row: (row["agency_id"], row["role"]),
        )
        participants = []
        for person in data["participants"]:
            values = {name: value for name, value in person.items() if name != "agency"}
            values["agency_id"] = self.agencies[person["agency"]].pk if person["agency"] else None
            participants.append(values)
        self._sync_rows(
            Participant.objects.filter(event=event),
            Participant,
            {"event": event},
            participants,
            key=lambda row: row["name_en"],
        )
        self.events[data["slug"]] = event

    def _load_newsletter(self, data):
        values = {name: value for name, value in data.items() if name not in ("number", "phase", "sections")}
        values["phase_id"] = self.phases[data["phase"]].pk
        newsletter = self._upsert(Newsletter, {"number": data["number"]}, values)
        sections = list(NewsletterSection.objects.filter(newsletter=newsletter).order_by("order", "id"))
        # Sections have no natural key: the n-th section of the data is the n-th in the database.
        for order, section_data in enumerate(data["sections"]):
            section = sections[order] if order < len(sections) else NewsletterSection(newsletter=newsletter)
            values = {name: value for name, value in section_data.items() if name != "events"}
            section = self._write(section, {**values, "order": order})
            self._sync_rows(
                SectionEvent.objects.filter(section=section),
                SectionEvent,
                {"section": section},
                [{"event_id": self.events[slug].pk} for slug in section_data["events"]],
                key=lambda row: row["event_id"],
            )
        for surplus in sections[len(data["sections"]):]:
            surplus.delete()
            self.deleted += 1

    def summary(self):
        return (
            f"Demo content: agencies {len(self.agencies)}, phases {len(self.phases)}, "
            f"pillars {len(self.pillars)}, activities {len(self.events)}, "
            f"newsletter issues {len(demo_data.NEWSLETTERS)}; records created {self.created}, "
            f"updated {self.updated}, unchanged {self.unchanged}, deleted {self.deleted}."
        )


class Command(BaseCommand):
    help = (
        "Load the real MMSP content (phases, pillars, partner agencies, activities, newsletter 11) "
        "from activities/demo_data. Safe to run again: unchanged records are not touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into a database without phases, activities or agencies yet, so that "
            "`make run` never overwrites what staff have entered.",
        )

    def handle(self, *args, **options):
        if options["if_empty"] and any(model.objects.exists() for model in (Phase, Event, PartnerAgency)):
            self.stdout.write("The database already has content: nothing loaded (--if-empty).")
            return
        loader = DemoLoader()
        # English active: the untranslated field names then read and validate the English value.
        with translation.override("en"), transaction.atomic():
            loader.load()
        self.stdout.write(self.style.SUCCESS(loader.summary()))
