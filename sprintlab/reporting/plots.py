"""Plots for the researcher dashboard, as accessible SVG text to inline in a page.

Plain values in, SVG text out: no Flask, no database. Every SVG opens with a
<title> and a <desc> (a text alternative that lists the numbers), scales to its
container, and keeps its words as selectable text. Matplotlib's inline styles
become presentation attributes, because the pages' Content-Security-Policy
(style-src 'self') blocks <style> and style= inside inline SVG.
"""

import hashlib
import io
import math
import textwrap
import threading
from dataclasses import dataclass

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from sprintlab.reporting.svg import PlotCache, accessible_svg  # noqa: F401 - PlotCache is re-exported

RC = {
    "svg.fonttype": "none",  # text stays text: selectable, searchable, translatable
    "svg.hashsalt": "sprintlab",  # the same plot gives the same SVG
    "font.size": 10,
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    # Labels are study text, not TeX: "$\frac{1}{$" in a variant label must
    # be drawn as it is, never parsed as maths (which raised, so no dashboard).
    "text.parse_math": False,
}
NO_DIFFERENCE = 0  # the control: the quadrants meet here
# ColorBrewer PuOr, 7 classes (colour-blind safe), with a grey neutral point
DIVERGING = (
    "#b35806", "#f1a340", "#fee0b6", "#d9d9d9", "#d8daeb", "#998ec3", "#542788",
)  # fmt: skip
POINT_COLOUR, CONTROL_COLOUR = "#0072B2", "#000000"  # Okabe–Ito blue, black
BEST_SHADE, WORST_SHADE = "#deebf7", "#fde0c5"
INSIDE = {"ha": "center", "va": "center", "fontsize": 8}
TOTAL = {"va": "center", "fontsize": 8.5, "fontweight": "bold"}
# rcParams are global: one plot at a time, so a thread never draws another's settings
DRAWING = threading.Lock()
LABEL_OFFSETS = (
    (7, 5, "left", "bottom"), (7, -5, "left", "top"), (-7, 5, "right", "bottom"),
    (-7, -5, "right", "top"), (0, 9, "center", "bottom"), (0, -9, "center", "top"),
    (7, 16, "left", "bottom"), (7, -16, "left", "top"), (-7, 16, "right", "bottom"),
    (-7, -16, "right", "top"),
)  # fmt: skip


@dataclass(frozen=True)
class MapPoint:
    """One variant on the map: differences from the control with intervals.

    x is oriented so that positive means more intrusive, y so that positive
    means more helpful; NaN bounds: no interval (too few answers).
    """

    label: str
    x: float
    x_low: float
    x_high: float
    y: float
    y_low: float
    y_high: float
    n: int
    is_control: bool = False


@dataclass(frozen=True)
class MapText:
    """The words on the helpfulness–intrusiveness map, in one language."""

    x_name: str = "Intrusiveness: difference from the control"
    y_name: str = "Usefulness: difference from the control"
    x_short: str = "intrusiveness"
    y_short: str = "usefulness"
    x_less: str = "← less intrusive"
    x_more: str = "more intrusive →"
    y_more: str = "more useful ↑"
    best: str = "helpful and not intrusive"
    pushy: str = "helpful but intrusive"
    idle: str = "not intrusive, not helpful"
    worst: str = "intrusive and not helpful"
    control: str = "control"
    variant: str = "variant"
    no_interval: str = "no interval: too few answers"
    no_data: str = "not shown: no answers"
    reference: str = "the reference at 0, 0"


MAP_TEXT = {
    "en": MapText(),
    "nl": MapText(
        "Opdringerig: verschil met de controle", "Nuttig: verschil met de controle",
        "opdringerig", "nuttig", "← minder opdringerig", "opdringeriger →",
        "nuttiger ↑", "nuttig en niet opdringerig", "nuttig maar opdringerig",
        "niet opdringerig, niet nuttig", "opdringerig en niet nuttig", "controle",
        "variant", "geen interval: te weinig antwoorden",
        "niet getoond: geen antwoorden", "het vergelijkingspunt op 0, 0",
    ),
}  # fmt: skip


