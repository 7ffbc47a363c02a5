from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    SEMINAR = "seminar", _("Seminar")
    FORUM = "forum", _("Forum")
    FIELD_VISIT = "field_visit", _("Field or study visit")
    BRIEFING = "briefing", _("Briefing")
    TECHNICAL_MEETING = "technical_meeting", _("Technical meeting")
    HIGH_LEVEL_VISIT = "high_level_visit", _("High-level visit")
    LAUNCH = "launch", _("Launch")
    RESEARCH = "research", _("Research or publication")
    OTHER = "other", _("Other")


class ParticipantsQualifier(models.TextChoices):
    """How exact the recorded participant figures are, as the source states them."""

    EXACT = "exact", pgettext_lazy("participant figures", "Exact")
    ABOUT = "about", pgettext_lazy("participant figures", "About")
    OVER = "over", pgettext_lazy("participant figures", "Over")


class PillarKind(models.TextChoices):
    FOCUS_AREA = "focus_area", _("Focus area")
    KEY_AREA = "key_area", _("Key area")


# A heading over all the pillars of a phase (fact sheet, About page).
PILLAR_KIND_PLURAL = {PillarKind.FOCUS_AREA: _("Focus areas"), PillarKind.KEY_AREA: _("Key areas")}


class AgencyRole(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    CO_ORGANISER = "co_organiser", _("Co-organiser")
    HOST = "host", _("Host")
    FUNDER = "funder", _("Funder")
    PARTICIPATING = "participating", _("Participating agency")

    @property
    def iati_code(self):
        return IATI_ORGANISATION_ROLE[self]


# IATI OrganisationRole codelist: 1 Funding, 2 Accountable, 3 Extending,
# 4 Implementing. The organiser (IOM on MMSP events) manages the activity on
# behalf of the funder, which IATI calls extending; agencies that carry the
# event out with it are implementing. IATI has no role for an agency that only
# takes part, so those are published as implementing partners too.
IATI_ORGANISATION_ROLE = {
    AgencyRole.ORGANISER: 3,
    AgencyRole.CO_ORGANISER: 4,
    AgencyRole.HOST: 4,
    AgencyRole.FUNDER: 1,
    AgencyRole.PARTICIPATING: 4,
}


class ParticipantRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    KEYNOTE = "keynote", _("Keynote speaker")
    ORGANISER = "organiser", pgettext_lazy("participant role", "Organiser")
    PARTICIPANT = "participant", _("Participant")


# Roles whose holders may be named on public pages, with their consent.
SPEAKING_ROLES = (ParticipantRole.SPEAKER, ParticipantRole.MODERATOR, ParticipantRole.KEYNOTE)


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("Other or not stated")


class AttachmentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    REPORT = "report", _("Report")
    PRESENTATION = "presentation", _("Presentation")
    OTHER = "other", _("Other document")


class DocumentLanguage(models.TextChoices):
    EN = "en", _("English")
    ZH_HANS = "zh-hans", _("Chinese")
    BILINGUAL = "bilingual", _("English and Chinese")
