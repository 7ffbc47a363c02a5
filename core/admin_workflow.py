"""Admin building blocks for the staff workflow: roles, review and publishing, translation status.

Used by the admins of every app. The limits of each group hold on the server: fields a
translator may not change are read-only in the form, and a crafted POST that carries them
anyway is refused; a status the user may not choose is not a valid choice of the form.
"""

from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from core.enums import Status
from core.formatting import label_colon, list_separator
from core.workflow import stored_status

from . import spreadsheets, workflow
from .translation_status import (
    LANGUAGES,
    confirm_translations,
    localized,
    missing_fields,
    stale_fields,
    translated_fields,
)

# The language of each line of the translation column, in the user's language ("Chinese", "中文").
LANGUAGE_LABELS = {"en": _("English"), "zh-hans": _("Chinese")}


def field_labels(model, names):
    """The verbose names of a model's fields in the user's language ("title", "标题"), in the
    order the model declares them, for messages naming fields; a name that is no model field
    stays as it is, last."""
    order = {field.name: position for position, field in enumerate(model._meta.get_fields())}
    labels = []
    for name in sorted(names, key=lambda name: order.get(name, len(order))):
        try:
            labels.append(str(model._meta.get_field(name).verbose_name))
        except FieldDoesNotExist:
            labels.append(name)
    return labels


def _model_permission(request, model, action):
    opts = model._meta
    return request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def translatable_names(model):
    """Every language's column of a model's translated fields (``title_en``, ``title_zh_hans``...)."""
    return {localized(field, lang) for field in translated_fields(model) for lang in LANGUAGES}


def protected_names(model):
    """The fields a translator may not change: everything but the translated texts."""
    names = set()
    for field in model._meta.get_fields():
        if field.auto_created or not (field.concrete or field.many_to_many):
            continue
        names.add(field.name)
    # The untranslated original (``title``) is never in a form: modeltranslation shows its columns.
    return names - translatable_names(model) - set(translated_fields(model))


class TranslatorAccessMixin:
    """Translators hold a model's ``translate`` permission without its ``change`` permission.

    They may open and save records, but only the translated texts are editable for them.
    """

    def is_translator(self, request):
        return not _model_permission(request, self.model, "change") and _model_permission(
            request, self.model, "translate"
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or _model_permission(
            request, self.model, "translate"
        )

    def has_edit_permission(self, request):
        """Changing more than texts: the real change permission (actions ask for it as "edit")."""
        return _model_permission(request, self.model, "change")

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if self.is_translator(request):
            readonly += sorted(protected_names(self.model) - set(readonly))
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if self.is_translator(request):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def refused_fields(self, request):
        """Fields of the form that a translator's POST carries but may not change."""
        protected = protected_names(self.model)
        refused = set()
        for key in request.POST:
            name = key[:-2] if key.endswith(("_0", "_1")) else key
            if name in protected:
                refused.add(name)
        return sorted(refused)

    def check_posted_fields(self, request):
        # The change form and the restore of a version (core.admin_history) both ask.
        if self.is_translator(request):
            refused = self.refused_fields(request)
            if refused:
                raise PermissionDenied(
                    gettext("Translators may change the texts only; refused: %(fields)s.")
                    % {"fields": list_separator().join(field_labels(self.model, refused))}
                )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            self.check_posted_fields(request)
        return super().changeform_view(request, object_id, form_url, extra_context)


class TranslatorInlineMixin:
    """The same limits on an inline: translators edit its texts, add and delete nothing."""

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) or _model_permission(
            request, self.model, "translate"
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        translator = not _model_permission(request, self.model, "change") and _model_permission(
            request, self.model, "translate"
        )
        if translator:
            readonly += sorted(protected_names(self.model) - set(readonly) - {self.fk_name or ""})
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if not _model_permission(request, self.model, "change"):
            return {}
        return super().get_prepopulated_fields(request, obj)


class WorkflowAdminMixin:
    """Offers each user only the statuses they may move a record to, and the matching actions.

    The admin's ``transition(obj=..., user=..., status=...)`` calls the service that moves one record.
    """

    def transition(self, *, obj, user, status):
        raise NotImplementedError

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Moving the publication date publishes or withdraws a record as surely as its status.
        if not self.has_publish_permission(request) and "published_at" not in readonly:
            readonly.append("published_at")
        return readonly

    def has_delete_permission(self, request, obj=None):
        # Deleting a public record takes it off the site: only those who may unpublish may do it.
        # Django asks this for each record of a bulk delete too.
        if obj is not None and obj.status == Status.PUBLISHED and not self.has_publish_permission(request):
            return False
        return super().has_delete_permission(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        current = stored_status(obj) if obj is not None else Status.DRAFT
        field = form.base_fields.get("status")
        if field is not None:
            allowed = workflow.allowed_statuses(request.user, self.model, current)
            field.choices = [(status.value, status.label) for status in allowed]
        form.workflow_user = request.user
        form.workflow_current = current
        return form

    def _move(self, request, queryset, status):
        done, refused = 0, []
        for obj in queryset:
            try:
                self.transition(obj=obj, user=request.user, status=status)
            except ValidationError as error:
                reason = (
                    " ".join(error.message_dict.get("status", [])) if hasattr(error, "message_dict") else ""
                )
                refused.append(
                    (str(obj), reason or gettext("the record is not valid; open it to correct it"))
                )
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(count)d record moved to “%(status)s”.",
                    "%(count)d records moved to “%(status)s”.",
                    done,
                )
                % {"count": done, "status": Status(status).label},
                messages.SUCCESS,
            )
        for title, reason in refused:
            self.message_user(
                request,
                gettext("Not changed: %(title)s. %(reason)s") % {"title": title, "reason": reason},
                messages.ERROR,
            )

    @admin.action(description=_("Send the selected records for review"), permissions=("edit",))
    def submit_for_review(self, request, queryset):
        self._move(request, queryset, Status.IN_REVIEW)

    @admin.action(description=_("Publish the selected records"), permissions=("publish",))
    def publish(self, request, queryset):
        self._move(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Return the selected records to draft"), permissions=("publish",))
    def unpublish(self, request, queryset):
        self._move(request, queryset, Status.DRAFT)

    @admin.action(description=_("Archive the selected records"), permissions=("publish",))
    def archive(self, request, queryset):
        self._move(request, queryset, Status.ARCHIVED)


def lacking(model, language, fields=None):
    """Q for records with text in the other language but none in ``language``, in any field."""
    other = "en" if language == "zh-hans" else "zh-hans"
    condition = Q()
    for field in fields or translated_fields(model):
        source, target = localized(field, other), localized(field, language)
        has_source = Q(**{f"{source}__isnull": False}) & ~Q(**{source: ""})
        condition |= has_source & (Q(**{f"{target}__isnull": True}) | Q(**{target: ""}))
    return condition


class TranslationFilterBase(admin.SimpleListFilter):
    """A list filter on translations, over the fields the admin says must be translated."""

    def __init__(self, request, params, model, model_admin):
        self.required_fields = getattr(model_admin, "chinese_required_fields", None)
        super().__init__(request, params, model, model_admin)


class TranslationStatusFilter(TranslationFilterBase):
    """What a translator's queue holds: texts missing in one language, or out of date."""

    title = _("translation status")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("missing_zh", _("Chinese missing")),
            ("missing_en", _("English missing")),
            ("stale", _("Out of date")),
            ("ok", _("Complete and up to date")),
            ("todo", _("Waiting for translation")),
        ]

    def queryset(self, request, queryset):
        model = queryset.model
        missing_zh = lacking(model, "zh-hans", self.required_fields)
        missing_en = lacking(model, "en", self.required_fields)
        value = self.value()
        if value == "missing_zh":
            return queryset.filter(missing_zh)
        if value == "missing_en":
            return queryset.filter(missing_en)
        if value == "stale":
            return queryset.filter(translation_out_of_date=True)
        if value == "todo":  # the translators' queue on the admin index: any of the three above
            return queryset.filter(missing_zh | missing_en | Q(translation_out_of_date=True))
        if value == "ok":
            return queryset.exclude(missing_zh | missing_en).filter(translation_out_of_date=False)
        return queryset


