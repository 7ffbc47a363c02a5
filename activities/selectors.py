"""Reads for the public pages: querysets with everything a page shows already joined or prefetched.

Only published activities reach the public (``Event.objects.published()``); the single exception
is ``event_for_detail(..., include_drafts=True)``, which the view calls for staff previews.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language

from core.enums import Status
from core.page_cache import cached_value
from partners.enums import Side
from partners.models import PartnerAgency
from partners.selectors import name_ordering

from .enums import PILLAR_KIND_PLURAL, SPEAKING_ROLES, EventType, ParticipantsQualifier
from .models import Event, EventAgency, Participant, Phase, Photo, Pillar

LATEST_ON_HOME = 6
RELATED_LIMIT = 4


def ordered_pillars():
    return Pillar.objects.select_related("phase").order_by("phase__number", "order")


def published_events():
    """Published activities as the cards show them: phase, pillars and lead photo at hand."""
    return (
        Event.objects.published()
        .select_related("phase")
        .prefetch_related(
            Prefetch("pillars", queryset=ordered_pillars()),
            Prefetch("photos", queryset=Photo.objects.order_by("order", "id"), to_attr="photo_list"),
        )
        .order_by("-start_date", "-id")
    )


def listed_events():
    """Published activities, newest first, for lists drawn as cards: ``activity_cards`` reads
    only their ids and loads what a card shows for the cards it does not remember."""
    return Event.objects.published().order_by("-start_date", "-id")


def published_in(relation):
    """A Q keeping only the published activities reached through ``relation`` (e.g. "events")."""
    now = timezone.now()
    return Q(**{f"{relation}__status": Status.PUBLISHED}) & (
        Q(**{f"{relation}__published_at__isnull": True}) | Q(**{f"{relation}__published_at__lte": now})
    )


def is_public(event):
    """Whether the public may see this activity (the staff preview banner shows otherwise)."""
    return event.status == Status.PUBLISHED and (
        event.published_at is None or event.published_at <= timezone.now()
    )


def with_published_event(queryset):
    """The photos or attachments in ``queryset`` whose activity the public may see (core.media)."""
    return queryset.filter(published_in("event"))


def attachment_download_name(attachment):
    """The name a downloaded document is saved under: its title, in the language it was uploaded with."""
    return slugify(attachment.title, allow_unicode=True)


def pillars_with_published_events():
    """Pillars naming a published activity.

    Per pillar, the first public activity in the link table's (pillar, activity) order: a short
    walk of that index, stopping at the first one. As EXISTS, PostgreSQL joined every published
    activity to the pillar's links for each pillar (76-475 ms at 100,000 activities; 16 ms so).
    """
    first_public = (
        Event.pillars.through.objects.filter(published_in("event"), pillar=OuterRef("pk"))
        .order_by("event_id")
        .values("event_id")[:1]
    )
    return ordered_pillars().annotate(first_public=Subquery(first_public)).filter(first_public__isnull=False)


@dataclass
class EventFacets:
    """The values the filter form offers, taken from published activities only."""

    years: list = field(default_factory=list)
    cities: list = field(default_factory=list)
    types: set = field(default_factory=set)


def event_facets():
    """Years, cities and types of published activities; cities labelled in the active language.

    The query reads every published activity (60 ms at 100,000 on PostgreSQL), on every page that
    has the filter form: its rows are remembered until content changes (page_cache.cached_value).
    """
    rows = cached_value("event-facets-with-types", _facet_rows)
    years, cities, types = set(), {}, set()
    chinese = (get_language() or "en") == "zh-hans"
    for year, city_en, city_zh, event_type in rows:
        years.add(year)
        types.add(event_type)
        if city_en:
            cities[city_en] = (city_zh or city_en) if chinese else city_en
    sort_key = _chinese_sort_key if chinese else str.casefold
    return EventFacets(
        years=sorted(years, reverse=True),
        cities=sorted(cities.items(), key=lambda item: sort_key(item[1])),
        types=types,
    )


def _facet_rows():
    rows = (
        Event.objects.published()
        .order_by()
        .values_list("start_date__year", "city_en", "city_zh_hans", "type")
        .distinct()
    )
    return list(rows)


def _chinese_sort_key(text):
    from partners.models import pinyin_sort_key

    return pinyin_sort_key(text)


@dataclass
class KeyFigures:
    """Participants are counted apart: exact totals are added up; approximate ("about 100",
    "over 30") and partial (a China-side count without a total) figures, and activities with no
    figure at all, are counted as activities, never added into a sum they would distort."""

    events: int
    participants: int
    participants_unknown: int
    agencies: int
    cities: int
    participants_approximate: int = 0

    @property
    def participants_exact(self):
        """Activities whose total is known exactly: the ones the sum adds up."""
        return self.events - self.participants_unknown - self.participants_approximate

    @property
    def participants_known(self):
        """Whether any activity has an exact attendance; if none has, there is no sum to give."""
        return self.participants_exact > 0 or self.events == 0

    @property
    def participants_at_least(self):
        """Some activities have no exact total: the sum covers only part of the activities."""
        return self.participants_known and (self.participants_unknown + self.participants_approximate) > 0


_EXACT_TOTAL = Q(participants_total__isnull=False, participants_qualifier=ParticipantsQualifier.EXACT)
_NO_FIGURE = Q(participants_total__isnull=True, participants_eu__isnull=True, participants_china__isnull=True)


def key_figures(events=None):
    """Figures for the home page (or of ``events``, published activities), in two queries."""
    events = Event.objects.published() if events is None else events
    totals = events.aggregate(
        events=Count("id"),
        participants=Sum("participants_total", filter=_EXACT_TOTAL),
        participants_unknown=Count("id", filter=_NO_FIGURE),
        participants_approximate=Count("id", filter=~_EXACT_TOTAL & ~_NO_FIGURE),
        cities=Count("city_en", distinct=True, filter=~Q(city_en="")),
    )
    agencies = (
        EventAgency.objects.filter(event__in=events.values("pk"))
        .values("agency")
        .distinct()
        .count()
    )
    return KeyFigures(
        events=totals["events"],
        participants=totals["participants"] or 0,
        participants_unknown=totals["participants_unknown"],
        participants_approximate=totals["participants_approximate"],
        agencies=agencies,
        cities=totals["cities"],
    )


def phases_with_pillars():
    return Phase.objects.prefetch_related(
        Prefetch("pillars", queryset=Pillar.objects.order_by("order"))
    ).order_by("number")


@dataclass
class HomeOverview:
    phases: list
    latest: object  # a queryset of the newest published activities
    figures: KeyFigures


def home_overview():
    """The home page; its key figures read every published activity (140 ms at 100,000 on
    PostgreSQL) and are remembered until content changes (page_cache.cached_value)."""
    return HomeOverview(
        phases=list(phases_with_pillars()),
        # A queryset: the cards read only its ids when they are remembered (activity_cards).
        latest=listed_events()[:LATEST_ON_HOME],
        figures=cached_value("key-figures", key_figures),
    )


def event_for_detail(slug, *, include_drafts=False):
    """One activity with all its page shows; None if absent or not public (drafts for staff only).

    Speakers are the consenting holders of a speaking role: no other participant is ever loaded.
    """
    events = Event.objects.all() if include_drafts else Event.objects.published()
    speakers = Participant.objects.filter(role__in=SPEAKING_ROLES, consent_to_publish=True).select_related(
        "agency"
    )
    return (
        events.select_related("phase")
        .prefetch_related(
            Prefetch("pillars", queryset=ordered_pillars()),
            Prefetch(
                "agency_roles",
                queryset=EventAgency.objects.select_related("agency").order_by("order", "id"),
            ),
            Prefetch("participants", queryset=speakers, to_attr="speakers"),
            Prefetch("photos", queryset=Photo.objects.order_by("order", "id"), to_attr="photo_list"),
            "attachments",
        )
        .filter(slug=slug)
        .first()
    )


def related_events(event, limit=RELATED_LIMIT):
    """Published activities sharing a pillar with ``event``, the closest in time first.

    The ``limit`` nearest before the activity's start date and the ``limit`` nearest after it come
    from two short walks along the (status, start date) index, in one query; the closest of those
    are kept. A single walk "newest first" read every later activity when the pillar's activities
    are all older (60,000 rows, 160 ms at 100,000 activities on PostgreSQL).
    """
    pillar_ids = [pillar.pk for pillar in event.pillars.all()]
    if not pillar_ids:
        return []
    sharing = Event.pillars.through.objects.filter(event=OuterRef("pk"), pillar__in=pillar_ids)
    candidates = Event.objects.published().filter(Exists(sharing)).exclude(pk=event.pk).values("pk")
    day = event.start_date
    earlier = candidates.filter(start_date__lte=day).order_by("-start_date", "-id")[:limit]
    later = candidates.filter(start_date__gt=day).order_by("start_date", "id")[:limit]
    nearest = list(published_events().filter(pk__in=_union_all(earlier, later)))
    nearest.sort(key=lambda other: (abs((other.start_date - day).days), other.start_date < day, -other.pk))
    return nearest[:limit]


def _union_all(*querysets):
    """One subquery returning the rows of every (sliced) queryset, for ``pk__in``.

    Django's ``union()`` refuses sliced querysets on SQLite; as derived tables both SQLite and
    PostgreSQL take them, and PostgreSQL then looks the few ids up by primary key.
    """
    # Only SQL compiled by Django from the querysets is joined here; every value stays a parameter.
    parts, params = [], []
    for number, queryset in enumerate(querysets):
        sql, part_params = queryset.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) AS part{number}")  # noqa: S608 -- see above
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611 -- see above


def phase_for_detail(number):
    implementers = PartnerAgency.objects.order_by("name_en")
    return (
        Phase.objects.prefetch_related(
            Prefetch("pillars", queryset=Pillar.objects.order_by("order")),
            Prefetch("implementing_organisations", queryset=implementers),
        )
        .filter(number=number)
        .first()
    )


def events_of_phase(phase):
    """The phase's published activities, newest first, for cards (``activity_cards`` reads their
    ids from the (phase, status, start date) index and loads only the cards it does not remember)."""
    return listed_events().filter(phase=phase)


def pillar_for_detail(slug):
    return Pillar.objects.select_related("phase").filter(slug=slug).first()


def events_of_pillar(pillar):
    """The pillar's published activities. A pillar belongs to one phase, and an activity takes
    only pillars of its own phase (``services.pillar_phase_error``), so naming the phase lets
    the database skip other phases' activities without looking up their pillars: 130 -> 55 ms
    for a pillar of the oldest phase at 100,000 activities on PostgreSQL."""
    return listed_events().filter(phase_id=pillar.phase_id, pillars=pillar)


def count_published_by_pillar(pillars):
    """How many published activities each pillar holds, {pillar id: count}, in one query.

    Read from the link table's (pillar, activity) index joined to the activities' covering index,
    no table row (85 -> 34 ms for phase 1 at 100,000 activities on PostgreSQL); an activity is
    linked to a pillar once (unique), so nothing is counted twice.
    """
    rows = (
        Event.pillars.through.objects.filter(
            # An activity takes only pillars of its own phase (events_of_pillar): naming the
            # phases lets the database read only their activities.
            pillar__in=[pillar.pk for pillar in pillars],
            event__in=Event.objects.published()
            .filter(phase_id__in={pillar.phase_id for pillar in pillars})
            .values("pk"),
        )
        .order_by()
        .values("pillar")
        .annotate(published=Count("event"))
        .values_list("pillar", "published")
    )
    return dict(rows)


# The partner pages: each agency with its published activities.


def agencies_for_list():
    """Every agency with its parent and its number of published activities (``published_events``).

    Counting reads every agency role of every published activity (400 ms at 100,000 activities
    on PostgreSQL): the counts are remembered until content changes, the agencies are one query.
    """
    counts = cached_value("published-by-agency", published_events_by_agency)
    agencies = list(PartnerAgency.objects.select_related("parent").order_by(*name_ordering()))
    for agency in agencies:
        agency.published_events = counts.get(agency.pk, 0)
    return agencies


def published_events_by_agency():
    """{agency id: how many published activities name it}, in one query."""
    rows = (
        EventAgency.objects.filter(published_in("event"))
        .values("agency")
        .annotate(events=Count("event", distinct=True))
        .values_list("agency", "events")
    )
    return dict(rows)


def event_ids_of_agency(agency):
    """The ids of the agency's published activities, newest first, remembered until content
    changes: finding them joins the agency's roles to every published activity (25-40 ms at
    100,000 on PostgreSQL, whatever the page), once for every page of the agency."""

    def ids():
        named = EventAgency.objects.filter(agency=agency).values("event")
        return list(listed_events().filter(pk__in=named).values_list("pk", flat=True))

    return cached_value(f"agency-event-ids:{agency.pk}", ids)


def events_of_agency(agency, ids):
    """The activities ``ids`` (of ``event_ids_of_agency``), in that order, as the cards show them,
    each with the roles this agency held in it."""
    roles = EventAgency.objects.filter(agency=agency).order_by("order", "id")
    events = (
        published_events()
        .filter(pk__in=ids)
        .prefetch_related(Prefetch("agency_roles", queryset=roles, to_attr="roles_of_agency"))
    )
    by_id = {event.pk: event for event in events}
    return [by_id[pk] for pk in ids if pk in by_id]


# The fact sheet of a phase: what it set out to do and what its records show it did.

FACT_SHEET_PARTNERS_PER_SIDE = 12


@dataclass
class PartnerSide:
    label: str
    agencies: list
    more: int


@dataclass
class PhaseFactSheet:
    phase: object
    pillars: list
    pillars_heading: str
    activity_types: list  # (type label, published activities of that type), most first
    partner_sides: list  # PartnerSide, the European and the Chinese side first
    figures: KeyFigures
    implementers: list


def phase_fact_sheet(phase):
    """Everything the phase's fact sheet prints, read from its published activities.

    Partners are the agencies its activities name, most often named first, at most
    FACT_SHEET_PARTNERS_PER_SIDE per side (the rest are counted), so the sheet stays on two pages.
    """
    events = Event.objects.published().filter(phase=phase)
    type_labels = dict(EventType.choices)
    types = (
        events.order_by().values("type").annotate(count=Count("id")).order_by("-count", "type")
    )
    agencies = (
        PartnerAgency.objects.filter(event_roles__event__in=events.values("pk"))
        .annotate(activity_count=Count("event_roles__event", distinct=True))
        .order_by("-activity_count", *name_ordering())
    )
    by_side = {}
    for agency in agencies:
        by_side.setdefault(agency.side, []).append(agency)
    sides = []
    for side in (Side.EU, Side.CHINA, Side.INTERNATIONAL, Side.OTHER):
        found = by_side.get(side, [])
        if found:
            sides.append(
                PartnerSide(
                    label=side.label,
                    agencies=found[:FACT_SHEET_PARTNERS_PER_SIDE],
                    more=max(0, len(found) - FACT_SHEET_PARTNERS_PER_SIDE),
                )
            )
    pillars = list(phase.pillars.order_by("order"))
    return PhaseFactSheet(
        phase=phase,
        pillars=pillars,
        pillars_heading=PILLAR_KIND_PLURAL.get(pillars[0].kind, "") if pillars else "",
        activity_types=[(type_labels.get(row["type"], row["type"]), row["count"]) for row in types],
        partner_sides=sides,
        figures=key_figures(events),
        implementers=list(phase.implementing_organisations.order_by(*name_ordering())),
    )
