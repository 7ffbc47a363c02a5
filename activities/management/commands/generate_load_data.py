"""Fill the database with N realistic, generated activities for load tests and the benchmark.

The activities are attached to the real phases, pillars and partner agencies of the demo data
(loaded first if the database has none), in both languages, with agency roles, participants
and photo records (no files). Every generated activity's slug starts with ``load-``;
``--clear`` deletes those and nothing else.

Speed (100,000 activities and their 500,000 linked rows in well under two minutes on SQLite and
PostgreSQL) comes from writing plain tuples with multi-row INSERTs (``TableWriter``): no model
instance, no ``save()``, no signal, no revision history. Activities get their ids here, so their
linked rows need no round trip; PostgreSQL's id sequence is moved past them at the end. Deleting
is the same: one DELETE per table, not Django's collector, which loads every row and writes a
history record for each.
"""

import operator
import random
import time
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from activities import search
from activities.enums import AgencyRole, EventType, Gender, ParticipantRole
from activities.models import Event, EventAgency, Participant, Phase, Photo, Pillar
from core.enums import Status
from core.page_cache import bump_generation
from partners.models import PartnerAgency

SLUG_PREFIX = "load-"
# Activities generated and written per round: bounds memory, not speed.
CHUNK = 10_000
# Rows per INSERT statement on databases without a parameter limit (PostgreSQL).
ROWS_PER_STATEMENT = 1000

TOPICS = [
    ("Labour migration", "劳务移民"),
    ("Irregular migration", "非正常移民"),
    ("Visa facilitation", "签证便利化"),
    ("Return and readmission", "遣返与重新接纳"),
    ("Trafficking in human beings", "打击人口贩运"),
    ("Border management", "边境管理"),
    ("International protection", "国际保护"),
    ("Migration data", "移民数据"),
    ("Student mobility", "学生流动"),
    ("Document security", "证件安全"),
]
FORMATS = [
    ("seminar on", "研讨会"),
    ("workshop on", "讲习班"),
    ("expert meeting on", "专家会议"),
    ("study visit on", "考察访问"),
    ("forum on", "论坛"),
]
CITIES = [
    ("Beijing", "北京", "CN"),
    ("Shanghai", "上海", "CN"),
    ("Guangzhou", "广州", "CN"),
    ("Kunming", "昆明", "CN"),
    ("Brussels", "布鲁塞尔", "BE"),
    ("Warsaw", "华沙", "PL"),
    ("Lisbon", "里斯本", "PT"),
    ("Madrid", "马德里", "ES"),
]
SURNAMES = ["Wang", "Li", "Zhang", "Müller", "Rossi", "Dubois", "Kowalski", "Silva", "Chen", "Novak"]
GIVEN_NAMES = ["Anna", "Wei", "Marco", "Li", "Sofia", "Jun", "Pierre", "Mei", "Jan", "Lin"]
NAMES = [f"{given} {surname}" for given in GIVEN_NAMES for surname in SURNAMES]

# What generate() sets; every other column takes its default (TableWriter).
EVENT_COLUMNS = (
    "id", "phase", "type", "slug", "title", "title_en", "title_zh_hans", "summary", "summary_en",
    "summary_zh_hans", "body_en", "body_zh_hans", "start_date", "end_date", "city_en",
    "city_zh_hans", "country", "participants_total", "participants_women", "participants_men",
    "status", "published_at", "search_vector",
)  # fmt: skip
ROLE_COLUMNS = ("event", "agency", "role", "order")
PARTICIPANT_COLUMNS = ("event", "name", "name_en", "agency", "role", "gender", "consent_to_publish", "order")
PHOTO_COLUMNS = ("event", "image", "caption_en", "caption_zh_hans")
PILLAR_LINK_COLUMNS = ("event", "pillar")


