import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from activities.enums import AgencyRole
from activities.forms import EventAdminForm
from activities.models import Event
from activities.services import event_publish, event_save, event_unpublish
from core.enums import DatePrecision, Status
from tests.factories import (
    EventAgencyFactory,
    EventFactory,
    PhaseFactory,
    PillarFactory,
    StaffFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(event):
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    return excinfo.value.message_dict


# --- Dates ---------------------------------------------------------------------------------


def test_event_end_before_start_is_refused():
    event = EventFactory.build(
        phase=PhaseFactory(), start_date=datetime.date(2022, 5, 10), end_date=datetime.date(2022, 5, 9)
    )

    assert errors_of(event) == {"end_date": ["The end date cannot be before the start date."]}


def test_event_on_one_day_is_valid():
    event = EventFactory.build(
        phase=PhaseFactory(), start_date=datetime.date(2022, 5, 10), end_date=datetime.date(2022, 5, 10)
    )

    event.full_clean()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (datetime.date(2018, 12, 30), datetime.date(2019, 1, 2)),  # starts before the phase
        (datetime.date(2023, 6, 29), datetime.date(2023, 7, 1)),  # ends after the phase
        (datetime.date(2024, 3, 1), datetime.date(2024, 3, 2)),  # wholly after it
    ],
)
def test_event_outside_its_phase_is_refused_with_the_phase_dates(start, end):
    phase = PhaseFactory(
        name_en="Phase II", start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2023, 6, 30)
    )
    event = EventFactory.build(phase=phase, start_date=start, end_date=end)

    errors = errors_of(event)

    assert errors["start_date"] == [
        "The activity must take place within its phase (Phase II: 2019-01-01 to 2023-06-30)."
    ]


def test_event_on_the_phase_boundaries_is_valid():
    phase = PhaseFactory(start_date=datetime.date(2019, 1, 1), end_date=datetime.date(2023, 6, 30))
    event = EventFactory.build(phase=phase, start_date=phase.start_date, end_date=phase.end_date)

    event.full_clean()


def test_month_precision_covers_the_whole_month():
    phase = PhaseFactory(start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2025, 12, 31))
    # The Director General's visit: the sources give April 2023, no day.
    visit = EventFactory.build(
        phase=phase,
        start_date=datetime.date(2023, 4, 1),
        end_date=datetime.date(2023, 4, 30),
        date_precision=DatePrecision.MONTH,
    )
    visit.full_clean()

    visit.start_date = datetime.date(2023, 4, 12)

    assert list(errors_of(visit)) == ["date_precision"]


def test_month_precision_over_february_of_a_leap_year():
    phase = PhaseFactory(start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2025, 12, 31))
    event = EventFactory.build(
        phase=phase,
        start_date=datetime.date(2024, 2, 1),
        end_date=datetime.date(2024, 2, 28),
        date_precision=DatePrecision.MONTH,
    )
    assert list(errors_of(event)) == ["date_precision"]

    event.end_date = datetime.date(2024, 2, 29)

    event.full_clean()


def test_year_precision_runs_from_january_to_december():
    phase = PhaseFactory(start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2025, 12, 31))
    event = EventFactory.build(
        phase=phase,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 12, 30),
        date_precision=DatePrecision.YEAR,
    )
    assert list(errors_of(event)) == ["date_precision"]

    event.end_date = datetime.date(2023, 12, 31)

    event.full_clean()


# --- Participant figures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        ({"participants_total": 40, "participants_women": 30, "participants_men": 11}, "participants_women"),
        ({"participants_total": 40, "participants_eu": 25, "participants_china": 16}, "participants_eu"),
        ({"participants_total": 10, "participants_men": 11}, "participants_women"),
        ({"participants_women": 3}, "participants_women"),
    ],
)
def test_participant_parts_above_or_without_the_total_are_refused(figures, field):
    event = EventFactory.build(phase=PhaseFactory(), **figures)

    assert field in errors_of(event)


