from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activities.models import Event, Phase
from core.enums import Status
from core.models import PublishableQuerySet
from core.richtext import RICH_TEXT_HELP
from core.translation_status import TranslationTracked

from .enums import SectionKind


class Newsletter(TranslationTracked):
    """One issue of the project newsletter, composed from activity records."""

    required_for_publication = ("title",)  # in both languages (core.workflow)
    number = models.PositiveSmallIntegerField(_("issue number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="newsletters"
    )
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("public from"), null=True, blank=True)
    sources = models.TextField(
        _("sources (staff only)"),
        blank=True,
        help_text=_(
            "The documents this record is taken from, and what was read into them. "
            "Never shown to the public."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        permissions = [
            ("publish_newsletter", _("Can publish, unpublish and archive newsletters")),
            ("translate_newsletter", _("Can translate the texts of newsletters")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="newsletter_period_order"
            ),
        ]

    def __str__(self):
        return _("Issue %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return reverse("newsletters:detail", kwargs={"number": self.number})

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class NewsletterSection(TranslationTracked):
    """A section of an issue: foreword, highlights, events, policy corner..."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True, help_text=RICH_TEXT_HELP)
    events = models.ManyToManyField(
        Event,
        through="SectionEvent",
        verbose_name=_("activities"),
        related_name="newsletter_sections",
        blank=True,
    )

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        permissions = [("translate_newslettersection", _("Can translate the texts of newsletter sections"))]

    def __str__(self):
        return self.title or self.get_kind_display()


class SectionEvent(models.Model):
    """An activity drawn into a section, in the order staff chose."""

    section = models.ForeignKey(NewsletterSection, on_delete=models.CASCADE, related_name="section_events")
    event = models.ForeignKey(
        Event, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("linked activity")
        verbose_name_plural = _("linked activities")
        constraints = [
            models.UniqueConstraint(fields=["section", "event"], name="unique_section_event"),
        ]

    def __str__(self):
        return str(self.event)
