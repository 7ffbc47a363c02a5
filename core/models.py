"""The querysets and abstract bases the domain apps' models share, and the one table core keeps:
changes to published records waiting for a publisher's review (``core.revisions``)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.enums import RevisionStatus, Status


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Records the public may see: published, and public from their publication time."""
        return self.filter(status=Status.PUBLISHED).filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now())
        )


class PendingRevision(models.Model):
    """A change to a published record by someone who may not publish, kept until a publisher decides.

    ``changes`` holds what the change form changed, as JSON: ``fields`` maps each changed
    column (``title_en``, ``title_zh_hans``, ``phase_id``, ``pillars``) to its ``old`` and ``new``
    value; ``inlines`` maps each child model (``activities.photo``) to its ``changed`` rows (pk and
    fields), ``added`` rows (fields) and ``deleted`` rows (pk and label). One pending revision at
    most per record: a later change merges into it.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    changes = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=16, choices=RevisionStatus.choices, default=RevisionStatus.PENDING
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    comment = models.TextField(_("review comment"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("change waiting for review")
        verbose_name_plural = _("changes waiting for review")
        ordering = ("-updated_at", "-pk")
        indexes = [models.Index(fields=("content_type", "object_id", "status"))]
        constraints = [
            models.UniqueConstraint(
                fields=("content_type", "object_id"),
                condition=Q(status="pending"),
                name="core_one_pending_revision_per_record",
            )
        ]

    def __str__(self):
        model = self.content_type.model_class()
        record = model._base_manager.filter(pk=self.object_id).first() if model else None
        return str(record) if record is not None else f"{self.content_type} #{self.object_id}"
