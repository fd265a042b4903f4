"""The manipulation check: does a variant differ from its control only in its factor?

A message test can only say which factor helps when each variant changes that
factor alone. So each variant is rendered beside the control for the same
fictional people, and compared sentence by sentence: the share of sentences
that differ, which ones, and the length ratio over PERSONAS people (names and
amounts differ from person to person, so the ratio is a range).

Warnings, for variants on the control's channel:

- a length ratio beyond MAX_LENGTH_RATIO either way (unless the factor is
  ``length``/``lengte``): a longer letter is a second factor;
- a changed or dropped line of the control's closing paragraph, or of its
  anti-scam lines (what the sender never asks, how to check a message):
  these are the same in every variant;
- a changed sender, headline or signature when the factor is not ``sender``
  (``afzender``).

A variant on another channel (factor ``channel``) cannot be compared
sentence by sentence; the report says so.
"""

import difflib
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sprintlab.content.personas import make_persona
from sprintlab.content.readability import (
    split_sentences,
    strip_markdown,
    tokenize_words,
)
from sprintlab.content.rendering import compile_message
from sprintlab.content.studies import Variant
from sprintlab.languages import LANGUAGES

PERSONAS = 20
DAY = date(2026, 1, 15)  # fixed, so the check does not change with the day it runs
MAX_LENGTH_RATIO = 1.2
# Factors that may change what the others keep, in English and Dutch.
CHANNEL, SENDER, LENGTH = (
    {"channel", "kanaal"},
    {"sender", "afzender"},
    {
        "length",
        "lengte",
    },
)
# What the sender never asks and how to check a message: the same everywhere.
ANTI_SCAM = re.compile(
    r"\bnooit\b|\bnever\b|twijfel|\bin doubt\b|geen links?\b|\bno links?\b", re.I
)
FIELDS = ("sender", "headline", "signature", "signature_role")
FACTOR_JOIN = " + "  # between the factors of a comparison that changes several


@dataclass(frozen=True)
class Manipulation:
    """How one variant differs from the control, in one language."""

    variant: str
    factor: str
    level: str
    language: str
    comparable: bool  # the same channel as the control
    sentences: int = 0  # sentences in the control
    changed_share: float = 0.0
    length_ratio: float = 1.0  # the ratio furthest from 1 over the personas
    length_range: tuple = (1.0, 1.0)
    added: tuple = ()  # the variant's sentences the control does not have
    removed: tuple = ()  # the control's sentences the variant does not keep
    fields: tuple = ()  # front matter texts that differ (sender, headline, …)
    warnings: tuple = ()

    def summary(self):
        """One line: what differs, in numbers."""
        what = f"{self.factor} = {self.level}" if self.factor else "no factor declared"
        if not self.comparable:
            return (
                f"{self.variant} ({what}), {self.language}: another channel than"
                " the control, not compared sentence by sentence"
            )
        low, high = self.length_range
        return (
            f"{self.variant} ({what}), {self.language}: {len(self.removed)} of the"
            f" control's {self.sentences} sentences changed or dropped,"
            f" {len(self.added)} new ({self.changed_share:.0%} of sentences"
            f" differ); length ×{self.length_ratio:.2f} ({low:.2f}–{high:.2f} over"
            f" {PERSONAS} personas)"
        )


def sentences_of(text):
    """The sentences of a rendered message, Markdown stripped."""
    return split_sentences(strip_markdown(text))


def word_count(text):
    """The words of a rendered message, Markdown stripped."""
    return len(tokenize_words(strip_markdown(text)))


@lru_cache(maxsize=256)
def _persona(seed, language, municipality):
    # The same people for every variant of a check; templates cannot change
    # a persona (the sandbox is immutable).
    return make_persona(seed, language, DAY, municipality)


def renderings(template, cell=None, municipality=None, count=PERSONAS):
    """TEMPLATE's text for COUNT people on DAY (CELL: a factorial template's)."""
    compiled = compile_message(template)  # text only: no Markdown to HTML
    return [
        compiled.render(
            _persona(seed, template.language, municipality),
            DAY,
            html=False,
            cell=cell,
        )
        for seed in range(count)
    ]


def _closing(text):
    """The sentences of the closing paragraph of a message (of several)."""
    paragraphs = strip_markdown(text).split("\n\n")
    return set(split_sentences(paragraphs[-1])) if len(paragraphs) > 1 else set()


