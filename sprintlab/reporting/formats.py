"""A study report as JSON: stable keys, documented in the README.

The text report (``text_report``) and the HTML report say the same in words.
"""

import json

from sprintlab.content.outcomes import smallest_difference
from sprintlab.reporting.factor_formats import factor_json, interaction_json
from sprintlab.reporting.segments import ALPHA as SEGMENT_ALPHA
from sprintlab.reporting.summary import summary_json
from sprintlab.reporting.survey_json import (
    data_use_json,
    preregistration_json,
    rankings_json,
)
from sprintlab.reporting.survey_json import (
    json_number as _num,
)
from sprintlab.reporting.survey_json import (
    json_pair as _pair,
)


def _interval_tests(c):
    return {
        name: {"test": test, "p_value": _num(p)}
        for name, (test, p) in (c.interval_tests or {}).items()
    }


def comparison_json(control, variant, c, dont_know_flag=False):
    """One variant-versus-control comparison."""
    return {
        "control": control,
        "variant": variant,
        "test": c.test,
        "method": c.method,
        "statistic": _num(c.statistic),
        "p_value": _num(c.p_value),
        "p_adjusted": _num(c.p_adjusted),
        "estimate_name": c.estimate_name,
        "estimate": _num(c.estimate),
        "estimate_ci": [_num(c.ci_low), _num(c.ci_high)],
        "effect_name": c.effect_name,
        "effect": _num(c.effect),
        "effect_ci": _pair(c.effect_ci),
        "mean_difference": _num(c.mean_difference),
        "mean_difference_ci": _pair(c.mean_difference_ci),
        "prob_better": _num(c.prob_better),
        "n_control": c.n_control,
        "n_variant": c.n_variant,
        "min_p_value": _num(c.min_p_value),
        "note": c.note,
        "confidence": _num(c.confidence),
        "achieved_confidence": _num(c.achieved_confidence),
        "interval_tests": _interval_tests(c),
        "prob_better_sensitivity": [
            {"prior_strength": _num(s), "prob_better": _num(p)}
            for s, p in c.prob_better_sensitivity
        ],
        "dont_know_flag": bool(dont_know_flag),
    }


def _summary_json(s):
    return {
        "variant": s.variant,
        "n": s.n,
        "dont_know": s.dont_know,
        "distribution": {str(k): v for k, v in s.distribution.items()},
        "mean": _num(s.mean),
        "mean_ci": _pair(s.mean_ci),
        "median": _num(s.median),
        "sd": _num(s.sd),
    }


def _dont_know_json(rates):
    if rates is None:
        return None
    return {
        "variants": [
            {"variant": v, "dont_know": k, "answers": n, "rate": _num(rate),
             "interval": _pair(interval)}
            for v, k, n, rate, interval in zip(
                rates.variants, rates.dont_know, rates.answers, rates.rates,
                rates.intervals, strict=True,
            )
        ],
        "test": rates.test.test,
        "method": rates.test.method,
        "statistic": _num(rates.test.statistic),
        "p_value": _num(rates.test.p_value),
        "differ": bool(rates.differ),
        "note": rates.note or rates.test.note,
    }  # fmt: skip


def _question_json(q):
    omnibus = q.omnibus
    association = q.association
    flagged = bool(q.dont_know and q.dont_know.differ)
    return {
        "id": q.question.id,
        "type": q.question.type,
        "better": q.question.better,
        "role": q.role,
        "margin": _num(smallest_difference(q.question)),
        "note": q.note,
        "dont_know_rates": _dont_know_json(q.dont_know),
        "variants": [_summary_json(s) for s in q.summaries],
        "omnibus": None
        if omnibus is None
        else {
            "test": omnibus.test,
            "statistic": _num(omnibus.statistic),
            "df": omnibus.df,
            "p_value": _num(omnibus.p_value),
            "effect_name": omnibus.effect_name,
            "effect": _num(omnibus.effect),
        },
        "comparisons": [
            comparison_json(control, variant, c, flagged)
            for (control, variant), c in q.comparisons.items()
        ],
        "association": None
        if association is None
        else {
            "test": association.test,
            "statistic": _num(association.statistic),
            "p_value": _num(association.p_value),
            "cramers_v": _num(association.cramers_v),
        },
    }


def _segment_json(s, with_groups=True):
    interaction, per_segment = [], []
    for variant, test in s.interactions.items():
        if isinstance(test, str):
            interaction.append({"variant": variant, "note": test, "holds": False})
            continue
        interaction.append(
            {
                "variant": variant,
                "test": test.test,
                "method": test.method,
                "statistic": _num(test.statistic),
                "df": _num(test.df),
                "p_value": _num(test.p_value),
                "p_adjusted": _num(s.interaction_p_adjusted.get(variant)),
                "holds": s.holds(variant),
                "note": test.note,
            }
        )
        for level, c in s.per_segment(variant) if with_groups else ():
            per_segment.append(
                {"variant": variant, "level": str(level),
                 "exploratory": not s.holds(variant)}
                | comparison_json(None, variant, c)
            )  # fmt: skip
    return {
        "segment": s.segment.id,
        "outcome": s.outcome.id,
        "ordered": s.ordered,
        "levels": [level for level, _ in s.levels],
        "means": [
            {"variant": v, "level": level} | _summary_json(summary)
            for (v, level), summary in s.means.items()
        ],
        "interaction": interaction,
        "per_segment": per_segment,
        "small": [list(pair) for pair in s.small],
    }