def _finite(*values):
    return all(isinstance(v, int | float) and math.isfinite(v) for v in values)


def _short(label, width=22):
    return "\n".join(textwrap.wrap(label, width, max_lines=2, placeholder="…"))


def _new_figure(width, height):
    figure = Figure(figsize=(width, height))
    FigureCanvasAgg(figure)  # the Agg renderer measures the labels
    return figure


def _overlap(a, b):
    width = min(a.xmax, b.xmax) - max(a.xmin, b.xmin)
    height = min(a.ymax, b.ymax) - max(a.ymin, b.ymin)
    return max(width, 0) * max(height, 0)


def _obstacles(axes, points):
    """Display boxes around each point and along its whiskers."""
    boxes = []
    for p in points:
        spans = [((p.x, p.y), (p.x, p.y), 6)]
        if _finite(p.x_low, p.x_high):
            spans.append(((p.x_low, p.y), (p.x_high, p.y), 3))
        if _finite(p.y_low, p.y_high):
            spans.append(((p.x, p.y_low), (p.x, p.y_high), 3))
        for start, end, pad in spans:
            boxes.append(Bbox(axes.transData.transform([start, end])).padded(pad))
    return boxes


def _place_labels(figure, axes, points, texts):
    """Put each label where it covers the fewest labels, points and whiskers."""
    renderer = figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    taken = _obstacles(axes, points)
    for point, text in zip(points, texts, strict=True):
        best = None
        for dx, dy, ha, va in LABEL_OFFSETS:
            note = axes.annotate(
                text, (point.x, point.y), xytext=(dx, dy), textcoords="offset points",
                ha=ha, va=va, fontsize=8.5, color="#222222", zorder=4,
            )  # fmt: skip
            box = note.get_window_extent(renderer)
            outside = box.width * box.height - _overlap(box, frame)
            cost = outside * 4 + sum(_overlap(box, other) for other in taken)
            if best is not None and cost >= best[0]:
                note.remove()
                continue
            if best is not None:
                best[1].remove()
            best = (cost, note, box)
            if cost == 0:
                break
        taken.append(best[2])


def _axis_words(axes, left, right):
    """Words under both ends of the x axis, e.g. "← less intrusive"."""
    for x, ha, text in ((0, "left", left), (1, "right", right)):
        axes.annotate(
            text, (x, 0), xycoords="axes fraction", xytext=(0, -32),
            textcoords="offset points", ha=ha, va="top", fontsize=9,
        )  # fmt: skip


def _shade_quadrants(axes, words, x_limit, y_limit):
    """Quadrants around the control (0, 0): top left is helpful, not intrusive."""
    zero = NO_DIFFERENCE
    axes.fill_between([-x_limit, zero], zero, y_limit, color=BEST_SHADE, zorder=0)
    axes.fill_between([zero, x_limit], -y_limit, zero, color=WORST_SHADE, zorder=0)
    axes.axvline(zero, color="#999999", linewidth=0.8, zorder=1)
    axes.axhline(zero, color="#999999", linewidth=0.8, zorder=1)
    inset_x, inset_y = 0.02 * x_limit, 0.02 * y_limit
    left, right = -x_limit + inset_x, x_limit - inset_x
    top, bottom = y_limit - inset_y, -y_limit + inset_y
    for x, y, ha, va, text in (
        (left, top, "left", "top", words.best),
        (right, top, "right", "top", words.pushy),
        (left, bottom, "left", "bottom", words.idle),
        (right, bottom, "right", "bottom", words.worst),
    ):  # fmt: skip
        weight = "bold" if text == words.best else "normal"
        axes.text(x, y, text, ha=ha, va=va, fontsize=9, fontstyle="italic",
                  fontweight=weight, color="#333333", zorder=1)  # fmt: skip


