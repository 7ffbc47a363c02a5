"""The Chinese catalogue is complete: a new interface string left untranslated fails here."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

PROJECT = Path(settings.BASE_DIR)
CATALOGUE = Path("locale/zh_Hans/LC_MESSAGES/django.po")
SOURCES = [
    "manage.py", "mmsp", "core", "partners", "activities", "newsletters", "outputs", "templates", "locale"
]


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """The catalogue as makemessages would write it for today's sources, in a copy of the tree."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext (xgettext) is needed to check the catalogue: apt-get install gettext")
    tree = tmp_path_factory.mktemp("tree")
    for name in SOURCES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(source, tree / name)
    subprocess.run(  # noqa: S603 -- our own interpreter and fixed arguments
        [sys.executable, "manage.py", "makemessages", "--locale", "zh_Hans", "--no-obsolete"]
        + ["--extension", "html,txt,py,css"]
        + ["--verbosity", "0"],
        cwd=tree,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "mmsp.settings.test", "PATH": "/usr/bin:/bin"},
    )
    return polib.pofile(str(tree / CATALOGUE))


def test_catalogue_has_no_untranslated_string(fresh_catalogue):
    missing = [entry.msgid for entry in fresh_catalogue.untranslated_entries()]
    assert missing == [], f"{len(missing)} strings lack a Chinese translation: {missing[:20]}"


def test_catalogue_has_no_fuzzy_string(fresh_catalogue):
    fuzzy = [entry.msgid for entry in fresh_catalogue.fuzzy_entries() if not entry.obsolete]
    assert fuzzy == []


def test_committed_catalogue_is_up_to_date(fresh_catalogue):
    committed = {entry.msgid for entry in polib.pofile(str(PROJECT / CATALOGUE)) if not entry.obsolete}
    fresh = {entry.msgid for entry in fresh_catalogue if not entry.obsolete}
    assert fresh - committed == set(), "run `make check-po` and translate the new strings"


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [("English only", "仅提供英文"), ("Activities", "活动"), ("Partners", "合作伙伴")],
)
def test_known_strings_come_out_in_chinese(msgid, expected):
    with translation.override("zh-hans"):
        assert translation.gettext(msgid) == expected
