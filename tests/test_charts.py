"""Charts drawn from templates: accessible, inlinable under the CSP, honest axes."""

import math
import re
import xml.etree.ElementTree as ET

import pytest

from sprintlab.reporting import charts
from sprintlab.reporting.html import environment
from sprintlab.reporting.summary import Difference, Ranked

SVG = "{http://www.w3.org/2000/svg}"
TRICKY = (
    "Brief $\\frac{1}{$ <script>alert(1)</script> & een heel lang label dat wel"
    " wat regels nodig heeft"
)
WORDS = {
    "title": "A full chart title that is never cut off",
    "description": "What the chart shows.",
    "axis_name": "difference (scale points)",
    "towards_low": "← less",
    "towards_high": "more →",
    "x_name": "Intrusiveness",
    "y_name": "Helpfulness",
    "x_less": "← less intrusive",
    "x_more": "more intrusive →",
    "y_more": "↑ more helpful",
    "control": "control",
}


def difference(estimate, low, high, decision="unclear", unit="likert7"):
    widest = 100.0 if unit == "yes_no" else 6.0
    return Difference(decision, estimate, low, high, 0.5, unit, widest)


def ranked(*rows):
    """Ranked variants from (group, helpfulness, intrusiveness) rows."""
    return [
        Ranked(number, f"v{number}", TRICKY if number == 1 else f"V{number}", group,
               "verdict", helpful, intrusive, 40, 262)
        for number, (group, helpful, intrusive) in enumerate(rows, 1)
    ]  # fmt: skip


ROWS = ranked(
    ("helps", difference(0.8, 0.3, 1.3), difference(-0.4, -0.9, 0.1)),
    ("unclear", difference(0.1, -0.4, 0.6), difference(0.2, -0.3, 0.7)),
    ("worse", difference(-0.2, -0.7, 0.3), difference(0.9, 0.4, 1.4)),
    ("no_harm", difference(0.0, None, None), difference(-0.1, None, 0.3)),
)


def draw(template, chart):
    text = (
        environment()
        .get_template(f"reports/charts/_{template}.html")
        .render(chart=chart, chart_id="c")
    )
    return text, ET.fromstring(text)  # noqa: S314 - our own template's output


@pytest.fixture(scope="module")
def drawn():
    bars = charts.bars_chart(
        [(TRICKY, [3, 5, 6, 10, 8, 5, 3]), ("Toon", [1, 1, 2, 5, 10, 12, 9]),
         ("Nobody yet", [0] * 7)], WORDS,
    )  # fmt: skip
    return {
        "forest": draw("forest", charts.forest_panel(ROWS, "helpfulness", WORDS)),
        "map": draw("map", charts.map_chart(ROWS, WORDS)),
        "bars": draw("bars", bars),
    }


def texts(root):
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", ["forest", "map", "bars"])
def test_every_chart_says_what_it_shows_and_inlines_under_the_csp(drawn, kind):
    text, root = drawn[kind]
    title, desc = list(root)[:2]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert title.text == WORDS["title"] and desc.text == WORDS["description"]
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
    # style= and <style> are blocked by style-src 'self'; scripts never belong.
    assert not any(e.get("style") for e in root.iter())
    assert not list(root.iter(f"{SVG}style")) and "<script" not in text


@pytest.mark.parametrize("kind", ["forest", "bars"])
def test_labels_are_text_escaped_and_wrapped_never_cut(drawn, kind):
    text, root = drawn[kind]
    words = " ".join(texts(root))
    for word in TRICKY.split():
        assert word in words  # every word is there, nothing cut off with "…"
    assert "&lt;script&gt;" in text and "…" not in words
    assert all(len(line) <= charts.CHARS_PER_LINE for line in texts(root))


def test_the_map_marks_each_verdict_group_its_own_way_and_numbers_each_point(drawn):
    _, root = drawn["map"]
    children = list(root)
    markers = {}
    for before, element in zip(children, children[1:], strict=False):
        if element.tag == f"{SVG}text" and element.get("font-weight") == "700":
            looks = (before.tag, before.get("fill"), before.get("stroke"))
            markers[element.text] = looks
    assert sorted(markers) == ["1", "2", "3", "4"]  # one numbered point each
    assert len(set(markers.values())) == 4  # four groups, four looks
    shapes = {shape for shape, _ in charts.MARKERS.values()}
    assert len(shapes) == len(charts.MARKERS)  # shape alone tells every group


def test_the_map_zooms_to_the_data_and_keeps_intervals_within_the_scale():
    chart = charts.map_chart(ROWS, WORDS)
    x_values = [float(t.text.replace("+", "")) for t in chart.x_ticks]
    y_values = [float(t.text.replace("+", "")) for t in chart.y_ticks]
    left, top, right, bottom = chart.frame
    # v4's intrusiveness interval has no lower bound: clipped at the largest
    # difference the scale allows (-6), where the axis starts; its upper end
    # is known, so the axis stops soon after the data.
    v4 = next(p for p in chart.points if p.number == 4)
    assert v4.x_low == left and min(x_values) >= -6.0 and max(x_values) < 3
    assert min(y_values) >= -6.0 and max(y_values) <= 6.0
    for p in chart.points:
        assert left <= p.x_low <= p.x <= p.x_high <= right
        assert top <= p.y_high <= p.y <= p.y_low <= bottom


def test_axes_zoom_in_where_the_data_are_small():
    small = ranked(
        ("unclear", difference(0.1, -0.2, 0.3), difference(0.05, -0.1, 0.2)),
    )
    chart = charts.map_chart(small, WORDS)
    values = [float(t.text.replace("+", "")) for t in chart.x_ticks]
    assert max(abs(v) for v in values) <= 1.0  # not the whole +-6 scale
    assert 0.0 in values  # the control is always on the map


def test_tick_labels_at_the_ends_of_an_axis_are_anchored_inwards():
    panel = charts.forest_panel(ROWS[:3], "helpfulness", WORDS)
    first, *_, last = panel.ticks
    assert (first.anchor, last.anchor) == ("start", "end")
    assert {t.anchor for t in panel.ticks[1:-1]} == {"middle"}


def test_forest_rows_hold_the_interval_and_say_it_in_numbers():
    panel = charts.forest_panel(ROWS, "helpfulness", WORDS)
    best = panel.rows[0]
    assert best.x_low < best.x < best.x_high and best.text == "+0.80 [+0.30, +1.30]"
    unbounded = panel.rows[3]
    assert unbounded.text == "+0.00 [–, –]"
    assert panel.band[0] < panel.zero < panel.band[1]  # +-margin around no difference


def test_bars_centre_the_middle_point_on_zero_and_add_up_to_every_answer():
    chart = charts.bars_chart([("A", [1, 1, 1, 2, 1, 1, 1])], WORDS)
    (row,) = chart.rows
    total = sum(width for _, width, *_ in row.segments)
    assert total == pytest.approx(charts.Scale(-100, 100, 40, 320).at(100) - 180)
    neutral_x, neutral_width = row.segments[3][:2]
    assert neutral_x < chart.zero < neutral_x + neutral_width
    assert math.isclose(neutral_x + neutral_width / 2, chart.zero, abs_tol=0.05)
    assert (row.low_share, row.high_share) == ("38%", "38%")
