"""Choices shared by every app: the publishing status and how precisely a date is known."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    """Where a record stands on its way to the public: draft, in review, published, archived.

    Only published records are public (from their publication time); archived ones are kept
    for the record but withdrawn from every public page.
    """

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", pgettext_lazy("status", "Published")
    ARCHIVED = "archived", _("Archived")


class DatePrecision(models.TextChoices):
    """How much of an event's date the sources give; no day is invented."""

    DAY = "day", _("Exact days")
    MONTH = "month", _("Month only")
    YEAR = "year", _("Year only")
    UNKNOWN = "unknown", _("Not known")


class RevisionStatus(models.TextChoices):
    """Where a change to a published record stands: waiting for a publisher, then decided."""

    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", pgettext_lazy("revision", "Published")
    REJECTED = "rejected", _("Rejected")
