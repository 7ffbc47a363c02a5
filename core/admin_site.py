"""The portal's admin site: Django's, with the translators' queue on its index page."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.admin_workflow import lacking


def translation_queue(request, registry):
    """Per model staff may open: how many records lack Chinese, lack English, or are out of date.

    The models are those whose ModelAdmin in ``registry`` sets ``translation_queue_position``,
    in that order. One aggregate query per model, whatever the number of records.
    """
    queued = sorted(
        (model_admin.translation_queue_position, model, model_admin)
        for model, model_admin in registry.items()
        if getattr(model_admin, "translation_queue_position", None) is not None
    )
    rows = []
    for _position, model, model_admin in queued:
        opts = model._meta
        if not model_admin.has_view_or_change_permission(request):
            continue
        fields = getattr(model_admin, "chinese_required_fields", None)
        counts = model._base_manager.aggregate(
            missing_zh=Count("pk", filter=lacking(model, "zh-hans", fields)),
            missing_en=Count("pk", filter=lacking(model, "en", fields)),
            stale=Count("pk", filter=Q(translation_out_of_date=True)),
        )
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            continue
        rows.append(
            {
                "name": capfirst(opts.verbose_name_plural),
                "links": [
                    (counts["missing_zh"], f"{url}?translation=missing_zh"),
                    (counts["missing_en"], f"{url}?translation=missing_en"),
                    (counts["stale"], f"{url}?translation=stale"),
                ],
            }
        )
    return rows


def glossary_view(request, site):
    """The project glossary (locale/glossary.csv), read-only, for translators and editors."""
    from core.glossary import terms

    context = {**site.each_context(request), "title": _("Glossary"), "terms": terms()}
    return TemplateResponse(request, "admin/glossary.html", context)


class PortalAdminSite(admin.AdminSite):
    site_header = _("MMSP Activity Portal administration")
    site_title = _("MMSP Activity Portal")
    index_title = _("Activities, partners and newsletters")

    def get_urls(self):
        glossary = self.admin_view(lambda request: glossary_view(request, self))
        return [path("glossary/", glossary, name="glossary"), *super().get_urls()]

    def index(self, request, extra_context=None):
        queue = translation_queue(request, self._registry)
        waiting = waiting_queue(request, self._registry)
        extra_context = {**(extra_context or {}), "translation_queue": queue, "waiting": waiting}
        return super().index(request, extra_context)


def waiting_queue(request, registry):
    """What waits for this user, per model: for publishers, changes to published records waiting
    for review and records sent for review; for translators, records waiting for translation.

    Each entry is (label, count, url of the list that shows them). Two queries per model at most.
    """
    from core import workflow
    from core.admin_revisions import ReviewedChangesAdminMixin
    from core.enums import RevisionStatus, Status
    from core.models import PendingRevision

    review, translation = [], []
    for model, model_admin in registry.items():
        opts = model._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            continue
        name = capfirst(opts.verbose_name_plural)
        if isinstance(model_admin, ReviewedChangesAdminMixin) and workflow.can_publish(request.user, model):
            content_type = ContentType.objects.get_for_model(model)
            pending = PendingRevision.objects.filter(
                content_type=content_type, status=RevisionStatus.PENDING
            ).count()
            in_review = model._base_manager.filter(status=Status.IN_REVIEW).count()
            revisions_url = reverse("admin:core_pendingrevision_changelist")
            review.append(
                (
                    _("%(records)s: changes to published records") % {"records": name},
                    pending,
                    f"{revisions_url}?status__exact=pending&content_type__id__exact={content_type.pk}",
                )
            )
            review.append(
                (
                    _("%(records)s: sent for review") % {"records": name},
                    in_review,
                    f"{url}?status__exact=in_review",
                )
            )
        is_translator = getattr(model_admin, "is_translator", None)
        position = getattr(model_admin, "translation_queue_position", None)
        if position is not None and is_translator is not None and is_translator(request):
            count = model._base_manager.filter(
                lacking(model, "zh-hans", getattr(model_admin, "chinese_required_fields", None))
                | lacking(model, "en", getattr(model_admin, "chinese_required_fields", None))
                | Q(translation_out_of_date=True)
            ).count()
            translation.append((position, name, count, f"{url}?translation=todo"))
    translation = [(name, count, url) for _position, name, count, url in sorted(translation)]
    return {
        "review": review,
        "review_total": sum(count for _label, count, _url in review),
        "translation": translation,
        "translation_total": sum(count for _label, count, _url in translation),
    }
