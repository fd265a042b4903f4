"""Which personal data people accept being used: the data_use questions.

Per data source (the rows a message listed), its acceptance: the share of
"yes" among those who said yes or no, with a Wilson interval; "don't know"
is counted, never a scale point. Given overall, per variant, and per group of
each tested segment question. Then: does being told which data were used
change acceptance? Per source, the messages whose template says
`data_explained = true` against those that do not: a risk difference with
Newcombe's interval and Fisher's or the chi-square test, Benjamini-Hochberg
over the sources. Variants are randomised, so the difference is causal for
the variants as written, but a telling message may differ in more than
telling: read it with the variants' labels. All of it is exploratory.
"""

from dataclasses import dataclass, replace

import numpy as np

from sprintlab import stats
from sprintlab.content.data_sources import item_id, label
from sprintlab.reporting.segments import segment_levels

METHOD = (
    "share of yes among yes and no, Wilson 95% interval; told vs not told:"
    " Newcombe risk difference, Fisher exact or chi-square, Benjamini-Hochberg"
    " over the sources"
)


@dataclass(frozen=True)
class Share:
    """Acceptance among a group: yes, no, don't know, and the share of yes."""

    yes: int
    no: int
    dont_know: int
    rate: float | None
    interval: tuple | None

    @property
    def answered(self):
        """Yes and no together (don't know left out)."""
        return self.yes + self.no


def share(values):
    """The Share of VALUES (1 yes, 0 no, NaN don't know)."""
    values = np.asarray(values, dtype=float)
    known = values[~np.isnan(values)]
    yes, n = int(known.sum()), int(known.size)
    if n == 0:
        return Share(0, 0, int(values.size), None, None)
    return Share(yes, n - yes, int(values.size - n), yes / n,
                 stats.wilson_interval(yes, n))  # fmt: skip


@dataclass(frozen=True)
class Telling:
    """Does being told which data were used change acceptance of one source?"""

    told: Share
    not_told: Share
    difference: object  # stats.Estimate (told minus not told)
    test: object  # stats.TestResult
    p_adjusted: float | None = None


@dataclass(frozen=True)
class SourceReport:
    """One data source asked about by one data_use question."""

    question: str
    source: str
    overall: Share
    variants: dict  # variant -> Share
    told_variants: tuple  # variants whose message says which data it used
    telling: Telling | None
    segments: tuple  # (segment question, level, Share)


def _values(evidence, stored, variant_id):
    column = evidence.column(stored, variant_id)
    return column.participants, column.numbers


def _telling(told, not_told):
    if told.answered == 0 or not_told.answered == 0:
        return None
    difference = stats.newcombe_risk_difference(
        not_told.yes, not_told.answered, told.yes, told.answered
    )
    test = stats.association_test(
        not_told.yes, not_told.answered, told.yes, told.answered
    )
    return Telling(told, not_told, difference, test)


def _segments(study, evidence, people, values):
    found = []
    for segment in study.tested_segments:
        answers = evidence.segments.get(segment.id, {})
        given = np.array([answers.get(int(p)) for p in people], dtype=object)
        for level, _ in segment_levels(segment):
            found.append((segment.id, level, share(values[given == level])))
    return tuple(found)


def _source(study, evidence, question, source):
    stored = item_id(question.id, source)
    by_variant, told_values, other_values, told_variants = {}, [], [], []
    people, values = [], []
    for variant in study.variants:
        pids, numbers = _values(evidence, stored, variant.id)
        if not pids.size:
            continue
        by_variant[variant.id] = share(numbers)
        people.append(pids)
        values.append(numbers)
        flags = np.array([evidence.explained.get((int(p), variant.id), False)
                          for p in pids])  # fmt: skip
        told_values.append(numbers[flags])
        other_values.append(numbers[~flags])
        if flags.any():
            told_variants.append(variant.id)
    people, values = np.concatenate(people), np.concatenate(values)
    telling = _telling(share(np.concatenate(told_values)),
                       share(np.concatenate(other_values)))  # fmt: skip
    return SourceReport(question.id, source, share(values), by_variant,
                        tuple(told_variants), telling,
                        _segments(study, evidence, people, values))  # fmt: skip


def _sources_asked(evidence, question):
    """The sources with answers to QUESTION, in the order first seen."""
    prefix = item_id(question.id, "")
    return list(dict.fromkeys(
        stored[len(prefix):] for stored, _ in evidence.columns
        if stored.startswith(prefix)
    ))  # fmt: skip


def data_use_reports(study, evidence):
    """A SourceReport per data_use question and source, tests BH-adjusted."""
    reports = [
        _source(study, evidence, question, source)
        for question in study.data_use_questions
        for source in _sources_asked(evidence, question)
    ]
    tested = [
        index
        for index, r in enumerate(reports)
        if r.telling and np.isfinite(r.telling.test.p_value)
    ]
    p_values = [reports[index].telling.test.p_value for index in tested]
    for index, p in zip(tested, stats.benjamini_hochberg(p_values), strict=True):
        telling = replace(reports[index].telling, p_adjusted=float(p))
        reports[index] = replace(reports[index], telling=telling)
    return tuple(reports)


def source_label(source, language):
    """The label participants read for SOURCE."""
    return label(source, language)
