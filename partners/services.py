"""Writes to partner agencies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _


def agency_parent_error(*, agency, parent):
    """Why `parent` cannot be the parent of `agency` (it is the agency or sits under it), or None."""
    if parent is None:
        return None
    seen = set()
    node = parent
    while node is not None and node.pk not in seen:
        if agency.pk is not None and node.pk == agency.pk:
            if node is parent:
                return _("An agency cannot be its own parent.")
            return _("%(parent)s sits under this agency, so it cannot also be its parent.") % {
                "parent": parent
            }
        seen.add(node.pk)
        node = node.parent
    return None


@transaction.atomic
def agency_save(*, agency):
    """Validate and save a partner agency, refusing a parent chain that loops."""
    message = agency_parent_error(agency=agency, parent=agency.parent)
    if message:
        raise ValidationError({"parent": message})
    agency.full_clean()
    agency.save()
    return agency
