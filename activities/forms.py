from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.forms import WorkflowFormMixin

from .models import Event, Pillar
from .services import pillar_label, pillar_phase_error


class PhasePillarsWidget(forms.CheckboxSelectMultiple):
    """Tick-boxes that carry their pillar's phase, for the script that shows only the pillars of
    the phase chosen above. Without the script every pillar is offered, each with its phase."""

    class Media:
        js = ("core/admin/phase_pillars.js",)

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-phase"] = str(instance.phase_id)
        return option


class PillarChoiceField(forms.ModelMultipleChoiceField):
    """Pillars labelled with their phase, so staff see which ones fit the activity."""

    widget = PhasePillarsWidget

    def label_from_instance(self, obj):
        return pillar_label(obj)


class EventAdminForm(WorkflowFormMixin, forms.ModelForm):
    """The activity form: the pillars must belong to the activity's own phase.

    The database guard (activities.signals) refuses such links too, but only
    with an exception; checking here gives staff a form error instead.
    """

    pillars = PillarChoiceField(
        label=capfirst(_("pillars")),
        queryset=Pillar.objects.select_related("phase"),
        required=False,
        help_text=_("Only focus areas or key areas of the activity's own phase."),
    )
    # When the record was last saved as this form was loaded: a save from a stale form is refused.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Event
        # The admin's fieldsets choose the fields (modeltranslation adds one per language);
        # a list here would be a second one to keep in step.
        exclude = ()  # noqa: DJ006 -- see above

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["loaded_version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        self._check_not_changed_meanwhile(cleaned_data.get("loaded_version"))
        phase = cleaned_data.get("phase")
        pillars = cleaned_data.get("pillars")
        if phase and pillars:
            message = pillar_phase_error(phase=phase, pillars=pillars)
            if message:
                self.add_error("pillars", message)
        return cleaned_data

    def _check_not_changed_meanwhile(self, loaded_version):
        """Refuse to overwrite changes someone else saved after this form was opened."""
        if not (self.instance.pk and loaded_version and self.instance.updated_at):
            return
        if loaded_version != self.instance.updated_at.isoformat():
            raise ValidationError(
                gettext(
                    "Someone else saved this activity after you opened this form (last change: %(when)s "
                    "by %(who)s). Your changes were not saved: open the activity again to see the current "
                    "version, then make your changes again."
                )
                % {
                    "when": self.instance.updated_at.strftime("%Y-%m-%d %H:%M:%S"),
                    "who": self.instance.updated_by or "?",
                },
                code="stale",
            )


class EventAgencyFormSet(forms.BaseInlineFormSet):
    """Agency roles, each unique per activity, checked against the saved rows too.

    Django compares the rows of one formset with each other, but leaves the
    (activity, agency, role) constraint out of each row's own validation
    because the activity is the inline's parent; without this check a row
    repeating a saved one would reach the database and fail there.
    """

    def clean(self):
        super().clean()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or form.errors:
                continue
            try:
                form.instance.validate_constraints()
            except ValidationError as error:
                form.add_error(None, error)
