"""For whom does a variant work? The interaction test, then effects per segment.

Per-segment p-values are never compared. For each segment question, verdict
outcome and variant the question is whether the variant's effect differs
between the segment's groups: a likelihood-ratio test of the variant x group
interaction in a proportional-odds model (``stats.interaction_tests``).
Groups with fewer than ``MIN_CELL`` answers per arm are merged with their
smaller neighbour when the groups are ordered (a 7-point or yes/no segment
question, or a choice question with ``ordered = true``) and left out when
they are not. All those tests of a study form ONE Benjamini-Hochberg family
(segments x variants x outcomes); a *segment finding* is an interaction that
holds in it. The per-segment comparisons are exploratory unless their
interaction holds; they are computed when asked for (``per_segment``).
"""

from dataclasses import dataclass, field, replace

import numpy as np

from sprintlab import stats
from sprintlab.content.outcomes import LARGEST_DIFFERENCE, verdict_questions
from sprintlab.reporting.evidence import scale_points, summarise_counts
from sprintlab.reporting.segment_words import WORDS, segment_tests_text

ALPHA = 0.05
MIN_CELL = 10  # answers per arm in a group before it is tested on its own
SMALL_SEGMENT = 10
WITHIN = WORDS["en"]["within"]
RATED = ("likert7", "yes_no")


@dataclass(frozen=True)
class SegmentReport:
    """One segment question and one outcome: groups, tests and (lazily) effects."""

    segment: object
    outcome: object
    levels: tuple  # (level id, {language: label})
    means: dict  # (variant, level) -> VariantSummary
    tables: dict  # variant -> groups x scale points answer counts, rows as labels
    labels: tuple  # every group label in table-row order (levels first)
    ordered: bool
    interactions: dict  # variant -> stats.TestResult, or a str saying why none
    interaction_p_adjusted: dict  # variant -> BH p over every segment test
    small: tuple  # (variant, level) with fewer than SMALL_SEGMENT answers
    control: str = ""
    _per_segment: dict = field(
        default_factory=dict, init=False, repr=False, compare=False
    )  # variant -> per-segment comparisons, computed when first asked for

    def holds(self, variant_id):
        """Is the interaction of VARIANT_ID a segment finding (BH p < ALPHA)?"""
        p = self.interaction_p_adjusted.get(variant_id)
        return p is not None and p < ALPHA

    def per_segment(self, variant_id):
        """((group, Comparison), ...) of VARIANT_ID, BH-adjusted within the slice."""
        if variant_id not in self._per_segment:
            self._per_segment[variant_id] = _per_segment(self, variant_id)
        return self._per_segment[variant_id]


def segment_levels(segment):
    """The levels of a segment question with their labels."""
    if segment.type == "choice":
        return tuple((o.id, o.text) for o in segment.options)
    if segment.type == "yes_no":
        return (("yes", {"nl": "Ja", "en": "Yes"}), ("no", {"nl": "Nee", "en": "No"}))
    return tuple((str(n), {"nl": str(n), "en": str(n)}) for n in range(1, 8))


def is_ordered(segment):
    """Do the groups of SEGMENT have an order (merged with neighbours when small)?"""
    return segment.type != "choice" or segment.ordered


def report_outcomes(study):
    """The outcomes looked at per segment: the two verdict outcomes, if rated."""
    return [q for q in verdict_questions(study) if q is not None and q.type in RATED]


def _tables(evidence, outcome, variant_id, codes, n_labels):
    """Answers of one variant per segment label (rows) and scale point (columns)."""
    points = np.array(scale_points(outcome.type), dtype=float)
    column = evidence.column(outcome.id, variant_id)
    known = ~np.isnan(column.numbers)
    labels = codes[column.participants[known]]
    given = labels >= 0
    cells = labels[given] * points.size + np.searchsorted(
        points, column.numbers[known][given]
    )
    counts = np.bincount(cells, minlength=n_labels * points.size)
    return counts.reshape(n_labels, points.size)


def _one(study, evidence, segment, outcome):
    levels = segment_levels(segment)
    codes, labels = evidence.segment_codes(segment.id, [level for level, _ in levels])
    ids = [study.control] + [v.id for v in study.variants if v.id != study.control]
    means, small, tables = {}, [], {}
    for vid in ids:
        tables[vid] = _tables(evidence, outcome, vid, codes, len(labels))
        for index, (level, _) in enumerate(levels):
            counts = tables[vid][index]
            means[(vid, level)] = summarise_counts(outcome.type, vid, counts)
            if counts.sum() < SMALL_SEGMENT:
                small.append((vid, level))
    return SegmentReport(
        segment, outcome, levels, means, tables, tuple(labels), is_ordered(segment),
        {}, {}, tuple(small), study.control,
    )  # fmt: skip


