"""Who funds and implements the project and whom readers write to, as the printed newsletter has it.

Shared by the newsletter, the fact sheets and the Contact page. Taken from the MMSP brochure
(IOM Liaison Office in China); wording is translated through gettext.
"""

from django.utils.translation import gettext_lazy as _

PROJECT_NAME = _("EU-China Dialogue on Migration and Mobility Support Project")
FUNDED_BY = _("Funded by the European Union")
IMPLEMENTED_BY = _("Implemented by the International Organization for Migration (IOM)")
DISCLAIMER = _(
    "This publication was produced with the financial support of the European Union. Its contents are "
    "the sole responsibility of IOM and do not necessarily reflect the views of the European Union."
)

CONTACT_OFFICE = _("IOM Liaison Office in China")
CONTACT_ADDRESS = _(
    "No. 9-1-82, Tayuan Diplomatic Compound, Building 9, Unit 1, 8th Floor, 1 Xindonglu, "
    "Chaoyang District, Beijing 100600, China"
)
CONTACT_PHONE = "+86-10-59799695"
CONTACT_FAX = "+86-10-85323687"
CONTACT_EMAIL = "iombeijingMMSP@iom.int"


def credits_context():
    """The credits and contact block for a template."""
    return {
        "project_name": PROJECT_NAME,
        "funded_by": FUNDED_BY,
        "implemented_by": IMPLEMENTED_BY,
        "disclaimer": DISCLAIMER,
        "office": CONTACT_OFFICE,
        "address": CONTACT_ADDRESS,
        "phone": CONTACT_PHONE,
        "fax": CONTACT_FAX,
        "email": CONTACT_EMAIL,
    }
