"""Plots: accessible SVG that inlines under the pages' CSP, cached per data version."""

import math
import re
import xml.etree.ElementTree as ET

import pytest

from sprintlab.content.studies import AGREE_SCALE
from sprintlab.reporting.plots import (
    MAP_TEXT,
    MapPoint,
    PlotCache,
    diverging_bars,
    helpfulness_map,
    map_limits,
)

NAN = math.nan
# Differences from the control (which sits at 0, 0): x more intrusive, y more useful.
POINTS = [
    MapPoint("Controle", 0, NAN, NAN, 0, NAN, NAN, 40, is_control=True),
    MapPoint("Toon", -1.3, -1.6, -1.0, 0.4, 0.1, 0.7, 39),
    MapPoint("Transparantie", -0.6, -0.9, -0.3, 0.2, -0.1, 0.5, 42),
    MapPoint("Poster", -0.7, NAN, NAN, -0.8, NAN, NAN, 1),
]
ROWS = [("Controle", [3, 5, 6, 10, 8, 5, 3]), ("Toon", [1, 1, 2, 5, 10, 12, 9])]
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def drawn():
    return {
        "map": helpfulness_map(POINTS, "Helpful, not intrusive?", "Each variant."),
        "bars": diverging_bars(
            ROWS, "Feels intrusive", "Per variant.", AGREE_SCALE["en"]
        ),
    }


def texts(root):
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", ["map", "bars"])
def test_svg_is_accessible_and_inlinable(drawn, kind):
    svg = drawn[kind]
    assert svg.startswith("<svg ") and "<?xml" not in svg and "<!DOCTYPE" not in svg
    root = ET.fromstring(svg)
    title, desc = list(root)[:2]
    assert (title.tag, desc.tag) == (f"{SVG}title", f"{SVG}desc")
    assert title.text in ("Helpful, not intrusive?", "Feels intrusive")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.get("width") == "100%" and root.get("height") is None
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
    assert "<script" not in svg and "<metadata" not in svg


