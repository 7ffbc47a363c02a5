"""Bar charts drawn on the server as inline SVG: no script, no charting library, no CDN.

The charts only draw; every figure they show is also in the accessible table beside them, so the
SVG is labelled as an image whose figures are in that table. Labels arrive already translated.
ElementTree builds the markup, so names with ``<`` or ``&`` are escaped.
"""

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from django.utils import formats, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from activities.enums import EventType
from core.formatting import list_separator as _list_separator

from .stats import year_label


# Okabe-Ito: told apart by readers with the common colour-vision deficiencies.
def _tooltip(label, value):
    # Translators: a chart bar's tooltip ("2023, Women: 12"); Chinese uses a full-width colon.
    return pgettext("chart tooltip", "%(label)s: %(value)s") % {"label": label, "value": value}


PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
UNKNOWN_COLOUR = "#BBBBBB"
FONT_SIZE = 12
# Each chart is drawn twice: WIDE for screens from 45rem, NARROW (rows instead of columns, labels
# above their bars) for phones. Drawn at about the width it is shown at, its text stays at 12 px
# or more: the wide drawing shrunk onto a phone wrote its legends at 6 px.
NARROW = 340


@dataclass
class Series:
    name: str
    values: list
    colour: str = ""


def _ticks(maximum, most=5):
    """Round tick values from 0 to at or above maximum, at most ``most`` steps: 1, 2 or 5 times 10^n."""
    maximum = max(maximum, 1)
    power = 10 ** max(math.floor(math.log10(maximum / most)), 0)
    step = next(power * factor for factor in (1, 2, 5, 10) if maximum / (power * factor) <= most)
    top = math.ceil(maximum / step) * step
    return list(range(0, top + 1, step)), top


def _text_width(text):
    """Rough width of text in pixels at FONT_SIZE: Chinese characters are about twice as wide."""
    return sum(FONT_SIZE * (1.0 if ord(char) > 0x2E7F else 0.56) for char in str(text))


def _shorten(text, width):
    """text cut to fit width pixels, with an ellipsis; the full text stays in the bar's tooltip."""
    text = str(text)
    if _text_width(text) <= width:
        return text
    while text and _text_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _svg(chart_id, title, width, height):
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {width} {height}",
            "class": "chart",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title",
            "font-size": str(FONT_SIZE),
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = str(title)
    return svg


def _text(parent, x, y, content, **attrs):
    attrs = {key.replace("_", "-"): str(value) for key, value in attrs.items()}
    element = ET.SubElement(parent, "text", {"x": f"{x:.1f}", "y": f"{y:.1f}", **attrs})
    element.text = str(content)
    return element


def _rect(parent, x, y, width, height, colour, tooltip):
    rect = ET.SubElement(
        parent,
        "rect",
        {
            "x": f"{x:.1f}",
            "y": f"{y:.1f}",
            "width": f"{width:.1f}",
            "height": f"{height:.1f}",
            "fill": colour,
        },
    )
    ET.SubElement(rect, "title").text = str(tooltip)
    return rect


def _render(svg):
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 -- ElementTree escaped every text


def _colours(series):
    for index, item in enumerate(series):
        if not item.colour:
            item.colour = PALETTE[index % len(PALETTE)]
    return series


def stacked_columns(
    chart_id, title, categories, series, *, stack_labels=None, axis_label="", width=680, plot_height=220
):
    """Vertical bars, one per category (a year), stacked by series, with a legend underneath.

    ``series`` values are counts aligned with ``categories``; the total of each stack is written
    above it, unless ``stack_labels`` gives another text (such as "unknown" for a year without
    any recorded figure, which must not read as zero).
    """
    series = _colours(list(series))
    left, right, top, bottom = 44, 12, 30 if axis_label else 18, 28
    legend_top = top + plot_height + bottom + 8
    height = legend_top + 20 * len(series) + 4
    svg = _svg(chart_id, title, width, height)
    totals = [sum(item.values[i] or 0 for item in series) for i in range(len(categories))]
    ticks, axis_max = _ticks(max(totals, default=0))
    plot_width = width - left - right
    scale = plot_height / axis_max
    base = top + plot_height

    axis = ET.SubElement(svg, "g", {"class": "chart-axis", "aria-hidden": "true"})
    for tick in ticks:
        y = base - tick * scale
        ET.SubElement(
            axis,
            "line",
            {
                "x1": str(left),
                "x2": str(width - right),
                "y1": f"{y:.1f}",
                "y2": f"{y:.1f}",
                "stroke": "#DDDDDD",
            },
        )
        _text(axis, left - 6, y + 4, tick, text_anchor="end")
    if axis_label:
        _text(axis, left, top - 6, axis_label)

    slot = plot_width / max(len(categories), 1)
    bar_width = min(slot * 0.7, 56)
    bars = ET.SubElement(svg, "g", {"class": "chart-bars"})
    for index, category in enumerate(categories):
        x = left + slot * index + (slot - bar_width) / 2
        y = base
        for item in series:
            value = item.values[index] or 0
            if not value:
                continue
            height_px = value * scale
            y -= height_px
            tooltip = _tooltip(f"{category}{_list_separator()}{item.name}", value)
            _rect(bars, x, y, bar_width, height_px, item.colour, tooltip)
        label = stack_labels[index] if stack_labels else totals[index]
        _text(bars, x + bar_width / 2, y - 4, label, text_anchor="middle")
        _text(bars, x + bar_width / 2, base + 16, category, text_anchor="middle")

    _legend(svg, series, legend_top, left, width)
    return _render(svg)


