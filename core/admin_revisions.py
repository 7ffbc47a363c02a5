"""The admin side of the review of changes to published records (``core.revisions``).

``ReviewedChangesAdminMixin`` goes on the admin of a publishable record (activities,
newsletters). For a user who may not publish, a saved change form of a published record is
validated as usual, then kept as a pending revision with its inlines instead of being saved; the
change form shows a banner while changes wait; publishers get a review page
(``<id>/review/``) with the difference field by field and the Publish and Reject buttons. A
restore from the history of a published record is refused to non-publishers.

``PublishedParentGuardMixin`` goes on the admins that reach the rows of such a record on their
own (photos, attachments, participants, agency roles, newsletter sections): a non-publisher may
look at the rows of a published record there, but not change, add or delete them.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.signals import post_delete
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import revisions, workflow
from core.enums import Status
from core.formatting import list_separator


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the author"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Required to reject: the author reads it on the change form."),
    )


class ReviewedChangesAdminMixin:
    """Changes to a published record by a non-publisher wait for review (see the module)."""

    change_form_template = "admin/review_change_form.html"

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        # However the record is deleted (admin, shell, cascade), its waiting changes go with it.
        post_delete.connect(
            revisions.discard_for_deleted_record,
            sender=model,
            weak=False,
            dispatch_uid=f"revisions_discard_{model._meta.label_lower}",
        )

    # --- the change form keeps the change instead of saving it -----------------------------

    def held_for_review(self, request, obj, change=True):
        """Whether this save must become a pending revision; the admin's save_model asks first."""
        held = bool(change) and revisions.needs_review(request.user, obj)
        if held:
            request._held_for_review = True
        return held

    def save_model(self, request, obj, form, change):
        if not self.held_for_review(request, obj, change):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_held_for_review", False):
            changes = revisions.form_changes(form, formsets)
            request._pending_revision = revisions.revision_submit(
                obj=form.instance, user=request.user, changes=changes
            )
            return
        super().save_related(request, form, formsets, change)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_held_for_review", False):
            return []  # the formsets saved nothing, so they have no new, changed or deleted objects
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "_held_for_review", False):
            return None  # nothing changed in the record; the revision keeps who asked what
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not getattr(request, "_held_for_review", False):
            return super().response_change(request, obj)
        if getattr(request, "_pending_revision", None) is not None:
            self.message_user(
                request,
                gettext(
                    "Your changes to “%(record)s” are waiting for a publisher’s review. "
                    "The public still sees the published version."
                )
                % {"record": obj},
                messages.WARNING,
            )
        else:
            self.message_user(request, gettext("Nothing was changed."), messages.INFO)
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=(obj.pk,))
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if obj is not None and obj.status == Status.PUBLISHED:
            pending = revisions.pending_revision(obj)
            may_publish = workflow.can_publish(request.user, self.model)
            context.update(
                pending_revision=pending,
                pending_labels=list_separator().join(revisions.changed_labels(pending)) if pending else "",
                may_review=may_publish,
                review_url=self._review_url(obj) if pending and may_publish else "",
                held_for_review=not may_publish,
                rejected_revision=None
                if pending or may_publish
                else revisions.last_rejection(obj, request.user),
            )
            # The form opens on the changes waiting, so that a new change adds to them (or undoes one).
            request._review_overlay = pending if not may_publish else None
        return super().change_view(request, object_id, form_url, context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        pending = getattr(request, "_review_overlay", None)
        if obj is not None and pending is not None and str(obj.pk) == pending.object_id:
            revisions.overlay(obj, pending)
        return obj

    # --- other doors ------------------------------------------------------------------------

    def may_restore(self, request, obj):
        # A restore would change what the public sees: publishers only, on a published record.
        return super().may_restore(request, obj) and not revisions.needs_review(request.user, obj)

    # --- the review page --------------------------------------------------------------------

    def _review_url(self, obj):
        opts = self.model._meta
        return reverse(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_review", args=(obj.pk,))

    def get_urls(self):
        opts = self.model._meta
        review = path(
            "<path:object_id>/review/",
            self.admin_site.admin_view(self.review_view),
            name=f"{opts.app_label}_{opts.model_name}_review",
        )
        return [review, *super().get_urls()]

    def check_reviewed(self, request, obj, many_to_many):
        """Refuse (ValidationError) a published revision the change form would refuse, on checks
        across fields: ``obj`` carries the revision's values, ``many_to_many`` the pks its
        many-to-many fields will hold. The admin of a model with such rules overrides this."""

    def _save_reviewed(self, request, obj, many_to_many):
        obj.full_clean()
        self.check_reviewed(request, obj, many_to_many)
        self.save_model(request, obj, None, True)

    def review_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not workflow.can_publish(request.user, self.model):
            raise PermissionDenied
        opts = self.model._meta
        change_url = reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=(obj.pk,)
        )
        revision = revisions.pending_revision(obj)
        if revision is None:
            self.message_user(
                request, gettext("No changes to this record are waiting for review."), messages.INFO
            )
            return HttpResponseRedirect(change_url)
        form = ReviewForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            comment = form.cleaned_data["comment"]
            try:
                if "_publish" in request.POST:
                    revisions.revision_publish(
                        revision=revision,
                        user=request.user,
                        save_record=lambda o, m2m: self._save_reviewed(request, o, m2m),
                        comment=comment,
                    )
                    self.log_change(request, obj, gettext("Published the changes waiting for review."))
                    self.message_user(
                        request,
                        gettext("The changes are published: the public sees them now."),
                        messages.SUCCESS,
                    )
                elif "_reject" in request.POST:
                    revisions.revision_reject(revision=revision, user=request.user, comment=comment)
                    self.message_user(
                        request,
                        gettext("The changes are rejected; the author sees your comment."),
                        messages.SUCCESS,
                    )
                else:
                    raise ValidationError(gettext("Choose Publish or Reject."))
            except ValidationError as error:
                if hasattr(error, "error_dict") and "comment" in error.error_dict:
                    form.add_error("comment", error.error_dict["comment"])
                else:
                    form.add_error(None, error.messages)
            else:
                return HttpResponseRedirect(change_url)
        conflicts = revisions.conflicts(revision)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Review the changes to “%(record)s”") % {"record": obj},
            "subtitle": None,
            "opts": opts,
            "original": obj,
            "revision": revision,
            "authors": list_separator().join(str(user) for user in revision.authors.all()),
            "diff": revisions.diff_rows(revision),
            "conflicts": conflicts,
            "conflicts_text": list_separator().join(conflicts),
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/revision_review.html", context)


class PublishedParentGuardMixin:
    """Rows of a published record (``parent_field`` names it) are read-only to non-publishers."""

    parent_field = "event"

    def _parent_locked(self, request, obj):
        parent = getattr(obj, self.parent_field, None) if obj is not None else None
        return parent is not None and revisions.needs_review(request.user, parent)

    def has_change_permission(self, request, obj=None):
        if self._parent_locked(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._parent_locked(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        guard, parent_field = self, self.parent_field

        class GuardedForm(form_class):
            def clean(self):
                cleaned_data = super().clean()
                parent = cleaned_data.get(parent_field)
                if parent is not None and revisions.needs_review(request.user, parent):
                    raise ValidationError(
                        gettext(
                            "“%(record)s” is published: open it and make the change there, where it "
                            "waits for a publisher’s review."
                        )
                        % {"record": parent}
                    )
                return cleaned_data

        GuardedForm.__name__ = form_class.__name__
        del guard
        return GuardedForm