@pytest.mark.parametrize("kind", ["map", "bars"])
def test_no_inline_styles_for_the_csp(drawn, kind):
    svg = drawn[kind]
    assert not re.search(r"\sstyle=", svg) and "<style" not in svg
    root = ET.fromstring(svg)
    assert all("style" not in element.attrib for element in root.iter())
    assert root.get("stroke-linejoin") == "round"  # from matplotlib's <style> rule
    assert any(e.get("font-size") for e in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("kind", ["map", "bars"])
def test_ids_are_unique_and_references_resolve(drawn, kind):
    root = ET.fromstring(drawn[kind])
    ids = [element.get("id") for element in root.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    prefix = root.get("aria-labelledby").split("-title")[0]
    assert all(i.startswith(prefix) for i in ids)
    references = re.findall(r'(?:href="#|url\(#)([^")]+)', drawn[kind])
    assert references and set(references) <= set(ids)


def test_map_draws_one_marker_per_variant_with_words(drawn):
    root = ET.fromstring(drawn["map"])
    points = [
        g for g in root.iter(f"{SVG}g") if re.search(r"-point-\d+$", g.get("id", ""))
    ]
    assert len(points) == len(POINTS)
    assert all(len(list(g.iter(f"{SVG}use"))) == 1 for g in points)
    words = " ".join(texts(root))
    for label in ("Controle (n=40)", "Toon (n=39)", "Poster (n=1)"):
        assert label in words
    for phrase in ("less intrusive", "more useful", "helpful and not intrusive"):
        assert phrase in words


def test_map_without_intervals_says_so(drawn):
    desc = ET.fromstring(drawn["map"])[1].text
    assert desc.startswith("Each variant.")
    toon = "Toon (n=39): usefulness +0.40 [+0.10 to +0.70]; intrusiveness -1.30"
    assert f"{toon} [-1.60 to -1.00]." in desc
    assert "Poster (n=1): usefulness -0.80; intrusiveness -0.70 (no interval" in desc
    assert "Controle (n=40, control): the reference at 0, 0." in desc


def test_map_limits_hold_every_interval_and_stay_within_the_scale():
    x_limit, y_limit = map_limits(POINTS)
    assert x_limit >= 1.6 and y_limit >= 0.8  # the widest whisker fits
    assert map_limits(POINTS, widest=(1.0, 6.0))[0] == 1.0  # never beyond the scale
    tiny = [MapPoint("a", 0.01, NAN, NAN, 0.0, NAN, NAN, 3)]
    assert map_limits(tiny, widest=(6.0, 100.0)) == (0.6, 10.0)  # a tenth at least


def test_map_leaves_out_a_variant_without_answers_and_speaks_dutch():
    empty = MapPoint("Leeg", NAN, NAN, NAN, NAN, NAN, NAN, 0)
    svg = helpfulness_map([POINTS[0], empty], "Kaart", "", MAP_TEXT["nl"], svg_id="k")
    root = ET.fromstring(svg)
    assert root[0].get("id") == "k-title"
    assert len([g for g in root.iter(f"{SVG}g") if "-point-" in g.get("id", "")]) == 1
    assert "Leeg (n=0): niet getoond: geen antwoorden." in root[1].text
    assert "nuttig en niet opdringerig" in " ".join(texts(root))


def test_bars_show_labels_and_percentages(drawn):
    root = ET.fromstring(drawn["bars"])
    words = texts(root)
    assert "Controle (n=40)" in words and "Toon (n=40)" in words
    assert "1 Strongly disagree" in " ".join(words)
    assert "78%" in words  # Toon: 31 of 40 agree
    assert "Toon (n=40): 1–3 10%, 4 12%, 5–7 78%." in root[1].text


def test_bars_refuse_malformed_input():
    with pytest.raises(ValueError, match="seven counts"):
        diverging_bars([("A", [1, 2, 3])], "t", "d", AGREE_SCALE["en"])
    with pytest.raises(ValueError, match="seven scale labels"):
        diverging_bars(ROWS, "t", "d", ("low", "high"))


def test_a_row_without_answers_is_drawn_empty():
    svg = diverging_bars([("Leeg", [0] * 7)], "t", "d", ("Nooit", *[""] * 5, "Altijd"))
    root = ET.fromstring(svg)
    assert "Leeg (n=0)" in texts(root) and "Leeg (n=0): 1–3 0%" in root[1].text


def test_the_same_input_gives_the_same_svg():
    assert helpfulness_map(POINTS[:2], "t", "d") == helpfulness_map(
        POINTS[:2], "t", "d"
    )


def test_cache_serves_repeats_and_recomputes_on_new_data():
    cache, calls = PlotCache(maxsize=3), []

    def render(text):
        return lambda: calls.append(text) or f"<svg>{text}</svg>"

    first = cache.get("s", "40:812", "map", {"segment": None}, render("a"))
    again = cache.get("s", "40:812", "map", {"segment": None}, render("b"))
    assert first == again == "<svg>a</svg>" and calls == ["a"]
    assert (cache.hits, cache.misses) == (1, 1)
    newer = cache.get("s", "41:815", "map", {"segment": None}, render("c"))
    assert newer == "<svg>c</svg>" and calls == ["a", "c"]
    assert len(cache) == 1  # the old version of study s is gone
    cache.get("s", "41:815", "map", {"segment": "low-trust"}, render("d"))
    assert calls[-1] == "d"  # other options are another plot


def test_cache_drops_the_least_recently_used():
    cache = PlotCache(maxsize=2)
    for study in ("a", "b"):
        cache.get(study, "1", "map", None, lambda s=study: s)
    cache.get("a", "1", "map", None, lambda: "again")  # a is now the most recent
    cache.get("c", "1", "map", None, lambda: "c")
    assert len(cache) == 2
    assert cache.get("b", "1", "map", None, lambda: "redrawn") == "redrawn"
    assert cache.get("c", "1", "map", None, lambda: "x") == "c"
