"""Fill the database with N realistic, generated activities for load tests and the benchmark.

The activities are attached to the real phases, pillars and partner agencies of the demo data
(loaded first if the database has none), in both languages, with agency roles, participants
and photo records (no files). Rows are built in Python and written with bulk_create, so no
per-row signal or save() runs: 100,000 activities take well under two minutes.

Every generated activity's slug starts with ``load-``; ``--clear`` deletes those and
nothing else.
"""

import random
import time
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone, translation

from activities.enums import AgencyRole, EventType, Gender, ParticipantRole, Status
from activities.models import Event, EventAgency, Participant, Phase, Photo, Pillar
from activities.page_cache import bump_generation
from partners.models import PartnerAgency

SLUG_PREFIX = "load-"
BATCH_SIZE = 2000

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
            deleted = clear_generated()
            self.stdout.write(f"Deleted {deleted} generated activities.")
        if events:
            started = time.monotonic()
            rng = random.Random(seed)  # noqa: S311 -- test data, not secrets
            generate(events, rng=rng, stdout=self.stdout)
            self.stdout.write(
                f"Created {events} activities in {time.monotonic() - started:.1f} s."
            )
            refresh_statistics()
        bump_generation()


def refresh_statistics():
    """ANALYZE: without row statistics after a bulk load, SQLite picks plans that read every
    published activity for each filter choice (130 ms instead of 4 ms at 15,000 activities)."""
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def clear_generated():
    """Delete the generated activities and their rows; how many activities there were."""
    with transaction.atomic():
        events = Event.objects.filter(slug__startswith=SLUG_PREFIX)
        count = events.count()
        for model in (EventAgency, Participant, Photo):
            model.objects.filter(event__slug__startswith=SLUG_PREFIX).delete()
        Event.pillars.through.objects.filter(event__slug__startswith=SLUG_PREFIX).delete()
        events.delete()
    return count


def _reference_data(stdout):
    if not Phase.objects.exists() or not PartnerAgency.objects.exists():
        stdout.write("No phases or agencies yet: loading the demo data first.")
        call_command("load_demo", verbosity=0)
    phases = list(Phase.objects.order_by("number"))
    pillars = {}
    for pillar in Pillar.objects.all():
        pillars.setdefault(pillar.phase_id, []).append(pillar.pk)
    agencies = list(PartnerAgency.objects.values_list("pk", flat=True))
    if not agencies:
        raise CommandError("There are no partner agencies: run load_demo first.")
    return phases, pillars, agencies


def _next_free_number():
    """A number past every generated slug, so a second run adds rather than collides."""
    return Event.objects.filter(slug__startswith=SLUG_PREFIX).count() + 1


def generate(count, *, rng, stdout):
    phases, pillars, agencies = _reference_data(stdout)
    first = _next_free_number()
    now = timezone.now()
    with transaction.atomic(), translation.override("en"):
        for start in range(0, count, BATCH_SIZE):
            numbers = range(first + start, first + min(start + BATCH_SIZE, count))
            events = [_event(number, rng, phases, now) for number in numbers]
            Event.objects.bulk_create(events, batch_size=BATCH_SIZE)
            _children(events, rng, pillars, agencies)


def _event(number, rng, phases, now):
    phase = rng.choice(phases)
    span = max((phase.end_date - phase.start_date).days - 5, 0)
    start = phase.start_date + timedelta(days=rng.randint(0, span))
    end = min(start + timedelta(days=rng.randint(0, 3)), phase.end_date)
    topic_en, topic_zh = rng.choice(TOPICS)
    format_en, format_zh = rng.choice(FORMATS)
    city_en, city_zh, country = rng.choice(CITIES)
    total = rng.choice([None, rng.randint(10, 200)])
    women = None if total is None else rng.randint(0, total)
    title_en = f"{format_en.capitalize()} {topic_en.lower()} in {city_en} ({number})"
    title_zh = f"{city_zh}{topic_zh}{format_zh}（{number}）"
    summary_en = f"Officials and experts from the EU and China discussed {topic_en.lower()}."
    summary_zh = f"欧盟和中国的官员与专家围绕{topic_zh}进行了交流。"
    return Event(
        phase_id=phase.pk,
        type=rng.choice(EventType.values),
        slug=f"{SLUG_PREFIX}{number}",
        title=title_en,
        title_en=title_en,
        title_zh_hans=title_zh,
        summary=summary_en,
        summary_en=summary_en,
        summary_zh_hans=summary_zh,
        body_en=f"<p>{summary_en}</p>",
        body_zh_hans=f"<p>{summary_zh}</p>",
        start_date=start,
        end_date=end if end >= start else start,
        city_en=city_en,
        city_zh_hans=city_zh,
        country=country,
        participants_total=total,
        participants_women=women,
        participants_men=None if women is None else total - women,
        # Nine in ten are published, the rest are drafts, as in a real back office.
        status=Status.PUBLISHED if rng.random() < 0.9 else Status.DRAFT,
        published_at=now,
    )


def _children(events, rng, pillars, agencies):
    roles, people, photos, links = [], [], [], []
    for event in events:
        chosen = rng.sample(agencies, k=min(len(agencies), rng.randint(1, 3)))
        for order, agency in enumerate(chosen):
            role = AgencyRole.ORGANISER if order == 0 else AgencyRole.PARTICIPATING
            roles.append(EventAgency(event_id=event.pk, agency_id=agency, role=role, order=order))
        for order in range(rng.randint(0, 3)):
            name = f"{rng.choice(GIVEN_NAMES)} {rng.choice(SURNAMES)}"
            people.append(
                Participant(
                    event_id=event.pk,
                    name=name,
                    name_en=name,
                    agency_id=rng.choice(agencies),
                    role=ParticipantRole.SPEAKER if order == 0 else ParticipantRole.PARTICIPANT,
                    gender=rng.choice(Gender.values),
                    consent_to_publish=rng.random() < 0.5,
                    order=order,
                )
            )
        if rng.random() < 0.5:
            photos.append(
                Photo(
                    event_id=event.pk,
                    image=f"photos/load/{event.slug}.jpg",
                    caption_en="Participants of the activity",
                    caption_zh_hans="活动参与者",
                )
            )
        phase_pillars = pillars.get(event.phase_id)
        if phase_pillars:
            links.append(Event.pillars.through(event_id=event.pk, pillar_id=rng.choice(phase_pillars)))
    EventAgency.objects.bulk_create(roles, batch_size=BATCH_SIZE)
    Participant.objects.bulk_create(people, batch_size=BATCH_SIZE)
    Photo.objects.bulk_create(photos, batch_size=BATCH_SIZE)
    Event.pillars.through.objects.bulk_create(links, batch_size=BATCH_SIZE)
