"""No tables here: the querysets and abstract bases the domain apps' models share."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.enums import Status


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Records the public may see: published, and public from their publication time."""
        return self.filter(status=Status.PUBLISHED).filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now())
        )
