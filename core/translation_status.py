"""Which texts of a record are missing in a language, and which translations are out of date.

Staff write in either language, so neither is "the" source. Beside each translated field we keep,
per language, a fingerprint of the other language's text as it stood when this language's text
was written (or last confirmed by a translator). When the other text later changes, the
fingerprints no longer match and that translation is out of date, field by field. Writing the
translation again, or confirming it, records a fresh fingerprint and clears the mark.
"""

import hashlib

from django.db import models
from django.db.models.signals import pre_save
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

LANGUAGES = ("en", "zh-hans")
OTHER = {"en": "zh-hans", "zh-hans": "en"}


class TranslationTracked(models.Model):
    """A model whose translations are watched for going out of date."""

    translation_fingerprints = models.JSONField(default=dict, blank=True, editable=False)
    translation_out_of_date = models.BooleanField(
        _("translation out of date"), default=False, editable=False, db_index=True
    )

    class Meta:
        abstract = True


def translated_fields(model):
    """The base names of a model's translated fields (``title``, ``summary``...)."""
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def translated_originals(model):
    """The untranslated original columns modeltranslation keeps (``title``): history leaves them out,
    as the per-language columns already hold every text."""
    return list(translated_fields(model))


def localized(field, language):
    return build_localized_fieldname(field, language)


def fingerprint(text):
    """A short, stable digest of a text, ignoring surrounding white space."""
    return hashlib.sha256((text or "").strip().encode()).hexdigest()[:16]


def _text(values, field, language):
    return (values.get(localized(field, language)) or "").strip()


def _values(obj, fields):
    return {localized(f, lang): getattr(obj, localized(f, lang)) for f in fields for lang in LANGUAGES}


def missing_fields(obj, fields=None):
    """{language: [field, ...]} of texts present in one language but missing in the other."""
    fields = fields or translated_fields(type(obj))
    values = _values(obj, fields)
    missing = {lang: [] for lang in LANGUAGES}
    for field in fields:
        for lang in LANGUAGES:
            if _text(values, field, OTHER[lang]) and not _text(values, field, lang):
                missing[lang].append(field)
    return missing


def stale_fields(obj):
    """Localized field names (``summary_zh_hans``) whose translation is out of date."""
    fingerprints = obj.translation_fingerprints or {}
    stale = []
    for field in translated_fields(type(obj)):
        entry = fingerprints.get(field, {})
        for lang in LANGUAGES:
            own = (getattr(obj, localized(field, lang)) or "").strip()
            other = (getattr(obj, localized(field, OTHER[lang])) or "").strip()
            recorded = entry.get(lang)
            if own and other and recorded and recorded != fingerprint(other):
                stale.append(localized(field, lang))
    return stale


def refresh_fingerprints(obj, previous):
    """Update ``obj``'s fingerprints for a save, given the stored values (None for a new record).

    Editing a text that was out of date is taken as bringing the translation up to date; editing
    one that was in step is taken as a change of the source, which the other language must follow.
    """
    fields = translated_fields(type(obj))
    new = _values(obj, fields)
    old = previous or {}
    fingerprints = {}
    for field in fields:
        entry = dict((obj.translation_fingerprints or {}).get(field, {}))
        was_stale = {
            lang: bool(entry.get(lang))
            and bool(_text(old, field, OTHER[lang]))
            and entry[lang] != fingerprint(_text(old, field, OTHER[lang]))
            for lang in LANGUAGES
        }
        for lang in LANGUAGES:
            other = OTHER[lang]
            own_now, other_now = _text(new, field, lang), _text(new, field, other)
            own_before, other_before = _text(old, field, lang), _text(old, field, other)
            if not own_now or not other_now:
                # Nothing to compare yet: the first translation made starts the record.
                entry.pop(lang, None)
            elif previous is None or own_now != own_before or not other_before:
                # Written now, or the other text was only just added as its translation: in step.
                entry[lang] = fingerprint(other_now)
            elif other_now != other_before and was_stale[other]:
                # The other text was out of date and has just been brought up to date.
                entry[lang] = fingerprint(other_now)
            elif lang not in entry:
                # A record from before fingerprints: take the stored texts as in step.
                entry[lang] = fingerprint(other_before)
        if entry:
            fingerprints[field] = entry
    obj.translation_fingerprints = fingerprints
    obj.translation_out_of_date = bool(stale_fields(obj))


def confirm_translations(obj):
    """A translator checked the texts: every present translation is now in step."""
    fingerprints = {}
    for field in translated_fields(type(obj)):
        entry = {}
        for lang in LANGUAGES:
            own = (getattr(obj, localized(field, lang)) or "").strip()
            other = (getattr(obj, localized(field, OTHER[lang])) or "").strip()
            if own and other:
                entry[lang] = fingerprint(other)
        if entry:
            fingerprints[field] = entry
    obj.translation_fingerprints = fingerprints
    obj.translation_out_of_date = False


def _before_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, TranslationTracked):
        return
    if update_fields is not None and not {"translation_fingerprints"} & set(update_fields):
        return
    fields = translated_fields(sender)
    previous = None
    if instance.pk is not None and not instance._state.adding:
        names = [localized(f, lang) for f in fields for lang in LANGUAGES]
        previous = sender._base_manager.filter(pk=instance.pk).values(*names).first()
    refresh_fingerprints(instance, previous)


def connect():
    """Watch every save of a tracked model (called once, from AppConfig.ready)."""
    pre_save.connect(_before_save, dispatch_uid="translation-fingerprints")


def terminology_issues(obj):
    """{localized field: [rejected variant, ...]} for Chinese texts that use a variant the glossary
    rejects (locale/glossary.csv), outside quotations and records quoting their source verbatim."""
    from .glossary import quotes_its_source, rejected_variants

    if quotes_its_source(obj):
        return {}
    issues = {}
    for field in translated_fields(type(obj)):
        name = localized(field, "zh-hans")
        found = rejected_variants(getattr(obj, name, "") or "")
        if found:
            issues[name] = sorted({variant for variant, _term in found})
    return issues
