"""A factorial study's effects as JSON: the `factors` and `interactions` keys.

Stable keys, documented in the README beside the rest of `analyze --format
json`; numbers that are undefined are null, never NaN.
"""

from sprintlab.reporting.survey_json import json_number as _num
from sprintlab.reporting.survey_json import json_pair as _pair
from sprintlab.stats.factorial import TEST_NAME


def _test_json(test):
    """One factor's main effect on one question."""
    effect = test.effect
    return {
        "question": test.question.id,
        "role": test.role,
        "estimate_name": test.estimate_name,
        "estimate": _num(effect.estimate) if effect else None,
        "interval": _pair(test.interval),
        "confidence": _num(test.confidence),
        "standard_error": _num(effect.standard_error) if effect else None,
        "statistic": _num(effect.statistic) if effect else None,
        "df": effect.df if effect else None,
        "p_value": _num(effect.p_value) if effect else None,
        "p_adjusted": _num(test.p_adjusted),
        "decision": test.decision,
        "margin": _num(test.margin),
        "higher_is_better": test.question.better != "lower",
        "n": test.n,
        "note": test.note,
    }


def _levels_json(factor):
    return [{"id": level.id, "label": dict(level.text)} for level in factor.levels]


def factor_json(report):
    """One factor: the second level against the reference, on every rated question.

    The top-level estimate, interval and p-values are those of the primary
    outcome (the helpfulness verdict); `outcomes[]` has every question.
    """
    primary = next(t for t in report.tests if t.role == "helpfulness")
    return {
        "factor": report.factor.id,
        "label": dict(report.factor.label),
        "levels": _levels_json(report.factor),
        "reference": report.factor.reference,
        "level": report.factor.levels[1].id,
        "test": TEST_NAME,
        **{
            key: value
            for key, value in _test_json(primary).items()
            if key not in ("role", "decision", "higher_is_better")
        },
        "helpfulness": report.helpfulness,
        "intrusiveness": report.intrusiveness,
        "text": report.text["en"],
        "interacts_with": list(report.interactions),
        "planned_per_cell": report.planned_per_cell,
        "outcomes": [_test_json(test) for test in report.tests],
    }


def interaction_json(found):
    """One pair of factors on one question (exploratory)."""
    effect = found.effect
    return {
        "factors": list(found.factors),
        "question": found.question.id,
        "estimate": _num(effect.estimate),
        "interval": _pair(found.interval),
        "confidence": 0.95,
        "standard_error": _num(effect.standard_error),
        "df": effect.df,
        "p_value": _num(effect.p_value),
        "p_adjusted": _num(found.p_adjusted),
        "holds": found.holds,
        "test": TEST_NAME,
    }