class TranslationStatusAdminMixin:
    """A list column saying, per language, whether the texts are complete and up to date."""

    chinese_required_fields = None

    @admin.display(description=_("translation"))
    def translation_state(self, obj):
        missing = missing_fields(obj, self.chinese_required_fields)
        stale = stale_fields(obj)
        rows = []
        for lang in LANGUAGES:
            suffix = "_" + lang.replace("-", "_")
            out_of_date = [name[: -len(suffix)] for name in stale if name.endswith(suffix)]
            if missing[lang]:
                fields = list_separator().join(field_labels(type(obj), missing[lang]))
                state, css = gettext("missing: %(fields)s") % {"fields": fields}, "missing"
            elif out_of_date:
                fields = list_separator().join(field_labels(type(obj), out_of_date))
                state, css = gettext("out of date: %(fields)s") % {"fields": fields}, "stale"
            else:
                state, css = gettext("complete"), "ok"
            rows.append((css, LANGUAGE_LABELS[lang], label_colon(), state))
        return format_html_join(
            mark_safe("<br>"), '<span class="translation-state translation-state--{}">{}{}{}</span>', rows
        )

    @admin.action(
        description=_("Confirm the translations of the selected records are up to date"),
        permissions=("change",),
    )
    def confirm_translations(self, request, queryset):
        count = 0
        for obj in queryset:
            confirm_translations(obj)
            type(obj)._base_manager.filter(pk=obj.pk).update(
                translation_fingerprints=obj.translation_fingerprints, translation_out_of_date=False
            )
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d record's translations confirmed.",
                "%(count)d records' translations confirmed.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class AllOrNothingImportMixin(ImportExportMixin):
    """Import and export, where the confirmed import too rolls back whole on any invalid row,
    and every exported cell stays a value (``core.spreadsheets``).

    django-import-export passes ``rollback_on_validation_errors`` to the preview only; a row
    that became invalid between preview and confirmation would otherwise be dropped while the
    others were saved.
    """

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    export_form_class = spreadsheets.LabelledExportForm

    def has_import_permission(self, request):
        # An import adds records and changes those it names (IMPORT_EXPORT_IMPORT_PERMISSION_CODE
        # is "add"): it takes both permissions. A translator's "translate" is not "change".
        return super().has_import_permission(request) and _model_permission(request, self.model, "change")

    def get_export_formats(self):
        # Exports hold participants' e-mails and phones: no cell of them may run as a formula.
        return spreadsheets.EXPORT_FORMATS

    def get_import_formats(self):
        # CSV and TSV come back with the apostrophes of the export removed: nothing changes.
        return spreadsheets.IMPORT_FORMATS
