"""Which variant helps, which intrudes, and for whom: the study report.

Reads the evidence once and hands arrays to the pure statistics layer.
Nothing here is stored: a report is computed from the database every time.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np

from sprintlab import stats
from sprintlab.reporting.data_use import data_use_reports
from sprintlab.reporting.evidence import SCALE, VariantSummary, load_evidence, summarise
from sprintlab.reporting.factorial import factor_family, factor_reports
from sprintlab.reporting.preregistration import status
from sprintlab.reporting.rankings import ranking_reports
from sprintlab.reporting.segments import segment_reports, segment_summary
from sprintlab.reporting.verdicts import verdict_family, verdicts
from sprintlab.reporting.within import first_exposures, order_balance, period_effects


@dataclass(frozen=True)
class QuestionReport:
    """One question: per-variant summaries, the omnibus test and the comparisons."""

    question: object
    summaries: tuple
    omnibus: object | None = None
    comparisons: dict = field(default_factory=dict)  # (control, variant) -> Comparison
    association: object | None = None
    note: str = ""
    role: str = "exploratory"  # helpfulness | intrusiveness | exploratory
    dont_know: object | None = None  # stats.DontKnowRates (rating questions)

    def summary(self, variant_id):
        """The summary of one variant."""
        return next(s for s in self.summaries if s.variant == variant_id)


@dataclass(frozen=True)
class Report:
    """The whole analysis of a study."""

    study: object
    participants: int
    completed: int
    started_per_variant: dict
    answered_per_variant: dict
    balance: object | None
    attrition: object | None
    questions: tuple
    segments: tuple
    verdicts: dict
    excluded_speeders: bool
    family: object = None  # reporting.verdicts.Family
    # Within designs only: {question: {(control, variant): Comparison}} from
    # first exposures, and {question: stats.PeriodEffect}.
    first_exposure: dict = field(default_factory=dict)
    period_effects: dict = field(default_factory=dict)
    segment_summary: object | None = None  # reporting.segments.SegmentSummary
    data_use: tuple = ()  # reporting.data_use.SourceReport per question and source
    rankings: tuple = ()  # reporting.rankings.RankingReport per rank question
    # reporting.preregistration.Status: the plan, its deviations and what lies
    # outside it; None when the report was made without the database.
    preregistration: object | None = None
    # Factorial designs only: a FactorReport per factor (the verdicts are
    # theirs, ``verdicts`` is empty) and an InteractionReport per question
    # and pair of factors (reporting.factorial).
    factors: tuple = ()
    interactions: tuple = ()

    def question(self, question_id):
        """The report of one question; KeyError when it has none."""
        for report in self.questions:
            if report.question.id == question_id:
                return report
        raise KeyError(question_id)


def variant_order(study):
    """The control first, then the other variants in file order."""
    return [study.control] + [v.id for v in study.variants if v.id != study.control]


def _rating_report(study, question, evidence, all_pairs):
    ids = variant_order(study)
    groups = [evidence.numeric(question.id, vid) for vid in ids]
    summaries = tuple(
        summarise(question.type, vid, g) for vid, g in zip(ids, groups, strict=True)
    )
    usable = [g[~np.isnan(g)] for g in groups]
    if usable[0].size < 2 or sum(1 for g in usable if g.size >= 2) < 2:
        return QuestionReport(question, summaries, note="too few answers to compare")
    higher = question.better != "lower"
    if question.type == "yes_no":
        return _binary_report(question, ids, usable, summaries, higher)
    paired = study.design == "within"
    data = evidence.paired_table(question.id, ids) if paired else groups
    try:
        omnibus = stats.omnibus_ordinal(
            data, paired=paired, pairs="all" if all_pairs else "control",
            scale=SCALE, higher_is_better=higher,
        )  # fmt: skip
    except ValueError as error:
        return QuestionReport(question, summaries, note=str(error))
    comparisons = {
        (ids[i], ids[j]): comparison
        for (i, j), comparison in zip(
            omnibus.pair_indices, omnibus.pairwise, strict=True
        )
    }
    return QuestionReport(question, summaries, omnibus, comparisons)


def _binary_report(question, ids, usable, summaries, higher):
    found = {
        (ids[0], vid): stats.compare_binary(usable[0], values, higher_is_better=higher)
        for vid, values in zip(ids[1:], usable[1:], strict=True)
        if values.size
    }
    adjusted = stats.holm([c.p_value for c in found.values()]) if found else []
    comparisons = {
        key: replace(comparison, p_adjusted=float(p))
        for (key, comparison), p in zip(found.items(), adjusted, strict=True)
    }
    return QuestionReport(question, summaries, None, comparisons)


def _choice_report(study, question, evidence):
    ids = [v.id for v in study.variants]
    options = [o.id for o in question.options]
    counts = {vid: evidence.choice_counts(question.id, vid, options) for vid in ids}
    summaries = tuple(_choice_summary(vid, options, counts[vid]) for vid in ids)
    table = np.array([counts[vid] for vid in ids])
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return QuestionReport(question, summaries, note="too few answers to compare")
    association = stats.categorical_association(table)
    return QuestionReport(question, summaries, association=association)


def _choice_summary(variant_id, options, counts):
    distribution = dict(zip(options, counts, strict=True))
    return VariantSummary(variant_id, sum(counts), 0, distribution, None, None, None)


def _balance(study, evidence):
    started, answered = defaultdict(int), defaultdict(int)
    for _, variant, _, was_answered, _, _ in evidence.assignments:
        started[variant] += 1
        answered[variant] += int(bool(was_answered))
    ids = variant_order(study)
    started = {vid: started[vid] for vid in ids}
    answered = {vid: answered[vid] for vid in ids}
    if not study.between_subjects:
        return started, answered, order_balance(study, evidence), None
    if sum(started.values()) < 2 * len(ids):
        return started, answered, None, None
    balance = stats.sample_ratio_mismatch([started[v] for v in ids])
    attrition = None
    if all(started[v] > 0 for v in ids):
        attrition = stats.attrition_mismatch(
            [started[v] for v in ids], [answered[v] for v in ids]
        )
    return started, answered, balance, attrition


def analyse(db, study, exclude_speeders=False, all_pairs=False, segments=True):
    """The full report of STUDY from the evidence in DB.

    SEGMENTS=False leaves the per-segment analyses out (``Report.segments``
    is then empty), for a page that does not show them.
    """
    evidence = load_evidence(db, study, exclude_speeders, segments=segments)
    report = report_from_evidence(study, evidence, exclude_speeders, all_pairs,
                                  segments)  # fmt: skip
    return replace(report, preregistration=status(db, study, report))


def report_from_evidence(
    study, evidence, exclude_speeders=False, all_pairs=False, segments=True
):
    """The full report of STUDY from evidence already read (see analyse)."""
    factorial = study.design == "factorial"
    family = factor_family(study) if factorial else verdict_family(study)
    questions = []
    for question in study.questions:
        if question.type in ("likert7", "yes_no"):
            report = _rating_report(study, question, evidence, all_pairs)
            questions.append(
                replace(report, role=family.role(question.id),
                        dont_know=dont_know_rates(study, question, evidence))
            )  # fmt: skip
        elif question.type == "choice":
            questions.append(_choice_report(study, question, evidence))
    started, answered, balance, attrition = _balance(study, evidence)
    dont_know = {q.question.id: q.dont_know for q in questions if q.dont_know}
    by_segment = segment_reports(study, evidence) if segments else ()
    factors, interactions = factor_reports(study, evidence) if factorial else ((), ())
    return Report(
        study=study,
        participants=len({row[0] for row in evidence.assignments}),
        completed=len({row[0] for row in evidence.assignments if row[4]}),
        started_per_variant=started,
        answered_per_variant=answered,
        balance=balance,
        attrition=attrition,
        questions=tuple(questions),
        segments=by_segment,
        verdicts={} if factorial else verdicts(study, evidence, family, dont_know),
        excluded_speeders=exclude_speeders,
        family=family,
        first_exposure=first_exposures(study, evidence),
        period_effects=period_effects(study, evidence),
        segment_summary=segment_summary(by_segment) if segments else None,
        data_use=data_use_reports(study, evidence),
        rankings=ranking_reports(study, evidence),
        factors=factors,
        interactions=interactions,
    )


def dont_know_rates(study, question, evidence):
    """Don't-know answers per variant on QUESTION, and whether the rates differ."""
    ids = variant_order(study)
    columns = [evidence.column(question.id, vid).numbers for vid in ids]
    dont_know = [int(np.isnan(c).sum()) for c in columns]
    return stats.dont_know_rates(ids, dont_know, [c.size for c in columns])


def free_texts(evidence, study, question_id):
    """The free-text answers to QUESTION_ID per variant (scrubbed at entry)."""
    return {v.id: evidence.texts.get((question_id, v.id), []) for v in study.variants}
