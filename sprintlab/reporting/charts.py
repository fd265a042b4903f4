"""The dashboard's charts as plain geometry, drawn as SVG by templates.

Dots with intervals and stacked bars need no plotting library: this module
turns numbers into positions in SVG user units, and the templates under
``templates/reports/charts/`` draw them (inline SVG with presentation
attributes only, which the pages' Content-Security-Policy allows).

Every chart is WIDTH units wide and sized for a phone: at 390 px its 12-unit
labels are 12 px. Labels are wrapped, never cut off; every point carries a
number that a table beside the chart names.
"""

import math
import textwrap
from dataclasses import dataclass

WIDTH = 360
FONT = 12
LINE = 15  # the height of one line of 12-unit text
CHARS_PER_LINE = 46  # 12-unit system-ui text fits about this many in WIDTH
# Marker shape and colour per summary group (reporting.summary.GROUPS): shape
# and colour both differ, so neither colour vision nor print is needed.
# White numbers on these fills have at least 4.5:1 contrast.
MARKERS = {
    "helps": ("circle", "#00614f"),
    "helps_unclear": ("diamond", "#1d5aa0"),
    "no_harm": ("square", "#4b5563"),
    "unclear": ("ring", "#4b5563"),
    "trade_off": ("triangle", "#8a4500"),
    "worse": ("down", "#a4161a"),
}
# ColorBrewer PuOr, 7 classes (colour-blind safe), with a grey neutral point,
# and the ink that reads on each.
SCALE_COLOURS = (
    ("#b35806", "#ffffff"), ("#f1a340", "#1b1b1b"), ("#fee0b6", "#1b1b1b"),
    ("#d9d9d9", "#1b1b1b"), ("#d8daeb", "#1b1b1b"), ("#998ec3", "#1b1b1b"),
    ("#542788", "#ffffff"),
)  # fmt: skip


def finite(*values):
    """Whether every value is a finite number."""
    return all(isinstance(v, int | float) and math.isfinite(v) for v in values)


def wrap(text, width=CHARS_PER_LINE):
    """TEXT as lines of at most WIDTH characters; long words are broken, never cut."""
    return textwrap.wrap(text, width, break_long_words=True) or [""]


@dataclass(frozen=True)
class Scale:
    """A linear map from data values (LOW..HIGH) to SVG units (START..END)."""

    low: float
    high: float
    start: float
    end: float

    def at(self, value):
        """The position of VALUE, kept within the axis."""
        value = min(max(value, self.low), self.high)
        share = (value - self.low) / (self.high - self.low)
        return round(self.start + share * (self.end - self.start), 1)

    def ticks(self, count=5):
        """(value, position) of round values along the axis."""
        step = nice_step((self.high - self.low) / count)
        first = math.ceil(self.low / step - 1e-9)
        last = math.floor(self.high / step + 1e-9)
        return [(k * step, self.at(k * step)) for k in range(first, last + 1)]


def nice_step(rough):
    """1, 2 or 5 times a power of ten, at least ROUGH."""
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= rough * 0.999)


def zoomed(values, widest, least):
    """Axis limits around VALUES and 0, padded, within +-WIDEST, at least LEAST wide."""
    shown = [v for v in values if finite(v)] + [0.0]
    low, high = min(shown), max(shown)
    pad = max((high - low) * 0.08, least / 2 - (high - low) / 2, 0)
    low, high = max(low - pad, -widest), min(high + pad, widest)
    step = nice_step(max(high - low, least) / 5)
    return (
        max(math.floor(low / step + 1e-9) * step, -widest),
        min(math.ceil(high / step - 1e-9) * step, widest),
    )


def number_text(value, unit):
    """A difference as text: '+0.82' scale points, '+12' percentage points."""
    if not finite(value):
        return "–"
    return f"{value:+.0f}" if unit == "yes_no" else f"{value:+.2f}"


def interval_text(difference):
    """'+0.82 [+0.31, +1.33]', with '–' for an end the data cannot bound."""
    if not finite(difference.estimate):
        return "–"
    unit = difference.unit
    low, high = (number_text(v, unit) for v in (difference.low, difference.high))
    return f"{number_text(difference.estimate, difference.unit)} [{low}, {high}]"