def _segment_tests_json(summary):
    if summary is None:
        return None
    return {
        "possible": summary.possible,
        "tested": summary.tested,
        "findings": [
            {"segment": segment, "outcome": outcome, "variant": variant}
            for segment, outcome, variant in summary.findings
        ],
        "alpha": SEGMENT_ALPHA,
        "method": "Benjamini-Hochberg over every segment test of the study",
        "note": summary.note,
    }


def _balance_json(check):
    if check is None:
        return None
    return {
        "test": check.test,
        "statistic": _num(check.statistic),
        "p_value": _num(check.p_value),
        "mismatch": bool(check.mismatch),
        "observed": list(check.observed),
    }


def report_json(report, per_segment=True):
    """The report as plain JSON-ready data; NaN and infinity become null.

    PER_SEGMENT=False leaves every segment's ``per_segment`` list empty: the
    per-group comparisons are the report's slowest part, and a dashboard
    computes them for the one group it shows.
    """
    study = report.study
    return {
        "study": {
            "id": study.id,
            "version": study.version,
            "hash": study.hash,
            "design": study.design,
            "control": study.control,
            "primary_outcome": study.primary_outcome,
        },
        "participants": report.participants,
        "completed": report.completed,
        "excluded_speeders": report.excluded_speeders,
        "allocation": {
            "started": report.started_per_variant,
            "answered": report.answered_per_variant,
            "sample_ratio": _balance_json(
                report.balance if report.study.between_subjects else None
            ),
            "order_balance": _balance_json(
                report.balance if report.study.design == "within" else None
            ),
            "attrition": _balance_json(report.attrition),
        },
        "questions": [_question_json(q) for q in report.questions],
        "segments": [_segment_json(s, per_segment) for s in report.segments],
        "first_exposure": [
            {"question": question} | comparison_json(control, variant, c)
            for question, found in report.first_exposure.items()
            for (control, variant), c in found.items()
        ],
        "period_effects": [
            _period_json(question, effect)
            for question, effect in report.period_effects.items()
        ],
        "segment_tests": _segment_tests_json(report.segment_summary),
        "family": _family_json(report.family, study.design == "factorial"),
        "verdicts": {
            variant: _verdict_json(v) for variant, v in report.verdicts.items()
        },
        "summary": summary_json(report),
        "data_use": data_use_json(report),
        "rankings": rankings_json(report),
        "preregistration": preregistration_json(report.preregistration),
        "factors": [factor_json(f) for f in report.factors],
        "interactions": [interaction_json(i) for i in report.interactions],
    }


def _period_json(question, effect):
    return {
        "question": question,
        "test": effect.test.test,
        "statistic": _num(effect.test.statistic),
        "df": _num(effect.test.df),
        "p_value": _num(effect.test.p_value),
        "mean_by_position": [_num(m) for m in effect.mean_by_position],
        "n_by_position": list(effect.n_by_position),
        "n_complete": effect.n_complete,
        "note": effect.note,
    }


def _family_json(family, factorial=False):
    judged = "factors" if factorial else "variants"
    return {
        "alpha": family.alpha,
        "size": family.size,
        "confidence": family.confidence,
        "helpfulness": family.helpfulness.id,
        "intrusiveness": family.intrusiveness.id if family.intrusiveness else None,
        "variants": [] if factorial else list(family.variants),
        "factors": list(family.variants) if factorial else [],
        "method": f"simultaneous intervals at 1 - alpha/m (Bonferroni) over the"
        f" {judged} and the two verdict outcomes; every other question is"
        " exploratory",
    }


def _test_json(claim):
    test = claim.test
    planned = claim.planned.n_per_variant if claim.planned else None
    base = {
        "question": claim.question.id if claim.question else None,
        "decision": claim.decision,
        "planned_n": planned,
        "current_n": claim.current_n,
        "dont_know_flag": claim.dont_know_flag,
        "note": claim.note,
    }
    if test is None:
        return base
    return base | {
        "estimate_name": test.estimate_name,
        "estimate": _num(test.estimate),
        "estimate_ci": [_num(test.ci_low), _num(test.ci_high)],
        "higher_is_better": test.higher_is_better,
        "confidence": _num(test.confidence),
        "achieved_confidence": _num(test.achieved_confidence),
        "p_value": _num(test.p_value),
        "p_adjusted": _num(test.p_adjusted),
        "p_non_inferiority": _num(test.p_non_inferiority),
        "p_equivalence": _num(test.p_equivalence),
        "margin": _num(test.margin),
        "test": test.test,
        "method": test.method,
        "n_control": test.n_control,
        "n_variant": test.n_variant,
        "n_missing": test.n_missing,
    }


def _verdict_json(verdict):
    return {
        "text": verdict.text,
        "helpfulness": verdict.helpfulness,
        "intrusiveness": verdict.intrusiveness,
        "helpfulness_test": _test_json(verdict.claims["helpfulness"]),
        "intrusiveness_test": _test_json(verdict.claims["intrusiveness"]),
        "planned_n": verdict.planned_n,
        "current_n": verdict.current_n,
        "note": verdict.note,
    }


def dumps(report):
    """The report as JSON text."""
    return json.dumps(report_json(report), indent=2, ensure_ascii=False)