def test_a_china_side_count_without_a_total_is_accepted():
    """The sources give "25 Chinese representatives" with no total: recorded as it is."""
    event = EventFactory.build(phase=PhaseFactory(), participants_china=25, participants_total=None)

    event.full_clean()  # raises if the China-side count were refused
    assert (event.participants_china, event.participants_total) == (25, None)


def test_participant_parts_up_to_the_total_are_valid_and_unknown_stays_blank():
    event = EventFactory(
        participants_total=40, participants_women=18, participants_men=22, participants_china=30
    )
    event.full_clean()

    event.refresh_from_db()
    assert event.participants_eu is None  # unknown, not zero


def test_parts_error_names_the_sum_and_total():
    event = EventFactory.build(
        phase=PhaseFactory(), participants_total=40, participants_women=30, participants_men=11
    )

    assert errors_of(event)["participants_women"] == [
        "Women and men together (41) cannot exceed the total number of participants (40)."
    ]


# --- Pillars of another phase -------------------------------------------------------------


def test_m2m_guard_refuses_pillar_of_another_phase():
    event = EventFactory()
    foreign = PillarFactory(phase=PhaseFactory(), name_en="Key area one")

    # The savepoint keeps the test's transaction usable after the refusal.
    with pytest.raises(ValidationError, match="Key area one"), transaction.atomic():
        event.pillars.add(foreign)

    assert event.pillars.count() == 0


def test_m2m_guard_message_in_chinese_uses_numerals_and_the_chinese_separator():
    event = EventFactory()
    other_phase = PhaseFactory(number=2)
    foreign = [
        PillarFactory(phase=other_phase, name_zh_hans="关键领域一", order=1),
        PillarFactory(phase=other_phase, name_zh_hans="关键领域二", order=2),
    ]

    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused, transaction.atomic():
        event.pillars.add(*foreign)

    assert refused.value.messages == ["以下支柱领域属于其他项目期：二 · 关键领域一、二 · 关键领域二。"]


def test_m2m_guard_refuses_linking_from_the_pillar_side():
    event = EventFactory()
    foreign = PillarFactory(phase=PhaseFactory())

    with pytest.raises(ValidationError), transaction.atomic():
        foreign.events.add(event)

    assert foreign.events.count() == 0


def test_m2m_guard_accepts_pillars_of_the_events_phase():
    event = EventFactory()
    own = PillarFactory(phase=event.phase)

    event.pillars.add(own)

    assert list(event.pillars.all()) == [own]


@pytest.fixture
def event_form(rf, superuser):
    """The activity form as the admin builds it: EventAdminForm with a field per language."""
    request = rf.get("/")
    request.user = superuser
    form = admin.site._registry[Event].get_form(request)
    assert issubclass(form, EventAdminForm)
    return form


def form_data(event, **overrides):
    data = {
        "phase": event.phase.pk,
        "type": event.type,
        "title_en": event.title_en,
        "slug": "a-new-slug",
        "start_date": event.start_date,
        "end_date": event.end_date,
        "date_precision": DatePrecision.DAY,
        "participants_qualifier": "exact",
        "status": Status.DRAFT,
    }
    data.update(overrides)
    return data


def test_form_refuses_pillar_of_another_phase_naming_it(event_form):
    event = EventFactory.build(phase=PhaseFactory(number=1, name_en="Phase I"))
    foreign = PillarFactory(phase=PhaseFactory(number=3, name_en="Phase III"), name_en="Key area two")
    own = PillarFactory(phase=event.phase, name_en="Mobility")

    form = event_form(data=form_data(event, pillars=[own.pk, foreign.pk]))

    assert not form.is_valid()
    message = "These pillars belong to another phase than Phase I: III · Key area two."
    assert form.errors["pillars"] == [message]


def test_form_accepts_pillars_of_its_phase_and_labels_them_with_the_phase(event_form):
    event = EventFactory.build(phase=PhaseFactory(number=1, name_en="Phase I"))
    own = PillarFactory(phase=event.phase, name_en="Mobility")

    form = event_form(data=form_data(event, pillars=[own.pk]))

    assert form.is_valid(), form.errors
    assert [label for _, label in form.fields["pillars"].choices] == ["I · Mobility"]