def map_limits(points, widest=(6.0, 6.0)):
    """Symmetric axis limits around 0 that hold every point and interval.

    Never beyond WIDEST (the largest difference each scale allows), never
    narrower than a tenth of it.
    """
    limits = []
    for axis, most in zip("xy", widest, strict=True):
        values = [
            abs(v)
            for p in points
            for v in (getattr(p, axis), getattr(p, f"{axis}_low"),
                      getattr(p, f"{axis}_high"))
            if _finite(v)
        ]  # fmt: skip
        largest = max(values, default=0.0) * 1.15
        limits.append(min(max(largest, most / 10), most))
    return tuple(limits)


def _point_sentence(p, words):
    def part(name, mean, low, high):
        interval = f" [{low:+.2f} to {high:+.2f}]" if _finite(low, high) else ""
        return f"{name} {mean:+.2f}{interval}"

    head = f"{p.label} (n={p.n}{f', {words.control}' if p.is_control else ''}): "
    if not _finite(p.x, p.y):
        return f"{head}{words.no_data}."
    if p.is_control:
        return f"{head}{words.reference}."
    y = part(words.y_short, p.y, p.y_low, p.y_high)
    x = part(words.x_short, p.x, p.x_low, p.x_high)
    if _finite(p.x_low, p.x_high, p.y_low, p.y_high):
        return f"{head}{y}; {x}."
    return f"{head}{y}; {x} ({words.no_interval})."


def _draw_point(axes, point, words, gid):
    colour = CONTROL_COLOUR if point.is_control else POINT_COLOUR
    xerr = [[point.x - point.x_low], [point.x_high - point.x]]
    yerr = [[point.y - point.y_low], [point.y_high - point.y]]
    bars = axes.errorbar(
        [point.x], [point.y], color=colour, capsize=3,
        zorder=3.5 if point.is_control else 3,  # the control stays visible on top
        xerr=xerr if _finite(point.x_low, point.x_high) else None,
        yerr=yerr if _finite(point.y_low, point.y_high) else None,
        fmt="s" if point.is_control else "o", markersize=7,
        markerfacecolor="white" if point.is_control else colour,
        label=words.control if point.is_control else words.variant,
    )  # fmt: skip
    bars.lines[0].set_gid(gid)  # the marker, findable in the SVG


def helpfulness_map(points, title, description, words=None, svg_id=None, limits=None):
    """SVG of each variant's usefulness (y) and intrusiveness (x) against the control.

    Both are differences from the control, so the quadrants meet at (0, 0).

    LIMITS (x, y) are the symmetric axis limits; by default they hold every
    point and interval (see map_limits).
    """
    words = words or MapText()
    shown = [p for p in points if _finite(p.x, p.y)]
    summary = " ".join(_point_sentence(p, words) for p in points)
    x_limit, y_limit = limits or map_limits(shown)
    with DRAWING, matplotlib.rc_context(RC):
        figure = _new_figure(7.2, 6.2)
        figure.subplots_adjust(left=0.12, right=0.97, bottom=0.15, top=0.88)
        axes = figure.add_subplot()
        axes.set(xlim=(-x_limit, x_limit), ylim=(-y_limit, y_limit))
        axes.set(xlabel=words.x_name, ylabel=words.y_name)
        axes.set_title(title, loc="left", pad=24, fontsize=12, fontweight="bold")
        axes.text(0, 1.015, words.y_more, transform=axes.transAxes, fontsize=9)
        _axis_words(axes, words.x_less, words.x_more)
        _shade_quadrants(axes, words, x_limit, y_limit)
        for index, point in enumerate(shown):
            _draw_point(axes, point, words, f"point-{index}")
        handles, names = axes.get_legend_handles_labels()
        unique = dict(zip(names, handles, strict=True))
        if unique:
            axes.legend(
                unique.values(), unique.keys(), loc="upper right",
                bbox_to_anchor=(1, 1.09), ncol=2, fontsize=8.5, frameon=False,
            )  # fmt: skip
        _place_labels(
            figure, axes, shown, [f"{_short(p.label)} (n={p.n})" for p in shown]
        )
        return _svg(figure, title, f"{description} {summary}".strip(), svg_id)


