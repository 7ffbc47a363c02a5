from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from pypinyin import lazy_pinyin

from core import uploads
from core.translation_status import TranslationTracked

from .enums import AgencyKind, Side


def pinyin_sort_key(text):
    """Latin letters for a Chinese name, so lists sort the way Chinese readers expect."""
    return " ".join(lazy_pinyin(text or "")).lower()[:255]


class PartnerAgencyQuerySet(models.QuerySet):
    def by_side(self, side):
        return self.filter(side=side)


class PartnerAgency(TranslationTracked):
    """A ministry, EU body, embassy or organisation that takes part in the project."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    side = models.CharField(_("side"), max_length=20, choices=Side.choices, db_index=True)
    kind = models.CharField(_("kind"), max_length=40, choices=AgencyKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    country = CountryField(_("country"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # Checked as photos are, stored under a random name, without metadata (core.uploads).
    logo = models.ImageField(
        _("logo"),
        upload_to=uploads.logo_upload_to,
        validators=[uploads.validate_photo],
        blank=True,
        help_text=_("JPEG, PNG or WebP, at most 10 MB."),
    )
    description = models.TextField(_("description"), blank=True)
    sources = models.TextField(
        _("sources (staff only)"),
        blank=True,
        help_text=_(
            "The documents this record is taken from, and what was read into them. "
            "Never shown to the public."
        ),
    )
    # Derived from the Chinese name on save: the database can then order
    # Chinese lists by pinyin without sorting in Python.
    pinyin_sort = models.CharField(max_length=255, editable=False, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PartnerAgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("partner agency")
        verbose_name_plural = _("partner agencies")
        permissions = [("translate_partneragency", _("Can translate the texts of partner agencies"))]

    def __str__(self):
        if self.acronym:
            # " (IOM)" in English, "（IOM）" in Chinese: the parenthesis follows the language.
            return self.name + pgettext("parenthesis after text", " (%(text)s)") % {"text": self.acronym}
        return self.name

    def save(self, *args, **kwargs):
        self.pinyin_sort = pinyin_sort_key(self.name_zh_hans or self.name_en)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("partners:detail", kwargs={"slug": self.slug})