def stacked_rows(chart_id, title, categories, series, *, stack_labels=None, axis_label="", width=NARROW):
    """stacked_columns for a phone: one horizontal stacked bar per category, legend underneath."""
    series = _colours(list(series))
    left, right, top, bar_height, gap = 40, 52, 22 if axis_label else 4, 18, 8
    legend_top = top + (bar_height + gap) * len(categories) + 8
    height = legend_top + 20 * len(series) + 4
    svg = _svg(chart_id, title, width, height)
    totals = [sum(item.values[i] or 0 for item in series) for i in range(len(categories))]
    scale = (width - left - right) / max(max(totals, default=0), 1)
    if axis_label:
        _text(svg, 0, 14, _shorten(axis_label, width))
    bars = ET.SubElement(svg, "g", {"class": "chart-bars"})
    for index, category in enumerate(categories):
        y = top + (bar_height + gap) * index
        x = left
        _text(bars, left - 6, y + bar_height * 0.72, category, text_anchor="end")
        for item in series:
            value = item.values[index] or 0
            if not value:
                continue
            _rect(
                bars, x, y, value * scale, bar_height, item.colour,
                _tooltip(f"{category}{_list_separator()}{item.name}", value),
            )
            x += value * scale
        label = stack_labels[index] if stack_labels else totals[index]
        _text(bars, x + 4, y + bar_height * 0.72, label)
    _legend(svg, series, legend_top, 0, width)
    return _render(svg)


def _legend(svg, series, top, left, width):
    legend = ET.SubElement(svg, "g", {"class": "chart-legend"})
    for index, item in enumerate(series):
        y = top + 20 * index
        ET.SubElement(
            legend, "rect", {"x": str(left), "y": str(y), "width": "12", "height": "12", "fill": item.colour}
        )
        text = _text(legend, left + 18, y + 10, _shorten(item.name, width - left - 18))
        ET.SubElement(text, "title").text = str(item.name)


def labelled_rows(chart_id, title, labels, values, *, colour=PALETTE[0], tooltips=None, width=NARROW):
    """horizontal_bars for a phone: each label on its own line above its bar, so it is not cut."""
    tooltips = tooltips or labels
    right, row, label_height, bar_height = 48, 40, 16, 14
    svg = _svg(chart_id, title, width, max(row * len(labels), 30))
    scale = (width - right) / (max(values, default=0) or 1)
    bars = ET.SubElement(svg, "g", {"class": "chart-bars"})
    for index, (label, value, tooltip) in enumerate(zip(labels, values, tooltips, strict=True)):
        y = row * index
        _text(bars, 0, y + 12, _shorten(label, width))
        bar_width = max(value * scale, 1)
        _rect(bars, 0, y + label_height + 2, bar_width, bar_height, colour, _tooltip(tooltip, value))
        _text(bars, bar_width + 6, y + label_height + 2 + bar_height * 0.8, value)
    return _render(svg)


def horizontal_bars(
    chart_id, title, labels, values, *, colour=PALETTE[0], tooltips=None, width=680, bar_height=20
):
    """One horizontal bar per label (a type, an agency, a city), the value written at its end.

    ``tooltips`` gives each bar a fuller name than its label, if needed.
    """
    tooltips = tooltips or labels
    left, right, top = 230, 48, 6
    gap = 8
    height = top + (bar_height + gap) * len(labels) + 4
    svg = _svg(chart_id, title, width, max(height, 30))
    maximum = max(values, default=0) or 1
    scale = (width - left - right) / maximum
    bars = ET.SubElement(svg, "g", {"class": "chart-bars"})
    for index, (label, value, tooltip) in enumerate(zip(labels, values, tooltips, strict=True)):
        y = top + (bar_height + gap) * index
        _text(bars, left - 8, y + bar_height * 0.7, _shorten(label, left - 12), text_anchor="end")
        bar_width = max(value * scale, 1)
        _rect(bars, left, y, bar_width, bar_height, colour, _tooltip(tooltip, value))
        _text(bars, left + bar_width + 6, y + bar_height * 0.7, value)
    return _render(svg)


