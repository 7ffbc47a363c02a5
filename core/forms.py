"""Form pieces every app's admin forms share."""

from core import workflow
from core.enums import Status


class WorkflowFormMixin:
    """Refuses, on the form, a status change the user may not make or an untranslated publication."""

    workflow_user = None
    workflow_current = Status.DRAFT

    def clean(self):
        cleaned = super().clean()
        # Without a status field (read-only for translators) the record keeps its stored status,
        # and a published record must stay complete: checked here so the user sees a form error.
        target = cleaned.get("status") if "status" in self.fields else self.workflow_current
        if target:
            instance = self.instance
            values = {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
            values.update(cleaned)
            message = workflow.transition_error(
                user=self.workflow_user,
                model=self._meta.model,
                current=self.workflow_current,
                target=target,
                values=values,
            )
            if message:
                self.add_error("status" if "status" in self.fields else None, message)
        return cleaned
