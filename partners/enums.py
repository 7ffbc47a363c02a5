from django.db import models
from django.utils.translation import gettext_lazy as _


class Side(models.TextChoices):
    EU = "eu", _("European Union")
    CHINA = "china", _("China")
    INTERNATIONAL = "international", _("International")
    OTHER = "other", _("Other")


class AgencyKind(models.TextChoices):
    GOVERNMENT = "government", _("Government ministry or agency")
    EU_INSTITUTION = "eu_institution", _("EU institution or agency")
    EMBASSY = "embassy", _("EU Member State or Schengen embassy")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    ACADEMIC = "academic", _("Academic or research institution")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    PRIVATE = "private", _("Private sector")