class Command(BaseCommand):
    help = "Create N generated activities (slug prefix 'load-') for load tests; --clear removes them."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=0, help="How many activities to create.")
        parser.add_argument(
            "--clear", action="store_true", help="First delete the activities generated before."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (same seed, same data).")

    def handle(self, *args, events, clear, seed, **options):
        if events < 0:
            raise CommandError("--events must be zero or more.")
        if not events and not clear:
            raise CommandError("Give --events N, --clear, or both.")
        if clear:
            started = time.monotonic()
            deleted = clear_generated()
            self.stdout.write(
                f"Deleted {deleted} generated activities in {time.monotonic() - started:.1f} s."
            )
        if events:
            started = time.monotonic()
            rng = random.Random(seed)  # noqa: S311 -- test data, not secrets
            generate(events, rng=rng, stdout=self.stdout)
            self.stdout.write(f"Created {events} activities in {time.monotonic() - started:.1f} s.")
        refresh_statistics()
        bump_generation()


def refresh_statistics():
    """Planner statistics after a bulk change. Without them SQLite picks plans that read every
    published activity for each filter choice (130 ms instead of 4 ms at 15,000 activities), and
    PostgreSQL joins every published activity to find which of 12 pillars have one (100 ms instead
    of 4). On PostgreSQL, VACUUM also marks the new rows all-visible, so counts can read an index
    alone; it cannot run inside a transaction (the tests), where a plain ANALYZE does."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute("VACUUM (ANALYZE)")
        elif connection.vendor in ("sqlite", "postgresql"):
            cursor.execute("ANALYZE")


def clear_generated():
    """Delete the generated activities and every row that cascades from them; how many there were.

    Rows pointing at an activity with ``on_delete=CASCADE`` (agency roles, participants, photos,
    attachments, pillar links, newsletter links) are found from the model's relations, so a new
    one is not forgotten.
    """
    generated = Event.objects.filter(slug__startswith=SLUG_PREFIX)
    with transaction.atomic():
        count = generated.count()
        ids = generated.values("pk")
        for relation in Event._meta.get_fields(include_hidden=True):
            if relation.one_to_many and relation.on_delete is models.CASCADE:
                rows = relation.related_model._base_manager.filter(**{f"{relation.field.name}__in": ids})
                _delete_without_collector(rows)
        _delete_without_collector(Event._base_manager.filter(slug__startswith=SLUG_PREFIX))
    return count


def _delete_without_collector(queryset):
    # Django's own fast path (one DELETE ... WHERE), which QuerySet.delete() only takes when no
    # signal is connected; here, history and cache signals are, and would run per row.
    return queryset._raw_delete(queryset.db)


def _reference_data(stdout):
    if not Phase.objects.exists() or not PartnerAgency.objects.exists():
        stdout.write("No phases or agencies yet: loading the demo data first.")
        call_command("load_demo", verbosity=0)
    phases = list(Phase.objects.order_by("number"))
    pillars = {}
    for pillar in Pillar.objects.order_by("pk"):
        pillars.setdefault(pillar.phase_id, []).append(pillar.pk)
    agencies = list(PartnerAgency.objects.order_by("pk").values_list("pk", flat=True))
    if not agencies:
        raise CommandError("There are no partner agencies: run load_demo first.")
    return phases, pillars, agencies


def _next_free_number():
    """A number past every generated slug, so a second run adds rather than collides."""
    return Event.objects.filter(slug__startswith=SLUG_PREFIX).count() + 1


class TableWriter:
    """Writes rows (dicts keyed by the field names of ``columns``) to a model's table, many per INSERT.

    ``columns`` are field names; every other concrete field (except an automatic primary key)
    gets its default, prepared for the database once: fields added to the model later need no
    change here, as long as they have a default. Values given must already be what the
    database takes (dates and datetimes through ``connection.ops.adapt_date*field_value``).
    """

    def __init__(self, model, columns, *, now, expressions=None):
        meta = model._meta
        # Columns written by an SQL expression: {name: (SQL with n placeholders, n)}; the row
        # gives the n parameters as a tuple.
        expressions = expressions or {}
        given = [meta.get_field(name) for name in columns]
        rest = [field for field in meta.concrete_fields if field not in given and not field.primary_key]
        self.values_of = operator.itemgetter(*columns)
        self.defaults = tuple(_prepared_default(field, now) for field in rest)
        quote = connection.ops.quote_name
        names = ", ".join(quote(field.column) for field in (*given, *rest))
        width = len(given) + len(rest)
        # Names come from the model, quoted by the backend; every value is a parameter.
        self.head = f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES "  # noqa: S608
        self.placeholder = "(" + ", ".join(expressions.get(name, ("%s",))[0] for name in columns)
        self.placeholder += "".join([", %s"] * len(rest)) + ")"
        self.spread = [name in expressions for name in columns]
        width += sum(count - 1 for _sql, count in expressions.values())
        limit = connection.features.max_query_params
        self.rows_per_statement = max(1, limit // width) if limit else ROWS_PER_STATEMENT

    def write(self, cursor, rows):
        defaults, size = self.defaults, self.rows_per_statement
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            params = []
            for row in chunk:
                for value, spread in zip(self.values_of(row), self.spread, strict=True):
                    params.extend(value) if spread else params.append(value)
                params.extend(defaults)
            cursor.execute(self.head + ", ".join([self.placeholder] * len(chunk)), params)


def _prepared_default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = now
    else:
        value = field.get_default()
    return field.get_db_prep_save(value, connection)


def _document_expression():
    """The search document, built in the INSERT itself on PostgreSQL (activities.search)."""
    if connection.vendor != "postgresql":
        return {"search_vector": ("NULL", 0)}
    return {"search_vector": (search.DOCUMENT_SQL, search.DOCUMENT_SQL.count("%s"))}


def generate(count, *, rng, stdout):
    phases, pillars, agencies = _reference_data(stdout)
    first = _next_free_number()
    now = timezone.now()
    writers = {
        "events": TableWriter(Event, EVENT_COLUMNS, now=now, expressions=_document_expression()),
        "roles": TableWriter(EventAgency, ROLE_COLUMNS, now=now),
        "people": TableWriter(Participant, PARTICIPANT_COLUMNS, now=now),
        "photos": TableWriter(Photo, PHOTO_COLUMNS, now=now),
        "links": TableWriter(Event.pillars.through, PILLAR_LINK_COLUMNS, now=now),
    }
    with transaction.atomic(), connection.cursor() as wrapper:
        # The driver's own cursor: Django's debug cursor (DEBUG=True) would format every
        # statement of thousands of values into connection.queries.
        cursor = wrapper.cursor
        next_id = (Event._base_manager.aggregate(top=models.Max("pk"))["top"] or 0) + 1
        builder = _RowBuilder(rng, phases, pillars, agencies, now)
        for start in range(0, count, CHUNK):
            size = min(CHUNK, count - start)
            rows = builder.build(first + start, next_id + start, size)
            for name, writer in writers.items():
                writer.write(cursor, rows[name])
    # Activities were given their ids: PostgreSQL's sequence must continue after them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [Event]):
            cursor.execute(statement)


class _RowBuilder:
    """The rows of N activities and their linked records: one dict per row, keyed by field name."""

    def __init__(self, rng, phases, pillars, agencies, now):
        self.rng = rng
        self.phases = [
            (phase.pk, phase.start_date, max((phase.end_date - phase.start_date).days - 5, 0), phase.end_date)
            for phase in phases
        ]
        self.pillars = pillars
        self.agencies = agencies
        self.published_at = connection.ops.adapt_datetimefield_value(now)
        self.prepare_date = connection.ops.adapt_datefield_value
        self.types = list(EventType.values)
        self.genders = list(Gender.values)
        self.titles = [
            (format_en.capitalize(), topic_en.lower(), topic_zh, format_zh)
            for topic_en, topic_zh in TOPICS
            for format_en, format_zh in FORMATS
        ]

    def document(self, row):
        """The texts of the activity's search document (PostgreSQL), or nothing (SQLite)."""
        if connection.vendor != "postgresql":
            return ()
        return tuple(search.document_params(row))

    def build(self, first_number, first_id, size):
        rng, agencies, prepare_date = self.rng, self.agencies, self.prepare_date
        rows = {"events": [], "roles": [], "people": [], "photos": [], "links": []}
        events, roles, people, photos, links = rows.values()
        for offset in range(size):
            number, event_id = first_number + offset, first_id + offset
            phase_id, phase_start, span, phase_end = rng.choice(self.phases)
            start = phase_start + timedelta(days=rng.randint(0, span))
            end = min(start + timedelta(days=rng.randint(0, 3)), phase_end)
            format_en, topic_en, topic_zh, format_zh = rng.choice(self.titles)
            city_en, city_zh, country = rng.choice(CITIES)
            total = rng.randint(10, 200) if rng.random() < 0.5 else None
            women = None if total is None else rng.randint(0, total)
            title_en = f"{format_en} {topic_en} in {city_en} ({number})"
            summary_en = f"Officials and experts from the EU and China discussed {topic_en}."
            summary_zh = f"欧盟和中国的官员与专家围绕{topic_zh}进行了交流。"
            slug = f"{SLUG_PREFIX}{number}"
            events.append(
                {
                    "id": event_id,
                    "phase": phase_id,
                    "type": rng.choice(self.types),
                    "slug": slug,
                    "title": title_en,
                    "title_en": title_en,
                    "title_zh_hans": f"{city_zh}{topic_zh}{format_zh}（{number}）",
                    "summary": summary_en,
                    "summary_en": summary_en,
                    "summary_zh_hans": summary_zh,
                    "body_en": f"<p>{summary_en}</p>",
                    "body_zh_hans": f"<p>{summary_zh}</p>",
                    "start_date": prepare_date(start),
                    "end_date": prepare_date(max(end, start)),
                    "city_en": city_en,
                    "city_zh_hans": city_zh,
                    "country": country,
                    "participants_total": total,
                    "participants_women": women,
                    "participants_men": None if women is None else total - women,
                    # Nine in ten are published, the rest are drafts, as in a real back office.
                    "status": Status.PUBLISHED.value if rng.random() < 0.9 else Status.DRAFT.value,
                    "published_at": self.published_at,
                }
            )
            events[-1]["search_vector"] = self.document(events[-1])
            chosen = rng.sample(agencies, k=min(len(agencies), rng.randint(1, 3)))
            for order, agency in enumerate(chosen):
                role = AgencyRole.ORGANISER.value if order == 0 else AgencyRole.PARTICIPATING.value
                roles.append({"event": event_id, "agency": agency, "role": role, "order": order})
            for order in range(rng.randint(0, 3)):
                name = rng.choice(NAMES)
                people.append(
                    {
                        "event": event_id,
                        "name": name,
                        "name_en": name,
                        "agency": rng.choice(agencies),
                        "role": ParticipantRole.SPEAKER.value
                        if order == 0
                        else ParticipantRole.PARTICIPANT.value,
                        "gender": rng.choice(self.genders),
                        "consent_to_publish": rng.random() < 0.5,
                        "order": order,
                    }
                )
            if rng.random() < 0.5:
                photos.append(
                    {
                        "event": event_id,
                        "image": f"photos/load/{slug}.jpg",
                        "caption_en": "Participants of the activity",
                        "caption_zh_hans": "活动参与者",
                    }
                )
            phase_pillars = self.pillars.get(phase_id)
            if phase_pillars:
                links.append({"event": event_id, "pillar": rng.choice(phase_pillars)})
        return rows
