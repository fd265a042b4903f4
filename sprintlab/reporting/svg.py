"""SVG made inlinable in a page with a strict CSP, and a cache for rendered plots.

Matplotlib writes a <style> element and style= attributes; the pages'
Content-Security-Policy (style-src 'self') blocks both inside inline SVG, so
they become presentation attributes. Ids get a per-plot prefix so several
plots can share a page.
"""

import json
import re
import threading
import xml.etree.ElementTree as ET
from collections import OrderedDict

SVG_NS = "http://www.w3.org/2000/svg"


def _declarations(style):
    pairs = (part.partition(":") for part in style.split(";"))
    return {name.strip(): value.strip() for name, _, value in pairs if name.strip()}


def _renamed(name, value, names):
    if name == "id":
        return names[value]
    if name == "href" and value[1:] in names:
        return "#" + names[value[1:]]
    return re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{names.get(m[1], m[1])})", value)


def accessible_svg(text, title, description, prefix):
    """Matplotlib's SVG TEXT made inlinable: titled, unstyled, ids under PREFIX."""
    # matplotlib's own output, never user input; parsing drops prolog and DOCTYPE
    root = ET.fromstring(text)  # noqa: S314
    names = {}
    for element in root.iter():
        element.tag = element.tag.rpartition("}")[2]
        element.attrib = {
            name.rpartition("}")[2]: value for name, value in element.attrib.items()
        }  # xlink:href becomes SVG 2's href
        for name, value in _declarations(element.attrib.pop("style", "")).items():
            element.attrib.setdefault(name, value)
        if "id" in element.attrib:
            names[element.attrib["id"]] = f"{prefix}-{element.attrib['id']}"
        if element.tag == "style":  # "*{...}": inherited properties, set on the root
            for rule in re.findall(r"\*\s*\{([^}]*)\}", element.text or ""):
                root.attrib.update(_declarations(rule))
    for parent in list(root.iter()):
        parent.attrib = {k: _renamed(k, v, names) for k, v in parent.attrib.items()}
        for child in [c for c in parent if c.tag in ("style", "metadata", "script")]:
            parent.remove(child)
    for name in ("width", "height"):
        root.attrib.pop(name, None)
    root.attrib.update(xmlns=SVG_NS, width="100%", role="img")
    root.attrib["aria-labelledby"] = f"{prefix}-title {prefix}-desc"
    for index, (tag, words) in enumerate((("title", title), ("desc", description))):
        element = ET.Element(tag, id=f"{prefix}-{tag}")
        element.text = words
        root.insert(index, element)
    return ET.tostring(root, encoding="unicode")


class PlotCache:
    """SVGs by (study, data version, plot key, options); least recently used go.

    A new data version for a study drops that study's older versions at once.
    """

    def __init__(self, maxsize=64):
        self.maxsize = maxsize
        self.hits = self.misses = 0
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._entries)

    def get(self, study_id, data_version, plot_key, options, render):
        """The cached SVG for these keys, or RENDER() computed and stored."""
        frozen = json.dumps(options or {}, sort_keys=True, default=str)
        key = (study_id, str(data_version), plot_key, frozen)
        with self._lock:
            if key in self._entries:
                self.hits += 1
                self._entries.move_to_end(key)
                return self._entries[key]
        svg = render()  # outside the lock: two first requests may both render
        with self._lock:
            self.misses += 1
            stale = [k for k in self._entries if k[0] == study_id and k[1] != key[1]]
            for old in stale:
                del self._entries[old]
            self._entries[key] = svg
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)
        return svg