def _row_sentence(label, counts):
    total = sum(counts) or 1
    low, mid, high = (
        100 * sum(part) / total for part in (counts[:3], counts[3:4], counts[4:])
    )
    return f"{label} (n={sum(counts)}): 1–3 {low:.0f}%, 4 {mid:.0f}%, 5–7 {high:.0f}%."


def _draw_row(axes, row, counts):
    total = sum(counts)
    shares = [100 * c / total if total else 0 for c in counts]
    left = start = -sum(shares[:3]) - shares[3] / 2
    for point, share in enumerate(shares):
        axes.barh(
            row, share, left=left, height=0.7, color=DIVERGING[point],
            edgecolor="white", linewidth=0.5, label=f"s{point}",
        )  # fmt: skip
        if share >= 8:
            ink = "white" if point in (0, 6) else "#222222"
            axes.text(left + share / 2, row, f"{share:.0f}%", **INSIDE, color=ink)
        left += share
    if total:
        axes.text(start - 2, row, f"{sum(shares[:3]):.0f}%", ha="right", **TOTAL)
        axes.text(left + 2, row, f"{sum(shares[4:]):.0f}%", ha="left", **TOTAL)


def diverging_bars(rows, title, description, labels, svg_id=None):
    """SVG of diverging stacked bars: a 7-point item's answers per variant."""
    if len(labels) != 7:
        raise ValueError("give seven scale labels, from 1 to 7")
    for label, counts in rows:
        if len(counts) != 7 or any(not isinstance(c, int) or c < 0 for c in counts):
            raise ValueError(f"{label}: give seven counts (whole numbers >= 0)")
    summary = " ".join(_row_sentence(label, counts) for label, counts in rows)
    with DRAWING, matplotlib.rc_context(RC):
        figure = _new_figure(7.2, 2.2 + 0.5 * len(rows))
        axes = figure.add_subplot()
        for row, (_, counts) in enumerate(rows):
            _draw_row(axes, row, counts)
        axes.set_yticks(range(len(rows)))
        axes.set_yticklabels([f"{_short(lab, 26)} (n={sum(c)})" for lab, c in rows])
        axes.set(ylim=(len(rows) - 0.5, -0.5), xlim=(-115, 115))
        axes.set_xticks([-100, -50, 0, 50, 100], ["100%", "50%", "0", "50%", "100%"])
        axes.axvline(0, color="#555555", linewidth=0.8)
        _axis_words(axes, f"← {labels[0]}", f"{labels[6]} →")
        axes.spines[["top", "right", "left"]].set_visible(False)
        names = [f"{n} {_short(text, 14)}".strip() for n, text in enumerate(labels, 1)]
        height = figure.get_figheight()
        figure.legend(
            axes.get_legend_handles_labels()[0][:7], names, loc="upper left",
            ncol=7 if max(map(len, names)) <= 12 else 4, fontsize=8, frameon=False,
            bbox_to_anchor=(0.01, 1 - 0.4 / height),
        )  # fmt: skip
        figure.suptitle(title, x=0.02, y=1 - 0.08 / height, ha="left", va="top",
                        fontsize=12, fontweight="bold")  # fmt: skip
        figure.tight_layout(rect=(0, 0, 1, 1 - 1.05 / height))
        return _svg(figure, title, f"{description} {summary}".strip(), svg_id)


def _svg(figure, title, description, svg_id):
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    prefix = svg_id or "plot-" + hashlib.sha256(text.encode()).hexdigest()[:10]
    return accessible_svg(text, title, description, prefix)
