"""The statistics dashboard: figures, charts, accessible tables, phase filter, languages."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.factories import EventAgencyFactory, EventFactory, PartnerAgencyFactory
from tests.outputs.test_stats import build_sample


@pytest.fixture
def sample(db):
    return build_sample()


def dashboard_url(lang="en"):
    with translation.override(lang):
        return reverse("activities:dashboard")


def table(html, chart_id):
    """The rows of one chart's table as lists of cell texts (header row first)."""
    match = re.search(rf'<table class="data-table" id="{chart_id}-table">(.*?)</table>', html, re.S)
    assert match, f"no table for {chart_id}"
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in rows
    ]


def test_dashboard_shows_hand_counted_figures(client, sample):
    response = client.get(dashboard_url())
    assert response.status_code == 200
    html = response.content.decode()

    years = table(html, "chart-years")
    assert years[0] == [
        "Year",
        "Regular migration (phase 1)",
        "Irregular migration (phase 1)",
        "Migration governance (phase 3)",
        "No pillar",
        "Activities",
    ]
    assert years[1:] == [
        ["2016", "2", "1", "0", "0", "2"],
        ["2017", "0", "0", "0", "1", "1"],
        ["2023", "0", "0", "1", "0", "1"],
        ["All years", "2", "1", "1", "1", "4"],
    ]
    assert table(html, "chart-types")[1:] == [
        ["Seminar", "2"],
        ["Forum", "1"],
        ["Workshop", "1"],
        ["All types", "4"],
    ]
    agencies = table(html, "chart-agencies")
    assert agencies[1] == ["International Organization for Migration (IOM)", "International", "3"]
    assert [row[2] for row in agencies[1:]] == ["3", "3", "2"]
    assert table(html, "chart-cities")[1:] == [["Beijing", "2"], ["Brussels", "1"]]
    assert "The place of 1 activity is not recorded." in html


def test_dashboard_shows_unknown_participants_as_unknown(client, sample):
    html = client.get(dashboard_url()).content.decode()
    participants = table(html, "chart-participants")
    assert participants[0] == [
        "Year",
        "Activities",
        "Activities with figures",
        "Participants (recorded)",
        "Women",
        "Share of women (where recorded)",
        "Activities without figures",
    ]
    rows = {row[0]: row for row in participants[1:]}
    assert rows["2016"] == ["2016", "2", "2", "150", "40", "40%", "0"]
    assert rows["2017"] == ["2017", "1", "0", "unknown", "unknown", "unknown", "1"]
    assert rows["All years"] == ["All years", "4", "3", "350", "130", "43%", "1"]
    sides = {row[0]: row for row in table(html, "chart-sides")[1:]}
    assert sides["2016"] == ["2016", "150", "50", "95", "33%", "63%"]
    assert sides["2023"] == ["2023", "200", "unknown", "unknown", "unknown", "unknown"]
    assert "1 activity has no recorded participant figures" in html
    # The chart labels the year without figures "unknown" rather than drawing a zero.
    svg = re.search(r'<svg[^>]*aria-labelledby="chart-participants-title".*?</svg>', html, re.S).group(0)
    assert ">unknown</text>" in svg


def test_dashboard_never_counts_drafts(client, sample):
    html = client.get(dashboard_url()).content.decode()
    assert "Shanghai" not in html
    assert "999" not in html
    assert "500" not in html


def test_dashboard_charts_are_inline_svg_with_accessible_tables(client, sample):
    html = client.get(dashboard_url()).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 12  # each chart drawn for a wide screen and for a phone
    for svg in svgs:
        root = ET.fromstring(svg)  # noqa: S314 -- our own output, parsed to check it
        assert root.get("role") == "img"
        assert root.find("{http://www.w3.org/2000/svg}title").text
    assert html.count("<caption>") == 6
    assert 'scope="col"' in html and 'scope="row"' in html
    # Everything is served by the portal: no external script, stylesheet or font.
    assert not re.search(r'src="(https?:)?//', html)
    assert not re.search(r'<link rel="(stylesheet|preload)"[^>]*href="(https?:)?//', html)
    assert "<script src" not in html


def test_dashboard_phase_filter(client, sample):
    response = client.get(dashboard_url(), {"phase": 3})
    html = response.content.decode()
    assert response.context["phase"] == sample.late
    assert table(html, "chart-types")[1:] == [["Forum", "1"], ["All types", "1"]]
    assert table(html, "chart-years")[0] == ["Year", "Migration governance", "Activities"]
    assert "export.csv?phase=3" in html


