import calendar

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core import uploads
from core.enums import DatePrecision, Status
from core.models import PublishableQuerySet
from core.richtext import RICH_TEXT_HELP
from core.translation_status import TranslationTracked
from partners.models import PartnerAgency

from .enums import (
    IATI_ORGANISATION_ROLE,
    AgencyRole,
    AttachmentKind,
    DocumentLanguage,
    EventType,
    Gender,
    ParticipantRole,
    ParticipantsQualifier,
    PillarKind,
)


def photo_upload_to(instance, filename):
    return uploads.generated_name("photos", filename)


def attachment_upload_to(instance, filename):
    return uploads.generated_name("attachments", filename)


class Phase(TranslationTracked):
    """One of the three phases of the project, with its funding and implementers."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=255)
    start_date = models.DateField(_("start date"))
    start_precision = models.CharField(
        _("start date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("How much of the start date the sources give; only that much is shown."),
    )
    end_date = models.DateField(_("end date"))
    end_precision = models.CharField(
        _("end date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("How much of the end date the sources give; only that much is shown."),
    )
    funding_instrument = models.CharField(_("funding instrument"), max_length=255)
    implementing_organisations = models.ManyToManyField(
        PartnerAgency,
        verbose_name=_("implementing organisations"),
        related_name="implemented_phases",
        blank=True,
    )
    summary = models.TextField(_("summary"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    objectives_label = models.CharField(
        _("objectives heading"),
        max_length=120,
        blank=True,
        help_text=_("What the objectives text is, when it is not the project's stated objectives "
                    "(e.g. \"Expectations voiced at the launch\"). Empty: \"Objectives\"."),
    )
    sources = models.TextField(
        _("sources (staff only)"),
        blank=True,
        help_text=_(
            "The documents this record is taken from, and what was read into them. "
            "Never shown to the public."
        ),
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        permissions = [("translate_phase", _("Can translate the texts of phases"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="phase_end_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:phase_detail", kwargs={"number": self.number})

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})


class Pillar(TranslationTracked):
    """A focus area (phases I-II) or key area (phase III) of one phase."""

    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="pillars"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PillarKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    description_editorial = models.BooleanField(
        _("description classified by the project team"),
        default=False,
        help_text=_("Tick when the description is the project team's reading, not the sources' words: "
                    "the public page then says \"Classified by the project team\"."),
    )
    sources = models.TextField(
        _("sources (staff only)"),
        blank=True,
        help_text=_(
            "The documents this record is taken from, and what was read into them. "
            "Never shown to the public."
        ),
    )

    class Meta:
        ordering = ["phase__number", "order"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        permissions = [("translate_pillar", _("Can translate the texts of pillars"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:pillar_detail", kwargs={"slug": self.slug})


class Event(TranslationTracked):
    """One activity of the project: a seminar, workshop, field visit, forum..."""

    required_for_publication = ("title", "summary")  # in both languages (core.workflow)
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="events"
    )
    pillars = models.ManyToManyField(
        Pillar, verbose_name=_("pillars"), related_name="events", blank=True
    )
    pillars_editorial = models.BooleanField(
        _("pillars classified by the project team"),
        default=False,
        help_text=_("Tick when the sources do not name the pillars and the project team chose them: "
                    "the public page then says \"Classified by the project team\"."),
    )
    type = models.CharField(_("type"), max_length=30, choices=EventType.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=RICH_TEXT_HELP)
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "Where the sources give only the month or year, choose it here and enter the first "
            "and last day of that month or year: no day is invented. Where they give no date, "
            "choose \"Not known\" and enter the phase's first and last day: they only sort the "
            "activity and are never shown."
        ),
    )
    city = models.CharField(
        _("city"), max_length=120, blank=True, help_text=_("The main city only: filters and counts use it.")
    )
    places = models.CharField(
        _("other places"),
        max_length=255,
        blank=True,
        help_text=_("Further places the activity went to, as the sources name them."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    agencies = models.ManyToManyField(
        PartnerAgency,
        through="EventAgency",
        verbose_name=_("partner agencies"),
        related_name="events",
        blank=True,
    )
    # Unknown figures stay empty (NULL), never zero.
    participants_total = models.PositiveIntegerField(_("participants (total)"), null=True, blank=True)
    participants_women = models.PositiveIntegerField(_("women"), null=True, blank=True)
    participants_men = models.PositiveIntegerField(_("men"), null=True, blank=True)
    participants_eu = models.PositiveIntegerField(_("EU side"), null=True, blank=True)
    participants_china = models.PositiveIntegerField(_("China side"), null=True, blank=True)
    participants_qualifier = models.CharField(
        _("participant figures are"),
        max_length=10,
        choices=ParticipantsQualifier.choices,
        default=ParticipantsQualifier.EXACT,
        help_text=_("As the source states them: \"around 100\" is About 100, \"over 30\" is Over 30."),
    )
    sources = models.TextField(
        _("sources (staff only)"),
        blank=True,
        help_text=_(
            "The documents this record is taken from, and what was read into them. "
            "Never shown to the public."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Public from this moment; empty means as soon as it is published."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    # Both languages as one full-text document, written from Python on PostgreSQL
    # (activities.search: jieba segments the Chinese first); empty on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        permissions = [
            ("publish_event", _("Can publish, unpublish and archive activities")),
            ("translate_event", _("Can translate the texts of activities")),
        ]
        indexes = [
            # The lists walk this index in their order and find here all that "published" asks
            # (PostgreSQL: an index-only scan): list page 4,000 at 100,000 activities, its
            # OFFSET of 79,980 rows, 69 -> 14 ms; a pillar's activities are joined from it.
            models.Index(
                fields=["status", "-start_date", "-id"],
                include=["published_at", "phase"],
                name="event_status_start_cover",
            ),
            # Counting what is public reads this index alone (47 -> 9 ms at 100,000 activities).
            models.Index(fields=["status", "published_at"], name="event_status_published"),
            # A phase's page lists and counts its activities newest first (86 -> 0.1 ms for the
            # oldest phase); with published_at at hand the count reads no table row.
            models.Index(
                fields=["phase", "status", "-start_date", "-id"],
                include=["published_at"],
                name="event_phase_status_cover",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="event_end_after_start"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date:
            if self.end_date < self.start_date:
                errors["end_date"] = _("The end date cannot be before the start date.")
            else:
                errors.update(self._precision_errors())
        if self.phase_id and self.start_date and self.end_date and not errors:
            phase = self.phase
            if self.start_date < phase.start_date or self.end_date > phase.end_date:
                errors["start_date"] = _(
                    "The activity must take place within its phase (%(phase)s: %(start)s to %(end)s)."
                ) % {"phase": phase, "start": phase.start_date, "end": phase.end_date}
        errors.update(self._participant_errors())
        if errors:
            raise ValidationError(errors)

    def _precision_errors(self):
        start, end = self.start_date, self.end_date
        if self.date_precision == DatePrecision.MONTH:
            last_day = calendar.monthrange(end.year, end.month)[1]
            if start.day != 1 or end.day != last_day:
                return {
                    "date_precision": _(
                        "With month precision, the dates must run from the first to the last "
                        "day of the month."
                    )
                }
        if self.date_precision == DatePrecision.YEAR:
            if (start.month, start.day) != (1, 1) or (end.month, end.day) != (12, 31):
                return {
                    "date_precision": _(
                        "With year precision, the dates must run from 1 January to 31 December."
                    )
                }
        return {}

    def _participant_errors(self):
        errors = {}
        total = self.participants_total
        pairs = [
            (("participants_women", "participants_men"), _("Women and men together")),
            (("participants_eu", "participants_china"), _("EU-side and China-side participants together")),
        ]
        for fields, label in pairs:
            parts = [getattr(self, name) for name in fields]
            known = [value for value in parts if value is not None]
            if not known:
                continue
            if total is None:
                # A source may give one side's count without a total ("25 Chinese representatives").
                if fields[0] != "participants_eu":
                    errors[fields[0]] = _("Enter the total number of participants before its parts.")
            elif sum(known) > total:
                errors[fields[0]] = _(
                    "%(label)s (%(sum)s) cannot exceed the total number of participants (%(total)s)."
                ) % {"label": label, "sum": sum(known), "total": total}
        return errors


class EventAgency(models.Model):
    """A partner agency's role in one activity, mapped to an IATI organisation role."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agency_roles")
    agency = models.ForeignKey(
        PartnerAgency,
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        related_name="event_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=AgencyRole.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("agency role")
        verbose_name_plural = _("agency roles")
        indexes = [
            # An agency's page finds its activities from this index alone.
            models.Index(fields=["agency", "event"], name="eventagency_agency_event"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["event", "agency", "role"], name="unique_event_agency_role"),
        ]

    def __str__(self):
        return f"{self.agency} ({self.get_role_display()})"

    @property
    def iati_role_code(self):
        return IATI_ORGANISATION_ROLE[AgencyRole(self.role)]


class Participant(models.Model):
    """A person at an activity. Names are personal data: shown only with consent."""

    event = models.ForeignKey(
        Event, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=255, blank=True)
    agency = models.ForeignKey(
        PartnerAgency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("Only when the organisation is not a partner agency."),
    )
    country = CountryField(_("country"), blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.PARTICIPANT
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_to_publish = models.BooleanField(
        _("consents to publication of name"),
        default=False,
        help_text=_("Only speakers who consent are ever named on public pages."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        permissions = [("translate_participant", _("Can translate the texts of participants"))]

    def __str__(self):
        return self.name


class Photo(models.Model):
    """A picture of an activity; the first in order is its lead photo."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("image"),
        upload_to=photo_upload_to,
        validators=[uploads.validate_photo],
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
    )
    # Scaled copies made from the image when it is saved (core.uploads), for cards and pages.
    image_small = models.ImageField(_("small version"), upload_to=photo_upload_to, blank=True, editable=False)
    image_large = models.ImageField(_("large version"), upload_to=photo_upload_to, blank=True, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        permissions = [("translate_photo", _("Can translate photo captions"))]

    def __str__(self):
        return self.caption or self.image.name


class Attachment(models.Model):
    """A document of an activity (agenda, report, presentation) in a given language."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to=attachment_upload_to,
        validators=[uploads.validate_attachment],
        help_text=_("PDF, DOCX, PPTX or XLSX, at most 25 MB."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=DocumentLanguage.choices, default=DocumentLanguage.EN
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        permissions = [("translate_attachment", _("Can translate the titles of attachments"))]

    def __str__(self):
        return self.title