def clipped(difference):
    """(estimate, low, high) with unbounded ends at the largest possible difference."""
    widest = difference.widest
    low = difference.low if finite(difference.low) else -widest
    high = difference.high if finite(difference.high) else widest
    return difference.estimate, max(low, -widest), min(high, widest)


@dataclass(frozen=True)
class Tick:
    """One labelled value on an axis."""

    at: float
    text: str
    anchor: str = "middle"  # its text-anchor: inwards at the ends of an axis


@dataclass(frozen=True)
class ForestRow:
    """One variant in a forest panel: its label lines, marker and interval."""

    number: int
    lines: tuple
    label_y: float  # baseline of the first label line
    y: float  # the interval's line
    x: float | None  # None: no estimate
    x_low: float
    x_high: float
    shape: str
    colour: str
    text: str  # the estimate and interval, as the table says it


@dataclass(frozen=True)
class ForestPanel:
    """One outcome's panel: each variant's difference from the control."""

    title: str
    description: str
    height: float
    rows: tuple
    ticks: tuple
    zero: float
    band: tuple | None  # (x from, x to) of +-margin, the "no real difference" zone
    axis_y: float
    axis_name: str
    towards_low: str  # words under the left end of the axis
    towards_high: str


def _ticks(scale, unit):
    """Round values along SCALE, labelled; labels at the ends are anchored inwards."""
    digits = 0 if unit == "yes_no" else 1
    first, last = sorted((scale.start, scale.end))
    return tuple(
        Tick(at, f"{value:+.{digits}f}" if value else "0",
             "start" if at - first < 14 else "end" if last - at < 14 else "middle")
        for value, at in scale.ticks()
    )  # fmt: skip


def forest_panel(ranked, outcome, words):
    """The panel of OUTCOME ('helpfulness' or 'intrusiveness') for RANKED variants.

    WORDS holds title, description, axis_name, towards_low and towards_high.
    """
    differences = [getattr(r, outcome) for r in ranked]
    ends = [v for d in differences if finite(d.estimate) for v in clipped(d)]
    first = differences[0] if differences else None
    widest = first.widest if first else 6.0
    margins = [d.margin for d in differences if finite(d.margin)]
    margin = margins[0] if margins else None
    low, high = zoomed(ends + ([-margin, margin] if margin else []), widest,
                       widest / 12)  # fmt: skip
    scale = Scale(low, high, 12, WIDTH - 12)
    rows, y = [], 34.0
    for r, d in zip(ranked, differences, strict=True):
        lines = tuple(wrap(r.label, CHARS_PER_LINE - 3))
        line_y = y + LINE * len(lines) + 9
        estimate, lo, hi = clipped(d) if finite(d.estimate) else (None, 0, 0)
        shape, colour = MARKERS[r.group]
        rows.append(ForestRow(
            r.number, lines, y + FONT, line_y,
            scale.at(estimate) if estimate is not None else None,
            scale.at(lo), scale.at(hi), shape, colour, interval_text(d),
        ))  # fmt: skip
        y = line_y + 14
    band = (scale.at(-margin), scale.at(margin)) if margin else None
    return ForestPanel(
        words["title"], words["description"], y + 44, tuple(rows),
        _ticks(scale, first.unit if first else "likert7"), scale.at(0), band,
        y + 4, words["axis_name"], words["towards_low"], words["towards_high"],
    )  # fmt: skip


@dataclass(frozen=True)
class MapPoint:
    """One variant on the map: its marker and its two intervals, in SVG units."""

    number: int
    x: float
    y: float
    x_low: float
    x_high: float
    y_low: float
    y_high: float
    shape: str
    colour: str


@dataclass(frozen=True)
class MapChart:
    """The helpfulness-intrusiveness map: differences from the control (0, 0)."""

    title: str
    description: str
    width: float
    height: float
    frame: tuple  # (left, top, right, bottom) of the plotting area
    x_ticks: tuple
    y_ticks: tuple
    zero: tuple  # (x, y) of the control
    best: tuple  # (x, y, width, height): less intrusive and more helpful
    worst: tuple  # more intrusive and less helpful
    points: tuple
    x_name: str
    y_name: str
    x_less: str
    x_more: str
    y_more: str
    control: str


MAP_FRAME = (56, 30, WIDTH - 10, 292)