# --- The dashboard's charts, each with the same figures as a table ---------------------------


@dataclass
class ChartBlock:
    """One chart of the dashboard and the accessible table holding the same figures."""

    id: str
    title: str
    svg: str
    svg_narrow: str
    columns: list
    rows: list
    footer: list = None
    notes: list = None


def number(value):
    """A count for a table cell; None (never recorded) reads "unknown", not 0."""
    if value is None:
        return gettext("unknown")
    return formats.number_format(value, force_grouping=True)


def percent(share):
    if share is None:
        return gettext("unknown")
    # Translators: a share as a percentage, e.g. "42%".
    return gettext("%(value)s%%") % {"value": formats.number_format(round(share * 100))}


def pillar_label(pillar, *, with_phase):
    if not with_phase:
        return pillar.name
    # Translators: a pillar in the dashboard when all phases are shown: "Labour migration (phase 2)".
    return gettext("%(pillar)s (phase %(number)s)") % {"pillar": pillar.name, "number": pillar.phase.number}


def agency_label(agency):
    return str(agency)


def city_label(city):
    if (translation.get_language() or "en") == "zh-hans" and city.city_zh_hans:
        return city.city_zh_hans
    return city.city_en


def dashboard_charts(figures):
    """The dashboard's chart blocks for a stats.Dashboard, labelled in the active language."""
    if not figures.activities:
        return []
    return [
        _years_and_pillars(figures),
        _types(figures),
        _participants_gender(figures),
        _participants_sides(figures),
        _agencies(figures),
        _cities(figures),
    ]


def _years_and_pillars(figures):
    data = figures.by_year_and_pillar
    names = [pillar_label(pillar, with_phase=figures.phase is None) for pillar in data.pillars]
    if data.has_unassigned:
        names.append(gettext("No pillar"))
    years = [year_label(row.year) for row in data.rows]
    series = [Series(name, [row.counts[i] for row in data.rows]) for i, name in enumerate(names)]
    if data.has_unassigned:
        series[-1].colour = UNKNOWN_COLOUR
    title = gettext("Activities per year and pillar")
    axis_label = gettext("Activities, counted under each of their pillars") if data.multi_pillar else ""
    notes = []
    if data.multi_pillar:
        notes.append(
            gettext(
                "An activity with several pillars counts once under each of them, so a year's pillar "
                "columns can add up to more than its number of activities."
            )
        )
    return ChartBlock(
        id="chart-years",
        title=title,
        # The stacks show what is drawn (pillar counts); the table also gives the activities per year.
        svg=stacked_columns("chart-years", title, years, series, axis_label=axis_label),
        svg_narrow=stacked_rows("chart-years-narrow", title, years, series, axis_label=axis_label),
        columns=[gettext("Year"), *names, gettext("Activities")],
        rows=[[year_label(row.year), *map(number, row.counts), number(row.activities)] for row in data.rows],
        footer=[
            gettext("All years"),
            *(number(sum(row.counts[i] for row in data.rows)) for i in range(len(names))),
            number(figures.activities),
        ],
        notes=notes,
    )


def _types(figures):
    labels = [str(EventType(row.type).label) for row in figures.by_type]
    values = [row.activities for row in figures.by_type]
    title = gettext("Activities per type")
    return ChartBlock(
        id="chart-types",
        title=title,
        svg=horizontal_bars("chart-types", title, labels, values),
        svg_narrow=labelled_rows("chart-types-narrow", title, labels, values),
        columns=[gettext("Type"), gettext("Activities")],
        rows=[[label, number(value)] for label, value in zip(labels, values, strict=True)],
        footer=[gettext("All types"), number(figures.activities)],
    )


def _unknown_notes(overall):
    if not overall.without_total:
        return []
    return [
        ngettext(
            "%(count)s activity has no recorded participant figures: it is left out of the sums, "
            "not counted as zero.",
            "%(count)s activities have no recorded participant figures: they are left out of the sums, "
            "not counted as zero.",
            overall.without_total,
        )
        % {"count": number(overall.without_total)}
    ]


