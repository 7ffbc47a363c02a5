"""The dashboard's figures: a handful of aggregate queries over published activities.

Every function takes the activities to count (``dashboard_events()``, optionally limited to one
phase) and runs a fixed number of queries, whatever the number of activities. Unknown figures
stay unknown: a participant count that was never recorded is left out of sums and reported as
"N activities without figures", never added as zero.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, Max, Q, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext

from activities.enums import ParticipantsQualifier
from activities.models import Event, EventAgency, Pillar
from core.enums import DatePrecision
from partners.models import PartnerAgency

TOP_AGENCIES = 10
TOP_CITIES = 15


# The start year, or NULL for an activity whose date is not known (its stored dates only sort it).
_YEAR = Case(When(date_precision=DatePrecision.UNKNOWN, then=Value(None)), default=ExtractYear("start_date"))


def _year_order(year):
    """Years in order, the activities without a known date last."""
    return (year is None, year or 0)


def year_label(year):
    return gettext("Date not known") if year is None else str(year)


def dashboard_events(phase=None):
    """Published activities, all or of one phase, without ordering (aggregates group by it)."""
    events = Event.objects.published()
    if phase is not None:
        events = events.filter(phase=phase)
    return events.order_by()


def _share(part, whole):
    if not whole:
        return None
    return part / whole


# --- Activities per year and pillar ------------------------------------------------------------


@dataclass
class YearPillarRow:
    year: int
    activities: int
    # Aligned with ActivitiesByYearAndPillar.pillars; the last item counts activities without
    # a pillar when ActivitiesByYearAndPillar.has_unassigned is true.
    counts: list


@dataclass
class ActivitiesByYearAndPillar:
    pillars: list
    has_unassigned: bool
    rows: list

    @property
    def multi_pillar(self):
        """True when an activity counts under several pillars, so a year's stack exceeds its total."""
        return any(sum(row.counts) > row.activities for row in self.rows)


def activities_by_year_and_pillar(events, year_totals=None):
    """Activities per start year, split by pillar (an activity counts once under each of its pillars).

    ``year_totals`` ({year: activities}) saves a query when the caller already counted them.
    """
    pairs = (
        events.annotate(year=_YEAR)
        .values("year", pillar=F("pillars"))
        .annotate(n=Count("id"))
        .order_by()
    )
    if year_totals is None:
        year_totals = dict(
            events.annotate(year=_YEAR)
            .values("year")
            .annotate(n=Count("id"))
            .values_list("year", "n")
            .order_by()
        )
    totals = year_totals
    counts, pillar_ids, unassigned = {}, set(), False
    for pair in pairs:
        counts[(pair["year"], pair["pillar"])] = pair["n"]
        if pair["pillar"] is None:
            unassigned = True
        else:
            pillar_ids.add(pair["pillar"])
    pillars = list(
        Pillar.objects.filter(pk__in=pillar_ids).select_related("phase").order_by("phase__number", "order")
    )
    columns = [pillar.pk for pillar in pillars] + ([None] if unassigned else [])
    rows = [
        YearPillarRow(
            year=year,
            activities=totals[year],
            counts=[counts.get((year, column), 0) for column in columns],
        )
        for year in sorted(totals, key=_year_order)
    ]
    return ActivitiesByYearAndPillar(pillars=pillars, has_unassigned=unassigned, rows=rows)


# --- Activities per type -----------------------------------------------------------------------


@dataclass
class TypeCount:
    type: str
    activities: int


def activities_by_type(events):
    """Activities per type, the most frequent first."""
    rows = events.values("type").annotate(n=Count("id")).order_by("-n", "type")
    return [TypeCount(type=row["type"], activities=row["n"]) for row in rows]


# --- Participants per year ---------------------------------------------------------------------


@dataclass
class ParticipantFigures:
    """Participant figures of a group of activities, counting only what was recorded."""

    activities: int = 0
    # Activities whose total attendance was recorded, and the sum of those totals.
    with_total: int = 0
    total: int = 0
    # Activities where the number of women was recorded, that number, and their totals:
    # the share of women is taken over these activities only.
    with_women: int = 0
    women: int = 0
    total_where_women: int = 0
    men: int = 0
    # Activities where the EU-side or China-side number was recorded.
    with_sides: int = 0
    eu: int = 0
    china: int = 0
    total_where_sides: int = 0

    @property
    def without_total(self):
        return self.activities - self.with_total

    @property
    def known_total(self):
        """The sum of recorded totals, or None when no activity of the group has one."""
        return self.total if self.with_total else None

    @property
    def known_women(self):
        return self.women if self.with_women else None

    @property
    def known_eu(self):
        return self.eu if self.with_sides else None

    @property
    def known_china(self):
        return self.china if self.with_sides else None

    @property
    def women_share(self):
        return _share(self.women, self.total_where_women)

    @property
    def eu_share(self):
        return _share(self.eu, self.total_where_sides)

    @property
    def china_share(self):
        return _share(self.china, self.total_where_sides)

    @property
    def gender_not_recorded(self):
        """Recorded participants whose gender is not in the figures (neither women nor men)."""
        return max(self.total - self.women - self.men, 0)

    @property
    def side_not_recorded(self):
        """Recorded participants counted on neither side (other countries, or no split recorded)."""
        return max(self.total - self.eu - self.china, 0)

    def __add__(self, other):
        return ParticipantFigures(
            **{name: getattr(self, name) + getattr(other, name) for name in self.__dataclass_fields__}
        )