def _map_scales(shown):
    """The x (intrusiveness) and y (helpfulness) scales, zoomed to SHOWN."""
    left, top, right, bottom = MAP_FRAME
    scales = []
    for outcome, start, end in (("intrusiveness", left, right),
                                ("helpfulness", bottom, top)):  # fmt: skip
        differences = [getattr(r, outcome) for r in shown]
        values = [v for d in differences for v in clipped(d)]
        widest = differences[0].widest if differences else 6.0
        low, high = zoomed(values, widest, widest / 12)
        scales.append(Scale(low, high, start, end))
    return scales


def map_chart(ranked, words):
    """The map of RANKED variants with an estimate on both outcomes.

    WORDS holds title, description, x_name, y_name, x_less, x_more, y_more
    and control.
    """
    shown = [r for r in ranked
             if finite(r.helpfulness.estimate, r.intrusiveness.estimate)]  # fmt: skip
    x_scale, y_scale = _map_scales(shown)
    points = []
    for r in reversed(shown):  # the best is drawn last, on top
        x, x_low, x_high = clipped(r.intrusiveness)
        y, y_low, y_high = clipped(r.helpfulness)
        shape, colour = MARKERS[r.group]
        points.append(MapPoint(
            r.number, x_scale.at(x), y_scale.at(y), x_scale.at(x_low),
            x_scale.at(x_high), y_scale.at(y_low), y_scale.at(y_high), shape, colour,
        ))  # fmt: skip
    left, top, right, bottom = MAP_FRAME
    zero = (x_scale.at(0), y_scale.at(0))
    units = [r.helpfulness.unit for r in shown[:1]] or ["likert7"]
    intrusive_units = [r.intrusiveness.unit for r in shown[:1]] or ["likert7"]
    return MapChart(
        words["title"], words["description"], WIDTH, 350, MAP_FRAME,
        _ticks(x_scale, intrusive_units[0]), _ticks(y_scale, units[0]), zero,
        (left, top, zero[0] - left, zero[1] - top),
        (zero[0], zero[1], right - zero[0], bottom - zero[1]),
        tuple(points), words["x_name"], words["y_name"], words["x_less"],
        words["x_more"], words["y_more"], words["control"],
    )  # fmt: skip


@dataclass(frozen=True)
class BarRow:
    """One variant's answers to a 7-point question: label lines and segments."""

    lines: tuple
    label_y: float
    y: float
    segments: tuple  # (x, width, fill, ink, text or "") per scale point
    low_share: str  # "23%": the share of 1-3, left of the bar
    low_x: float
    high_share: str  # the share of 5-7, right of the bar
    high_x: float


@dataclass(frozen=True)
class BarsChart:
    """Diverging stacked bars: a 7-point question's answers per variant."""

    title: str
    description: str
    height: float
    rows: tuple
    zero: float
    ticks: tuple


BAR_HEIGHT = 18


def _segments(counts, scale):
    """The seven segments of one bar, centred on the middle of the scale point 4."""
    total = sum(counts)
    shares = [100 * c / total if total else 0.0 for c in counts]
    left = -sum(shares[:3]) - shares[3] / 2
    found = []
    for share, (fill, ink) in zip(shares, SCALE_COLOURS, strict=True):
        x, end = scale.at(left), scale.at(left + share)
        text = f"{share:.0f}%" if end - x >= 26 else ""
        found.append((x, round(end - x, 1), fill, ink, text))
        left += share
    return tuple(found), shares


def bars_chart(rows, words):
    """Bars for ROWS of (label, seven counts); WORDS holds title and description."""
    scale = Scale(-100, 100, 40, WIDTH - 40)
    drawn, y = [], 8.0
    for label, counts in rows:
        lines = tuple(wrap(f"{label} (n = {sum(counts)})", CHARS_PER_LINE - 4))
        bar_y = y + (LINE + 1) * len(lines) + 3
        segments, shares = _segments(counts, scale)
        drawn.append(BarRow(
            lines, y + FONT + 1, bar_y, segments, f"{sum(shares[:3]):.0f}%",
            segments[0][0] - 4, f"{sum(shares[4:]):.0f}%",
            segments[-1][0] + segments[-1][1] + 4,
        ))  # fmt: skip
        y = bar_y + BAR_HEIGHT + 10
    ticks = tuple(Tick(at, f"{abs(value):.0f}%") for value, at in scale.ticks(4))
    return BarsChart(words["title"], words["description"], y + 22, tuple(drawn),
                     scale.at(0), ticks)  # fmt: skip
