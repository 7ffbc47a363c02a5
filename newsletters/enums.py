from django.db import models
from django.utils.translation import gettext_lazy as _


class SectionKind(models.TextChoices):
    FOREWORD = "foreword", _("Foreword")
    HIGHLIGHTS = "highlights", _("Project highlights")
    EVENTS = "events", _("Events")
    POLICY_CORNER = "policy_corner", _("Policy corner")
    INFOBITES = "infobites", _("Infobites")
    NEWS = "news", _("News")
