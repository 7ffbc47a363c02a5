"""Factories for the domain models; each builds a valid, published-by-default record."""

import datetime

import factory
from django.contrib.auth import get_user_model

from activities.enums import AgencyRole, EventType, ParticipantRole, PillarKind
from activities.models import Attachment, Event, EventAgency, Participant, Phase, Photo, Pillar
from core.enums import Status
from newsletters.enums import SectionKind
from newsletters.models import Newsletter, NewsletterSection, SectionEvent
from partners.enums import AgencyKind, Side
from partners.models import PartnerAgency


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class SuperUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class StaffFactory(UserFactory):
    """A staff member in one of the groups the data migration makes: Editors, Translators, Publishers."""

    is_staff = True

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        if create and extracted:
            from django.contrib.auth.models import Group

            self.groups.add(Group.objects.get(name=extracted))


class PartnerAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerAgency

    name_en = factory.Sequence(lambda n: f"Agency {n}")
    name_zh_hans = factory.Sequence(lambda n: f"机构{n}")
    acronym_en = factory.Sequence(lambda n: f"AG{n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    side = Side.CHINA
    kind = AgencyKind.GOVERNMENT


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 10)
    name_en = factory.LazyAttribute(lambda o: f"Phase {o.number}")
    name_zh_hans = factory.LazyAttribute(lambda o: f"第{o.number}期")
    start_date = datetime.date(2019, 1, 1)
    end_date = datetime.date(2023, 6, 30)
    funding_instrument_en = "EU Partnership Instrument"
    funding_instrument_zh_hans = "欧盟伙伴关系工具"


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar

    phase = factory.SubFactory(PhaseFactory)
    kind = PillarKind.FOCUS_AREA
    order = factory.Sequence(lambda n: n)
    slug = factory.Sequence(lambda n: f"pillar-{n}")
    name_en = factory.Sequence(lambda n: f"Pillar {n}")
    name_zh_hans = factory.Sequence(lambda n: f"支柱{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    phase = factory.SubFactory(PhaseFactory)
    type = EventType.SEMINAR
    title_en = factory.Sequence(lambda n: f"Seminar number {n}")
    title_zh_hans = factory.Sequence(lambda n: f"第{n}次研讨会")
    slug = factory.Sequence(lambda n: f"seminar-{n}")
    summary_en = "A seminar on migration."
    summary_zh_hans = "关于移民的研讨会。"
    start_date = datetime.date(2022, 5, 10)
    end_date = datetime.date(2022, 5, 11)
    city_en = "Beijing"
    city_zh_hans = "北京"
    country = "CN"
    status = Status.PUBLISHED

    @factory.post_generation
    def pillars(self, create, extracted, **kwargs):
        if create and extracted:
            self.pillars.set(extracted)


class EventAgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventAgency

    event = factory.SubFactory(EventFactory)
    agency = factory.SubFactory(PartnerAgencyFactory)
    role = AgencyRole.ORGANISER


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    event = factory.SubFactory(EventFactory)
    name_en = factory.Sequence(lambda n: f"Person Number{n}")
    role = ParticipantRole.PARTICIPANT


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    event = factory.SubFactory(EventFactory)
    image = factory.django.ImageField(color="blue", width=64, height=48)
    caption_en = "Participants of the seminar"
    caption_zh_hans = "研讨会与会者"


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    event = factory.SubFactory(EventFactory)
    kind = "agenda"
    title_en = "Agenda"
    title_zh_hans = "议程"
    file = factory.django.FileField(filename="agenda.pdf", data=b"%PDF-1.4 test")


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter

    number = factory.Sequence(lambda n: n + 100)
    title_en = factory.LazyAttribute(lambda o: f"Newsletter issue {o.number}")
    title_zh_hans = factory.LazyAttribute(lambda o: f"第{o.number}期简报")
    period_start = datetime.date(2022, 5, 1)
    period_end = datetime.date(2023, 6, 30)
    phase = factory.SubFactory(PhaseFactory)
    publication_date = datetime.date(2023, 7, 15)
    status = Status.PUBLISHED


class NewsletterSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterSection

    newsletter = factory.SubFactory(NewsletterFactory)
    kind = SectionKind.EVENTS
    title_en = "Events"
    title_zh_hans = "活动"


class SectionEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SectionEvent

    section = factory.SubFactory(NewsletterSectionFactory)
    event = factory.SubFactory(EventFactory)