def _participants_gender(figures):
    data = figures.participants
    years = [year_label(row.year) for row in data.rows]
    series = [
        Series(gettext("Women"), [row.figures.women for row in data.rows]),
        Series(gettext("Men"), [row.figures.men for row in data.rows]),
        Series(
            gettext("Gender not recorded"),
            [row.figures.gender_not_recorded for row in data.rows],
            UNKNOWN_COLOUR,
        ),
    ]
    title = gettext("Participants per year, women and men")
    totals = [number(row.figures.known_total) for row in data.rows]

    def cells(label, f):
        return [
            label,
            number(f.activities),
            number(f.with_total),
            number(f.known_total),
            number(f.known_women),
            percent(f.women_share),
            number(f.without_total),
        ]

    return ChartBlock(
        id="chart-participants",
        title=title,
        svg=stacked_columns("chart-participants", title, years, series, stack_labels=totals),
        svg_narrow=stacked_rows("chart-participants-narrow", title, years, series, stack_labels=totals),
        columns=[
            gettext("Year"),
            gettext("Activities"),
            gettext("Activities with figures"),
            gettext("Participants (recorded)"),
            gettext("Women"),
            gettext("Share of women (where recorded)"),
            gettext("Activities without figures"),
        ],
        rows=[cells(year_label(row.year), row.figures) for row in data.rows],
        footer=cells(gettext("All years"), data.overall),
        notes=_unknown_notes(data.overall),
    )


def _participants_sides(figures):
    data = figures.participants
    years = [year_label(row.year) for row in data.rows]
    series = [
        Series(gettext("EU side"), [row.figures.eu for row in data.rows]),
        Series(gettext("China side"), [row.figures.china for row in data.rows]),
        Series(
            gettext("Other or side not recorded"),
            [row.figures.side_not_recorded for row in data.rows],
            UNKNOWN_COLOUR,
        ),
    ]
    title = gettext("Participants per year, EU side and China side")
    totals = [number(row.figures.known_total) for row in data.rows]

    def cells(label, f):
        return [
            label,
            number(f.known_total),
            number(f.known_eu),
            number(f.known_china),
            percent(f.eu_share),
            percent(f.china_share),
        ]

    return ChartBlock(
        id="chart-sides",
        title=title,
        svg=stacked_columns("chart-sides", title, years, series, stack_labels=totals),
        svg_narrow=stacked_rows("chart-sides-narrow", title, years, series, stack_labels=totals),
        columns=[
            gettext("Year"),
            gettext("Participants (recorded)"),
            gettext("EU side"),
            gettext("China side"),
            gettext("EU share (where recorded)"),
            gettext("China share (where recorded)"),
        ],
        rows=[cells(year_label(row.year), row.figures) for row in data.rows],
        footer=cells(gettext("All years"), data.overall),
        notes=_unknown_notes(data.overall),
    )


def _agencies(figures):
    ranking = figures.agencies
    labels = [agency_label(item.agency) for item in ranking.top]
    # The chart's narrow label column shows acronyms where there are; the table gives full names.
    short = [item.agency.acronym or item.agency.name for item in ranking.top]
    values = [item.activities for item in ranking.top]
    title = gettext("Most engaged partner agencies")
    return ChartBlock(
        id="chart-agencies",
        title=title,
        svg=horizontal_bars("chart-agencies", title, short, values, colour=PALETTE[2], tooltips=labels),
        svg_narrow=labelled_rows(
            "chart-agencies-narrow", title, short, values, colour=PALETTE[2], tooltips=labels
        ),
        columns=[gettext("Partner agency"), gettext("Side"), gettext("Activities")],
        rows=[
            [label, str(item.agency.get_side_display()), number(item.activities)]
            for label, item in zip(labels, ranking.top, strict=True)
        ],
        notes=[
            ngettext(
                "%(count)s partner agency is named on at least one of these activities.",
                "%(count)s partner agencies are named on at least one of these activities.",
                ranking.engaged,
            )
            % {"count": number(ranking.engaged)}
        ],
    )


def _cities(figures):
    ranking = figures.cities
    labels = [city_label(city) for city in ranking.cities]
    values = [city.activities for city in ranking.cities]
    title = gettext("Where the activities took place")
    notes = [
        ngettext(
            "Activities took place in %(count)s city.",
            "Activities took place in %(count)s cities.",
            ranking.total_cities,
        )
        % {"count": number(ranking.total_cities)}
    ]
    if ranking.without_city:
        notes.append(
            ngettext(
                "The place of %(count)s activity is not recorded.",
                "The place of %(count)s activities is not recorded.",
                ranking.without_city,
            )
            % {"count": number(ranking.without_city)}
        )
    return ChartBlock(
        id="chart-cities",
        title=title,
        svg=horizontal_bars("chart-cities", title, labels, values, colour=PALETTE[1]),
        svg_narrow=labelled_rows("chart-cities-narrow", title, labels, values, colour=PALETTE[1]),
        columns=[gettext("City"), gettext("Activities")],
        rows=[[label, number(value)] for label, value in zip(labels, values, strict=True)],
        notes=notes,
    )