def _problem(report, variant_id):
    """(labels, control table, variant table, ordered) for the interaction test."""
    rows = len(report.levels) if report.ordered else len(report.labels)
    # Answers that are no level (an option since removed) have no place in an order.
    control = report.tables[report.control][:rows]
    # The test's notes name the groups it merged or left out: by their labels,
    # as a reader knows them, never by the ids in the study file.
    names = [label["en"] for _, label in report.levels]
    names += list(report.labels[len(report.levels) :])
    return (names[:rows], control, report.tables[variant_id][:rows],
            report.ordered)  # fmt: skip


def _interactions(study, reports):
    """Every interaction test of the study, in one batch; None within subjects."""
    keys = [(i, vid) for i, r in enumerate(reports) for vid in r.tables
            if vid != study.control]  # fmt: skip
    if study.design == "within":
        return {key: WITHIN for key in keys}
    problems = [_problem(reports[i], vid) for i, vid in keys]
    tests = stats.interaction_tests(problems, min_cell=MIN_CELL) if problems else []
    return dict(zip(keys, tests, strict=True))


def segment_reports(study, evidence):
    """Every segment question crossed with the verdict outcomes, one BH family."""
    reports = [
        _one(study, evidence, segment, outcome)
        for segment in study.tested_segments
        for outcome in report_outcomes(study)
    ]
    found = _interactions(study, reports)
    tested = [key for key, test in found.items()
              if not isinstance(test, str) and np.isfinite(test.p_value)]  # fmt: skip
    adjusted = stats.benjamini_hochberg([found[k].p_value for k in tested])
    p_adjusted = dict(zip(tested, (float(p) for p in adjusted), strict=True))
    return tuple(
        replace(
            report,
            interactions={v: t for (i, v), t in found.items() if i == index},
            interaction_p_adjusted={
                v: p for (i, v), p in p_adjusted.items() if i == index
            },
        )
        for index, report in enumerate(reports)
    )


@dataclass(frozen=True)
class SegmentSummary:
    """How many segment tests there could be, were run, and hold."""

    possible: int
    tested: int
    findings: tuple  # (segment id, outcome id, variant id) of every finding
    within: bool = False  # within subjects: no tests, estimates only
    min_cell: int = MIN_CELL
    alpha: float = ALPHA

    @property
    def note(self):
        """The summary in English words (the JSON report's)."""
        return segment_tests_text(self, "en")


def segment_summary(reports):
    """The count of possible, run and holding segment tests, in words too."""
    possible = tested = 0
    findings = []
    for report in reports:
        for vid in report.interactions:
            possible += 1
            tested += vid in report.interaction_p_adjusted
            if report.holds(vid):
                findings.append((report.segment.id, report.outcome.id, vid))
    if possible and all(isinstance(test, str) for r in reports
                        for test in r.interactions.values()):  # fmt: skip
        return SegmentSummary(possible, 0, (), within=True)
    return SegmentSummary(possible, tested, tuple(findings))


def _per_segment(report, variant_id):
    """Per-group comparisons of one variant against the control (exploratory)."""
    if variant_id not in report.tables or variant_id == report.control:
        return ()
    points = np.array(scale_points(report.outcome.type), dtype=float)
    higher = report.outcome.better != "lower"
    found = []
    for label, c_row, v_row in zip(
        report.labels, report.tables[report.control], report.tables[variant_id],
        strict=True,
    ):  # fmt: skip
        if not c_row.sum() or not v_row.sum():
            continue
        if report.outcome.type == "yes_no":
            comparison = stats.compare_binary_counts(
                int(c_row[1]), int(c_row.sum()), int(v_row[1]), int(v_row.sum()),
                higher_is_better=higher,
            )  # fmt: skip
        else:
            comparison = stats.compare_ordinal_counts(
                points, c_row, v_row, higher_is_better=higher, detail="lite"
            )
        found.append((label, comparison))
    widest = LARGEST_DIFFERENCE[report.outcome.type]
    adjusted = stats.benjamini_hochberg([c.p_value for _, c in found]) if found else []
    return tuple(
        (label, _exploratory(comparison, p, widest))
        for (label, comparison), p in zip(found, adjusted, strict=True)
    )


def _exploratory(comparison, p_adjusted, widest):
    """COMPARISON with its BH p and a note when its group is small.

    Its mean difference interval is kept within what the scale allows
    (+-WIDEST): a difference can never be larger.
    """
    note = comparison.note
    if min(comparison.n_control, comparison.n_variant) < SMALL_SEGMENT:
        note = f"{note}; small group (< {SMALL_SEGMENT} per arm)".lstrip("; ")
    low, high = comparison.mean_difference_ci
    return replace(
        comparison, p_adjusted=float(p_adjusted), note=note,
        mean_difference_ci=(max(low, -widest), min(high, widest)),
    )  # fmt: skip
