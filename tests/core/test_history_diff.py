"""The history's changes as staff read them (core.history_diff): whole words, labels, no "None"."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from activities.models import Event
from core.history_diff import display_value, word_diff
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def test_word_diff_marks_whole_english_words():
    diff = word_diff("China-EU forum on migration", "China-EU seminar on labour migration")

    assert diff == "China-EU <del>forum</del><ins>seminar</ins> on <ins>labour </ins>migration"


def test_word_diff_marks_chinese_by_character():
    diff = word_diff("中欧移民和人员流动论坛", "中欧移民和人员往来论坛")

    assert diff == "中欧移民和人员<del>流动</del><ins>往来</ins>论坛"


def test_word_diff_shortens_long_unchanged_text_to_whole_words_near_the_change():
    before = "The seminar discussed " + "the protection of the rights of workers " * 5 + "in Beijing."
    after = before.replace("in Beijing.", "in Shanghai.")

    diff = word_diff(before, after)

    assert diff.startswith("…") and diff.endswith("<del>Beijing</del><ins>Shanghai</ins>.")
    assert "[" not in diff and "chars" not in diff
    kept = diff[1 : diff.index("<del>")]
    assert kept.startswith(" ") or kept.split(" ")[0] in {
        "the",
        "protection",
        "of",
        "rights",
        "workers",
        "in",
    }


def test_word_diff_escapes_both_sides():
    diff = word_diff("Forum", "<script>alert(1)</script> forum")

    assert "<script>" not in diff
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in diff


def test_display_value_gives_labels_and_nothing_for_empty():
    status = Event._meta.get_field("status")
    with override("zh-hans"):
        assert display_value(status, "in_review") == "审核中"
    with override("en"):
        assert display_value(status, "in_review") == "In review"
    assert display_value(Event._meta.get_field("summary_en"), None) is None
    assert display_value(
        Event._meta.get_field("body_en"), "<p>Two <strong>words</strong></p>", rich=True
    ) == ("Two words")


@pytest.mark.parametrize(
    ("headers", "expected", "absent"),
    [
        (EN, ["In review", "Title (English)", "(empty)", "<del>forum</del>"], ["in_review", "None", "[en]"]),
        (ZH, ["审核中", "标题（英文）", "（空）", "<del>forum</del>"], ["in_review", "None", "In review"]),
    ],
    ids=["en", "zh-hans"],
)
def test_history_page_shows_readable_escaped_changes(admin_client, headers, expected, absent):
    event = EventFactory(title_en="China-EU forum", venue_en="", status="draft")
    event.title_en = "China-EU <script>alert(1)</script> seminar"
    event.status = "in_review"
    event.venue_en = "Beijing"
    event.save()

    html = admin_client.get(
        reverse("admin:activities_event_history", args=[event.pk]), **headers
    ).content.decode()

    changes = html[html.index('id="change-history"') :]
    for text in expected:
        assert text in changes
    for text in absent:
        assert text not in changes
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in changes