def compare_variant(
    control,
    variant,
    variant_id,
    factor="",
    level="",
    *,
    control_cell=None,
    variant_cell=None,
    municipality=None,
    personas=PERSONAS,
    base=None,
):
    """The manipulation check of template VARIANT against template CONTROL.

    Both are rendered for the same PERSONAS people (CELL: a factorial
    template's levels); BASE, the control's renderings when already made.
    RenderError when either does not render.
    """
    base = base or renderings(control, control_cell, municipality, personas)
    other = renderings(variant, variant_cell, municipality, personas)
    kept = Manipulation(variant_id, factor, level, variant.language, False)
    if base[0].channel != other[0].channel:
        return kept
    ratios = sorted(
        word_count(o.text) / max(1, word_count(b.text))
        for b, o in zip(base, other, strict=True)
    )
    worst = max(ratios, key=lambda r: max(r, 1 / r))
    old, new = sentences_of(base[0].text), sentences_of(other[0].text)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    removed, added = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    fields = tuple(
        name for name in FIELDS if getattr(base[0], name) != getattr(other[0], name)
    )
    found = Manipulation(
        variant_id,
        factor,
        level,
        variant.language,
        True,
        sentences=len(old),
        changed_share=1 - matcher.ratio() if old or new else 0.0,
        length_ratio=worst,
        length_range=(ratios[0], ratios[-1]),
        added=tuple(added),
        removed=tuple(removed),
        fields=fields,
    )
    return _with_warnings(found, base[0], other[0])


def _with_warnings(found, base, other):
    warnings = []
    ratio = found.length_ratio
    # Two cells of a factorial study may differ in several factors: "a + b".
    factors = set(found.factor.split(FACTOR_JOIN))
    if not factors & LENGTH and max(ratio, 1 / ratio) > MAX_LENGTH_RATIO:
        low, high = found.length_range
        warnings.append(
            f"{found.language}: {ratio:.2f} times the control's length"
            f" ({low:.2f}–{high:.2f} over {PERSONAS} personas); keep it within"
            f" ±{MAX_LENGTH_RATIO - 1:.0%} unless length is the factor"
        )
    closing = _closing(base.text)
    for sentence in found.removed:
        if sentence in closing:
            warnings.append(
                f"{found.language}: changes the control's closing line"
                f" {sentence!r}; keep the closing the same in every variant"
            )
        elif ANTI_SCAM.search(sentence):
            warnings.append(
                f"{found.language}: changes or drops the anti-scam line"
                f" {sentence!r}; keep it the same in every variant"
            )
    if not factors & SENDER:
        for name in found.fields:
            warnings.append(
                f"{found.language}: the {name.replace('_', ' ')} differs from the"
                f" control's ({getattr(other, name)!r}, not"
                f" {getattr(base, name)!r}) but the factor is"
                f" {found.factor or 'not declared'}"
            )
    return Manipulation(**{**found.__dict__, "warnings": tuple(warnings)})


def study_manipulations(study, template_of):
    """The manipulation check of each variant of STUDY, in each language.

    TEMPLATE_OF(template_id, language) loads a template. A factorial study's
    variants are its cells: each factor is checked in the cell that changes
    it alone, against the reference cell. RenderError or ContentError when a
    template does not load or render (check reports those on their own).
    """
    found = []
    municipality = study.settings.municipality
    control = study.variant(study.control)
    for language in LANGUAGES:
        base = template_of(control.template, language)
        made = renderings(base, control.levels or None, municipality)
        for variant in single_factor_variants(study):
            found.append(
                compare_variant(
                    base,
                    template_of(variant.template, language),
                    variant.id,
                    variant.factor,
                    variant.level,
                    control_cell=control.levels or None,
                    variant_cell=variant.levels or None,
                    municipality=municipality,
                    base=made,
                )
            )
    return found


def single_factor_variants(study):
    """The variants to check against the control (factorial: one-factor cells).

    A factorial cell that changes one factor is named after that factor.
    """
    control = study.variant(study.control)
    if not control.cell:
        return [v for v in study.variants if v.id != study.control]
    reference = control.levels
    single = []
    for variant in study.variants:
        changed = [f for f, level in variant.cell if reference[f] != level]
        if len(changed) == 1:
            single.append(
                Variant(
                    **{
                        **variant.__dict__,
                        "factor": changed[0],
                        "level": variant.levels[changed[0]],
                    }
                )
            )
    return single
