"""Synthetic studies and evidence for error-rate tests: drawn counts, no database.

The evidence object is the one ``load_evidence`` returns, filled straight
from multinomial draws, so a test runs the real report code
(``report_from_evidence``) on hundreds of studies in seconds.
"""

import numpy as np

from sprintlab.content.studies import parse_study
from sprintlab.reporting.evidence import Column, Evidence

POINTS = np.arange(1, 8, dtype=float)
# Realistic 7-point answers: few extremes, mass in the middle-upper range.
REALISTIC = np.array([0.05, 0.08, 0.12, 0.25, 0.25, 0.15, 0.10])
DONT_KNOW = 0.03
# Segment questions like vroegsignalering's: skewed, some groups rare.
SEGMENTS = {
    "rondkomen": [0.08, 0.2, 0.35, 0.27, 0.1],
    "buffer": [0.3, 0.3, 0.25, 0.15],
    "zorgen": [0.04, 0.06, 0.1, 0.12, 0.16, 0.16, 0.13, 0.1, 0.07, 0.06],
    "vertrouwen": [0.1, 0.4, 0.35, 0.15],
    "levensgebeurtenis": [0.25, 0.75],
}
HEADER = """
id = "synthetic"
version = 1
design = "between"
control = "v0"
primary_outcome = "usefulness"
target_per_variant = 20
title = {{ nl = "t", en = "t" }}
intro = {{ nl = "i", en = "i" }}
consent = {{ version = "1", nl = "c", en = "c" }}

[organisation]
name = {{ nl = "o", en = "o" }}
email = "o@example.nl"
privacy = {{ nl = "p", en = "p" }}
retention = {{ nl = "r", en = "r" }}
"""
QUESTION = """
[[questions]]
id = "{id}"
type = "{type}"
better = "{better}"
text = {{ nl = "q", en = "q" }}
{margin}"""
SEGMENT = """
[[segments]]
id = "{id}"
type = "{type}"
ordered = true
required = false
text = {{ nl = "s", en = "s" }}
{options}"""


def study(arms=9, usefulness="likert7", intrusiveness="likert7", segments=(),
          margins=None):  # fmt: skip
    """A between-subjects study with ARMS variants (v0 the control).

    MARGINS maps a question id to its declared margin (none: the default).
    """
    margins = margins or {}
    text = HEADER.format()
    for index in range(arms):
        text += (
            f'\n[[variants]]\nid = "v{index}"\ntemplate = "letter/v{index}"\n'
            f'label = {{ nl = "V{index}", en = "V{index}" }}\n'
        )
    for qid, qtype, better in (
        ("usefulness", usefulness, "higher"),
        ("intrusiveness", intrusiveness, "lower"),
    ):
        margin = f"margin = {margins[qid]}\n" if qid in margins else ""
        text += QUESTION.format(id=qid, type=qtype, better=better, margin=margin)
    for sid in segments:
        if sid == "levensgebeurtenis":
            text += SEGMENT.format(id=sid, type="yes_no", options="")
            continue
        options = "".join(
            f'[[segments.options]]\nid = "o{k}"\nnl = "o"\nen = "o"\n'
            for k in range(len(SEGMENTS[sid]))
        )
        text += SEGMENT.format(id=sid, type="choice", options=options)
    return parse_study(text, "synthetic.toml")


FACTORIAL_HEADER = HEADER.replace('design = "between"\ncontrol = "v0"\n', "").replace(
    'id = "synthetic"\nversion = 1\n',
    'id = "synthetic"\nversion = 1\ndesign = "factorial"\ntemplate = "letter/f"\n',
)


def factorial_study(factors=3, usefulness="likert7", intrusiveness="likert7",
                    margins=None):  # fmt: skip
    """A factorial study of FACTORS two-level factors f0, f1, … (levels a, b)."""
    margins = margins or {}
    text = FACTORIAL_HEADER.format()
    for index in range(factors):
        text += (
            f'\n[[factors]]\nid = "f{index}"\n'
            f'label = {{ nl = "F{index}", en = "F{index}" }}\n'
            'levels = [{ id = "a", nl = "A", en = "A" },'
            ' { id = "b", nl = "B", en = "B" }]\n'
        )
    for qid, qtype, better in (
        ("usefulness", usefulness, "higher"),
        ("intrusiveness", intrusiveness, "lower"),
    ):
        margin = f"margin = {margins[qid]}\n" if qid in margins else ""
        text += QUESTION.format(id=qid, type=qtype, better=better, margin=margin)
    return parse_study(text, "synthetic.toml")


def _answers(rng, n, probs, dont_know):
    """N answers (NaN for don't know) drawn from PROBS over the answer values."""
    values = POINTS if probs.size == 7 else np.array([0.0, 1.0])
    counts = rng.multinomial(n, np.append(probs * (1 - dont_know), dont_know))
    return np.concatenate([np.repeat(values, counts[:-1]), np.full(counts[-1], np.nan)])


def evidence(study_, rng, per_arm, outcomes, dont_know=DONT_KNOW):
    """Evidence of PER_ARM people per variant; OUTCOMES[question][arm] = probs."""
    columns, assignments = {}, []
    people = np.arange(per_arm * len(study_.variants))
    for arm, variant in enumerate(study_.variants):
        mine = people[arm * per_arm : (arm + 1) * per_arm]
        assignments += [(int(pid), variant.id, 0, 1, 1, None) for pid in mine]
        for question, by_arm in outcomes.items():
            numbers = _answers(rng, per_arm, by_arm[arm], dont_know)
            columns[(question, variant.id)] = Column(mine.copy(), numbers)
    segment_answers = {}
    for segment in study_.segments:
        ids = segment.option_ids()
        drawn = rng.choice(len(ids), size=people.size, p=SEGMENTS[segment.id])
        segment_answers[segment.id] = (people.copy(), [ids[i] for i in drawn])
    return Evidence(columns, {}, {}, segment_answers, assignments)
