"""The revision history in the admin: a version may be restored only as the change form allows.

django-simple-history's version page checks the *view* permission and saves any valid POST
over the old version, every field of it. Here a restore is an edit like any other: it needs
the change permission for the record (as ``has_change_permission(request, obj)`` decides),
only the fields the user's change form edits are taken from the old version, and every other
field (read-only for the user, or not in the form at all: status and publication date for
editors, all but the texts for translators) keeps its current value whatever the POST holds.
The form and the ``save_model`` of the admin then apply the workflow rules as on the change
form. The restore is recorded in the history with the version it came from and the reason.
"""

import re

from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import router, transaction
from django.http import Http404
from django.urls import reverse
from django.utils.html import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import get_history_model_for_model

from core.history_diff import ReadableChangesHelper
from core.models import PendingRevision

# simple-history keeps the change reason in a 100-character column: the mark and the version
# id take at most 30 of them ("restore #" and a 64-bit id), the user's reason the rest.
REASON_MAX_LENGTH = 70
RESTORE_REASON = re.compile(r"^restore #(?P<version>\d+)(?:: (?P<reason>.*))?$", re.DOTALL)
# core.revisions.REVIEW_REASON: the change came from a pending revision a publisher published.
REVIEW_REASON = re.compile(r"^review #(?P<revision>\d+)$")


def restore_reason(version_id, reason=""):
    """The change reason a restore stores: language-neutral, shown translated in the history."""
    stored = f"restore #{version_id}"
    return f"{stored}: {reason}" if reason else stored


class RestoreReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the restore"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        help_text=_("Optional. Kept in the history beside the restore."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="_restore", **kwargs)


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose restore obeys the rules of the change form (see the module)."""

    object_history_form_template = "admin/history_restore_form.html"

    def check_posted_fields(self, request):
        """Refuse a POST carrying fields the user may not change; the change form asks it too."""

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or not self.may_restore(request, obj)

    def may_restore(self, request, obj):
        return self.has_change_history_permission(request, obj) and self.has_change_permission(request, obj)

    def restorable_instance(self, current, version, form_class):
        """The current record with the values of the old version in the fields the form edits."""
        tracked = {field.attname for field in version._meta.concrete_fields}
        opts = self.model._meta
        for name in form_class.base_fields:
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:  # a form-only field, such as the activity's loaded_version
                continue
            if field.concrete and not field.many_to_many and field.attname in tracked:
                setattr(current, field.attname, getattr(version, field.attname))
        return current

    def _version(self, object_id, version_id):
        history_model = get_history_model_for_model(self.model)
        pk_name = self.model._meta.pk.attname
        try:
            return history_model.objects.get(**{pk_name: object_id, "history_id": version_id})
        except (history_model.DoesNotExist, ValueError, ValidationError):
            raise Http404 from None

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request.current_app = self.admin_site.name
        object_id = unquote(object_id)
        version = self._version(object_id, version_id)
        current = self.get_object(request, object_id)
        shown = current if current is not None else version.instance
        if not self.has_view_history_or_change_history_permission(request, shown):
            raise PermissionDenied
        # A deleted record's versions may be looked at; bringing it back is not a change.
        restorable = current is not None and not self.revert_disabled(request, current)
        if request.method == "POST":
            if not restorable:
                raise PermissionDenied
            self.check_posted_fields(request)

        if restorable:
            form_class = self.get_form(request, current, change=True)
            readonly = self.get_readonly_fields(request, current)
            obj = self.restorable_instance(current, version, form_class)
        else:
            obj = version.instance
            obj._state.adding = False
            form_class = self.get_form(request, current, change=True)
            readonly = flatten_fieldsets(self.get_fieldsets(request, current))

        reason_form = RestoreReasonForm(request.POST if request.method == "POST" else None)
        if request.method == "POST":
            form = form_class(request.POST, request.FILES, instance=obj)
            if form.is_valid() and reason_form.is_valid():
                try:
                    new_object = self._restore(request, form, version, reason_form.cleaned_data["reason"])
                except ValidationError as error:
                    # The services' own checks (publication needs both languages...), on fields
                    # the form may not show: the message goes on top of the form, nothing is saved.
                    form.add_error(None, error.messages)
                else:
                    return self.response_change(request, new_object)
        else:
            form = form_class(instance=obj)

        admin_form = helpers.AdminForm(
            form,
            self.get_fieldsets(request, current),
            self.get_prepopulated_fields(request, current) if restorable else {},
            readonly,
            model_admin=self,
        )
        return self.render_history_view(
            request,
            self.object_history_form_template,
            self._history_form_context(request, obj, object_id, admin_form, reason_form, restorable)
            | (extra_context or {}),
        )

    def _restore(self, request, form, version, reason):
        with transaction.atomic(using=router.db_for_write(self.model)):
            new_object = self.save_form(request, form, change=True)
            new_object._change_reason = restore_reason(version.history_id, reason)
            self.save_model(request, new_object, form, change=True)
            form.save_m2m()
            self.log_change(request, new_object, self.construct_change_message(request, form, []))
        return new_object

    def _history_form_context(self, request, obj, object_id, admin_form, reason_form, restorable):
        opts = self.model._meta
        prefix = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        if restorable:
            title = self.history_form_view_title(request, obj)
        else:
            # Translators: the title of an earlier version of a record, shown but not restorable.
            title = gettext("View %(record)s") % {"record": obj}
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "adminform": admin_form,
            "restore_reason_form": reason_form,
            "object_id": object_id,
            "original": obj,
            "is_popup": False,
            "media": mark_safe(self.media + admin_form.media),  # noqa: S308 -- the admin's own media
            "errors": helpers.AdminErrorList(admin_form.form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "changelist_url": reverse(f"{prefix}_changelist"),
            "change_url": reverse(f"{prefix}_change", args=(obj.pk,)),
            "history_url": reverse(f"{prefix}_history", args=(obj.pk,)),
            "change_history": False,
            "revert_disabled": not restorable,
            "add": False,
            "change": True,
            "has_add_permission": self.has_add_permission(request),
            "has_view_permission": self.has_view_history_permission(request, obj),
            "has_change_permission": restorable,
            "has_delete_permission": False,
            "has_file_field": True,
            "has_absolute_url": False,
            "form_url": "",
            "opts": opts,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": False,
            "save_on_top": self.save_on_top,
        }

    def get_historical_record_context_helper(self, request, historical_record):
        """Changes shown with labels and a word-level difference (core.history_diff)."""
        rich_fields = getattr(self, "richtext_fields", ())
        return ReadableChangesHelper(self.model, historical_record, rich_fields=rich_fields)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Also describe each restore and each published review, in the user's language, for the
        history list (one query for each kind, whatever the number of rows)."""
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        restores, reviews = {}, {}
        for record in historical_records:
            match = RESTORE_REASON.match(record.history_change_reason or "")
            if match:
                restores[record] = (int(match["version"]), match["reason"] or "")
            match = REVIEW_REASON.match(record.history_change_reason or "")
            if match:
                reviews[record] = int(match["revision"])
        if reviews:
            comments = dict(
                PendingRevision.objects.filter(pk__in=set(reviews.values())).values_list("pk", "comment")
            )
            for record, revision in reviews.items():
                record.published_review = revision
                record.review_comment = comments.get(revision, "")
        if not restores:
            return
        history_model = get_history_model_for_model(self.model)
        dates = dict(
            history_model.objects.filter(history_id__in=[version for version, _ in restores.values()])
            .values_list("history_id", "history_date")
        )
        for record, (version, reason) in restores.items():
            record.restored_from = version
            record.restored_from_date = dates.get(version)
            record.restore_reason = reason
