"""The admin of a working day (issue 14): short pillar labels narrowed to the phase, a translation
column in the user's words and punctuation, django-axes and the library's catalogue in Chinese."""

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext, override

from activities.forms import EventAdminForm, pillar_label
from activities.models import Event
from tests.factories import EventFactory, PhaseFactory, PillarFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "II · Regular migration"), ("zh-hans", "二 · 正常移民")]
)
def test_pillar_label_is_the_phase_numeral_and_the_pillar(language, expected):
    pillar = PillarFactory(
        phase=PhaseFactory(number=2, name_en="Phase II of a long project name"),
        name_en="Regular migration",
        name_zh_hans="正常移民",
    )

    with override(language):
        assert pillar_label(pillar) == expected


def test_pillar_boxes_carry_their_phase_and_the_narrowing_script():
    phase = PhaseFactory(number=2)
    pillar = PillarFactory(phase=phase, name_en="Mobility")

    form = EventAdminForm()
    html = str(form["pillars"])

    assert f'value="{pillar.pk}"' in html and f'data-phase="{phase.pk}"' in html
    assert "II · Mobility" in html and phase.name_en not in html
    assert "core/admin/phase_pillars.js" in str(form.media)


def test_add_form_serves_the_pillar_script(admin_client):
    PillarFactory()
    html = admin_client.get(reverse("admin:activities_event_add"), **EN).content.decode()

    assert "/static/core/admin/phase_pillars.js" in html
    assert 'data-phase="' in html


def test_translation_column_uses_verbose_names_and_chinese_punctuation(admin_client):
    EventFactory(title_en="Seminar", title_zh_hans="", summary_zh_hans="")

    english = admin_client.get(reverse("admin:activities_event_changelist"), **EN).content.decode()
    chinese = admin_client.get(reverse("admin:activities_event_changelist"), **ZH).content.decode()

    assert "Chinese: missing: title, summary" in english, re.findall(
        r"translation-state--[a-z]+\">[^<]*", english
    )
    assert "中文：缺少标题、摘要" in chinese
    for code in ("title_zh_hans", "缺少：", "中文: ", "EN:"):
        assert code not in chinese


def test_publication_refusal_lists_missing_texts_with_the_enumeration_comma():
    from core.workflow import missing_for_publication, transition_error

    values = {"title_en": "Seminar", "title_zh_hans": "", "summary_en": "Text", "summary_zh_hans": ""}
    with override("zh-hans"):
        message = transition_error(user=None, model=Event, current="draft", target="published", values=values)
        assert "中文标题、中文摘要" in message and ", " not in message
        assert len(missing_for_publication(Event, values)) == 2


def test_axes_records_are_named_in_chinese_on_the_admin_index(admin_client):
    html = admin_client.get(reverse("admin:index"), **ZH).content.decode()

    assert "登录防护" in html and "登录尝试" in html and "登录失败" in html and "登录日志" in html
    for english in ("Access attempts", "Access failures", "Access logs", ">Axes<"):
        assert english not in html


def test_our_catalogue_takes_precedence_over_django_import_exports():
    """django-import-export's Chinese reads "某些行验数据证失败"; LOCALE_PATHS comes before any
    app's catalogue, so ours is the one used."""
    with override("zh-hans"):
        assert gettext("Some rows failed to validate") == "部分行的数据未通过验证"


def test_chinese_forms_end_labels_with_a_full_width_colon(admin_client):
    html = admin_client.get(reverse("admin:activities_event_import"), **ZH).content.decode()

    assert "格式：" in html and "格式:" not in html