def test_form_shows_model_validation_on_its_fields(event_form):
    event = EventFactory.build(phase=PhaseFactory())

    form = event_form(
        data=form_data(event, end_date=event.start_date - datetime.timedelta(days=1), participants_women=4)
    )

    assert not form.is_valid()
    assert form.errors["end_date"] == ["The end date cannot be before the start date."]
    assert form.errors["participants_women"] == ["Enter the total number of participants before its parts."]


# --- Translation fallback -----------------------------------------------------------------


def test_event_without_chinese_reads_english_in_chinese():
    event = EventFactory(title_en="Hainan field visit", title_zh_hans="", summary_zh_hans=None)

    with translation.override("zh-hans"):
        assert event.title == "Hainan field visit"
        assert event.summary == "A seminar on migration."
        assert str(event) == "Hainan field visit"


def test_event_with_chinese_reads_chinese_in_chinese_and_english_in_english():
    event = EventFactory(title_en="Hainan field visit", title_zh_hans="海南实地考察")

    with translation.override("zh-hans"):
        assert event.title == "海南实地考察"
    with translation.override("en"):
        assert event.title == "Hainan field visit"


def test_fallback_holds_after_reloading_from_the_database():
    EventFactory(title_en="Border management seminar", title_zh_hans="")

    with translation.override("zh-hans"):
        event = Event.objects.get()
        assert event.title == "Border management seminar"


# --- Services ------------------------------------------------------------------------------


def test_event_save_records_creator_and_updater():
    author, editor = UserFactory(), UserFactory()
    event = EventFactory.build(phase=PhaseFactory(), status=Status.DRAFT)

    event_save(event=event, user=author)
    event.title_en = "Renamed"
    event_save(event=event, user=editor)

    event.refresh_from_db()
    assert event.created_by == author and event.updated_by == editor
    assert event.title_en == "Renamed"


def test_event_save_refuses_an_invalid_event_and_saves_nothing():
    event = EventFactory.build(
        phase=PhaseFactory(), start_date=datetime.date(2022, 5, 10), end_date=datetime.date(2022, 5, 1)
    )

    with pytest.raises(ValidationError):
        event_save(event=event, user=UserFactory())

    assert Event.objects.count() == 0


def test_event_save_cleans_rich_text():
    event = EventFactory.build(
        phase=PhaseFactory(),
        status=Status.DRAFT,
        body_en='<p onclick="x()">Met <a href="javascript:alert(1)">here</a></p><script>x()</script>',
        body_zh_hans="<p>会议</p><iframe src='https://example.org'></iframe>",
    )

    event_save(event=event, user=UserFactory())

    event.refresh_from_db()
    assert "script" not in event.body_en and "onclick" not in event.body_en
    assert "javascript:" not in event.body_en
    assert event.body_zh_hans == "<p>会议</p>"


def test_event_save_sets_pillars_of_its_phase_only():
    event = EventFactory.build(phase=PhaseFactory(), status=Status.DRAFT)
    own = PillarFactory(phase=event.phase)
    foreign = PillarFactory(phase=PhaseFactory(), name_en="Key area three")

    with pytest.raises(ValidationError, match="Key area three"):
        event_save(event=event, user=UserFactory(), pillars=[own, foreign])
    assert Event.objects.count() == 0

    event_save(event=event, user=UserFactory(), pillars=[own])
    assert list(event.pillars.all()) == [own]


def test_publish_and_unpublish():
    editor = StaffFactory(group="Publishers")
    event = EventFactory(status=Status.DRAFT, published_at=None)

    event_publish(event=event, user=editor)
    assert Event.objects.published().filter(pk=event.pk).exists()
    assert event.updated_by == editor and event.published_at is not None

    event_unpublish(event=event, user=editor)
    assert not Event.objects.published().filter(pk=event.pk).exists()


def test_agency_role_maps_to_iati_code():
    assert EventAgencyFactory(role=AgencyRole.FUNDER).iati_role_code == 1
    assert EventAgencyFactory(role=AgencyRole.ORGANISER).iati_role_code == 3
    assert EventAgencyFactory(role=AgencyRole.HOST).iati_role_code == 4