@dataclass
class ParticipantYear:
    year: int
    figures: ParticipantFigures


@dataclass
class ParticipantsByYear:
    rows: list
    overall: ParticipantFigures = field(default_factory=ParticipantFigures)


_WOMEN_KNOWN = Q(participants_women__isnull=False)
# Only exact totals are added up; "about 100" or a China-side count without a total is not.
_EXACT = Q(participants_total__isnull=False, participants_qualifier=ParticipantsQualifier.EXACT)
_SIDES_KNOWN = _EXACT & (Q(participants_eu__isnull=False) | Q(participants_china__isnull=False))


def participants_by_year(events):
    """Recorded participants per start year, with women and EU/China-side figures where known."""
    rows = (
        events.annotate(year=_YEAR)
        .values("year")
        .annotate(
            activities=Count("id"),
            with_total=Count("id", filter=_EXACT),
            total=Sum("participants_total", filter=_EXACT),
            with_women=Count("id", filter=_WOMEN_KNOWN),
            women=Sum("participants_women"),
            total_where_women=Sum("participants_total", filter=_WOMEN_KNOWN),
            men=Sum("participants_men"),
            with_sides=Count("id", filter=_SIDES_KNOWN),
            eu=Sum("participants_eu", filter=_SIDES_KNOWN),
            china=Sum("participants_china", filter=_SIDES_KNOWN),
            total_where_sides=Sum("participants_total", filter=_SIDES_KNOWN),
        )
        .order_by()
    )
    years = []
    for row in sorted(rows, key=lambda row: _year_order(row["year"])):
        year = row.pop("year")
        years.append(
            ParticipantYear(year=year, figures=ParticipantFigures(**{k: v or 0 for k, v in row.items()}))
        )
    overall = sum((row.figures for row in years), ParticipantFigures())
    return ParticipantsByYear(rows=years, overall=overall)


# --- Partner agencies --------------------------------------------------------------------------


@dataclass
class AgencyEngagement:
    agency: PartnerAgency
    activities: int


@dataclass
class AgencyRanking:
    top: list
    engaged: int


def most_engaged_agencies(events, limit=TOP_AGENCIES):
    """The partner agencies named on the most activities (any role), and how many are named at all."""
    roles = EventAgency.objects.filter(event__in=events.values("pk"))
    top = (
        PartnerAgency.objects.filter(event_roles__in=roles)
        .annotate(n=Count("event_roles__event", distinct=True))
        .order_by("-n", "name_en")[:limit]
    )
    engaged = roles.values("agency").distinct().count()
    return AgencyRanking(
        top=[AgencyEngagement(agency=agency, activities=agency.n) for agency in top], engaged=engaged
    )


# --- Cities ------------------------------------------------------------------------------------


@dataclass
class CityCount:
    city_en: str
    city_zh_hans: str
    activities: int


@dataclass
class CityRanking:
    cities: list
    total_cities: int
    without_city: int


def activities_by_city(events, limit=TOP_CITIES):
    """Activities per city (grouped by the English name), the busiest first."""
    rows = list(
        events.values("city_en")
        .annotate(n=Count("id"), city_zh_hans=Max("city_zh_hans"))
        .order_by("-n", "city_en")
    )
    without_city = sum(row["n"] for row in rows if not row["city_en"])
    rows = [row for row in rows if row["city_en"]]
    return CityRanking(
        cities=[
            CityCount(city_en=row["city_en"], city_zh_hans=row["city_zh_hans"] or "", activities=row["n"])
            for row in rows[:limit]
        ],
        total_cities=len(rows),
        without_city=without_city,
    )


# --- Everything the dashboard shows ------------------------------------------------------------


@dataclass
class Dashboard:
    phase: object
    activities: int
    by_year_and_pillar: ActivitiesByYearAndPillar
    by_type: list
    participants: ParticipantsByYear
    agencies: AgencyRanking
    cities: CityRanking

    @property
    def years(self):
        return [row.year for row in self.by_year_and_pillar.rows]


def dashboard(phase=None):
    """All the dashboard's figures, for every phase or for one: seven queries in all."""
    events = dashboard_events(phase)
    participants = participants_by_year(events)
    return Dashboard(
        phase=phase,
        activities=participants.overall.activities,
        by_year_and_pillar=activities_by_year_and_pillar(
            events, year_totals={row.year: row.figures.activities for row in participants.rows}
        ),
        by_type=activities_by_type(events),
        participants=participants,
        agencies=most_engaged_agencies(events),
        cities=activities_by_city(events),
    )