@pytest.mark.parametrize("value", ["99", "abc", "../"])
def test_dashboard_unknown_phase_is_reported_and_shows_all(client, sample, value):
    response = client.get(dashboard_url(), {"phase": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This phase does not exist" in html
    assert response.context["figures"].activities == 4


def test_dashboard_in_chinese(client, sample):
    response = client.get(dashboard_url("zh-hans"))
    html = response.content.decode()
    assert response.status_code == 200
    assert table(html, "chart-cities")[1:] == [["北京", "2"], ["布鲁塞尔", "1"]]
    assert "移民治理" in html
    assert "国际移民组织（IOM）" in html


def test_dashboard_without_activities(client, db):
    response = client.get(dashboard_url())
    assert response.status_code == 200
    assert "nothing to count" in response.content.decode()
    assert "<svg" not in response.content.decode()


@pytest.mark.parametrize("extra", [0, 4])
def test_dashboard_query_count_constant(client, sample, extra, django_assert_num_queries):
    for index in range(extra):
        event = EventFactory(
            phase=sample.early, pillars=[sample.one], participants_total=5 + index, city_en=f"City {index}"
        )
        EventAgencyFactory(event=event, agency=PartnerAgencyFactory())
    client.get(dashboard_url())  # warm any per-process cache (site navigation, translations)
    cache.clear()  # but not the page cache
    with django_assert_num_queries(8):
        response = client.get(dashboard_url())
    assert response.status_code == 200


def test_dashboard_is_served_from_the_page_cache_until_content_changes(
    client, sample, django_assert_num_queries
):
    first = client.get(dashboard_url()).content.decode()
    with django_assert_num_queries(0):
        again = client.get(dashboard_url()).content.decode()
    assert again == first

    EventFactory(phase=sample.early, pillars=[sample.one], participants_total=1234, city_en="Lanzhou")

    assert "Lanzhou" in client.get(dashboard_url()).content.decode()
    assert "Lanzhou" not in first


def test_chart_labels_are_escaped(client, sample):
    agency = PartnerAgencyFactory(name_en="Bureau <script>alert(1)</script> & Co", acronym_en="")
    for event in sample.events:
        EventAgencyFactory(event=event, agency=agency, role="participating")
    html = client.get(dashboard_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    svg = re.search(r'<svg[^>]*aria-labelledby="chart-agencies-title".*?</svg>', html, re.S).group(0)
    ET.fromstring(svg)  # noqa: S314 -- our own output, parsed to check it is well-formed
    assert "&lt;script&gt;" in svg


@pytest.mark.parametrize(
    ("maximum", "ticks"),
    [
        (0, [0, 1]),
        (4, [0, 1, 2, 3, 4]),
        (7, [0, 2, 4, 6, 8]),
        (43, [0, 10, 20, 30, 40, 50]),
        (350, [0, 100, 200, 300, 400]),
    ],
)
def test_chart_axes_use_round_ticks(maximum, ticks):
    from outputs.charts import _ticks

    assert _ticks(maximum) == (ticks, ticks[-1])


def test_dashboard_phone_charts_fit_their_width_and_keep_every_label():
    from outputs import charts

    long_name = "Organizing and facilitating regular migration and mobility (phase 1)"
    svg = charts.stacked_rows(
        "c", "Title", ["2018", "2019"], [charts.Series(long_name, [1, 2]), charts.Series("Other", [3, 0])]
    )
    root = ET.fromstring(svg)  # noqa: S314 -- our own output, parsed to check it
    assert root.get("viewBox").split()[2] == str(charts.NARROW)
    texts = [element.text for element in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"2018", "2019", "4", "2", "Other"} <= set(texts)
    legend = next(text for text in texts if text.startswith("Organizing"))
    assert legend.endswith("…") and charts._text_width(legend) <= charts.NARROW - 18
    bars = charts.labelled_rows("d", "Title", ["Field or study visit", "Seminar"], [1, 3])
    labels = [e.text for e in ET.fromstring(bars).iter("{http://www.w3.org/2000/svg}text")]  # noqa: S314
    assert labels == ["Field or study visit", "1", "Seminar", "3"]
