"""A factorial study's report: each factor's main effect, and two-way interactions.

Per rated question, the answers of every cell go to one model
(stats.factorial_effects): each factor's main effect (its second level
against its reference, averaged over the other factors) and each pair's
interaction, in the answers' units, with HC2 robust errors.

Verdicts keep the rules of a between study, with the factors in place of
the variants: the family is every factor crossed with the two verdict
outcomes (m comparisons); each main effect on a verdict outcome gets one
interval at 1 - alpha/m, read against the declared margin as better, worse,
equivalent, not worse or unclear (stats.margins), so the chance that any
claim of the family is wrong is at most alpha. Everything else is
exploratory: the main effects on other questions (Holm over the factors per
question) and the interactions. An interaction "holds" when it passes Holm
over every interaction test of the study (every pair on every question), so
the chance that any holds without being there is at most alpha; one that
holds on a verdict outcome is named beside its factors' verdicts: their
effect depends on the other factor.
"""

import math
from dataclasses import dataclass

import numpy as np

from sprintlab import stats
from sprintlab.content.outcomes import smallest_difference, verdict_questions
from sprintlab.languages import LANGUAGES
from sprintlab.reporting.verdicts import ALPHA, ROLES, Claim, Family
from sprintlab.reporting.wording import verdict_text

ESTIMATES = {"likert7": "mean difference", "yes_no": "risk difference"}


@dataclass(frozen=True)
class FactorTest:
    """One factor's main effect on one question, as a verdict or exploratory test."""

    question: object
    role: str
    effect: object | None  # stats.Effect; None when the model could not be fitted
    confidence: float
    interval: tuple | None
    p_adjusted: float | None
    decision: str | None  # a verdict outcome's claim; None for exploratory ones
    margin: float | None
    n: int = 0
    note: str = ""

    @property
    def estimate_name(self):
        """'mean difference' (scale points) or 'risk difference' (share of yes)."""
        return ESTIMATES[self.question.type]


@dataclass(frozen=True)
class FactorReport:
    """What a team may take from one factor: its verdict and every question."""

    factor: object  # content.studies.Factor
    tests: tuple  # FactorTest per rated question, in study order
    helpfulness: str
    intrusiveness: str
    text: dict  # the verdict in words, by language
    interactions: tuple = ()  # the other factors it interacts with (holding)
    planned_per_cell: int | None = None

    def test(self, question_id):
        """The FactorTest of QUESTION_ID."""
        return next(t for t in self.tests if t.question.id == question_id)


@dataclass(frozen=True)
class InteractionReport:
    """Does one factor's effect depend on another's level? (exploratory)."""

    factors: tuple
    question: object
    effect: object
    interval: tuple
    p_adjusted: float
    holds: bool


def factor_family(study):
    """The verdict family of a factorial study: factors x verdict outcomes."""
    helpfulness, intrusiveness = verdict_questions(study)
    return Family(ALPHA, tuple(f.id for f in study.factors), helpfulness, intrusiveness)


def cell_answers(study, evidence, question):
    """(answers, levels (n, F) 0/1) of QUESTION in every cell; don't-knows left out."""
    values, levels = [], []
    for variant in study.variants:
        numbers = evidence.numeric(question.id, variant.id)
        numbers = numbers[~np.isnan(numbers)]
        cell = [0 if variant.levels[f.id] == f.reference else 1 for f in study.factors]
        values.append(numbers)
        levels.append(np.tile(cell, (numbers.size, 1)))
    return np.concatenate(values), np.concatenate(levels).reshape(-1, len(cell))


def _fit(study, evidence, question):
    values, levels = cell_answers(study, evidence, question)
    try:
        return stats.factorial_effects(values, levels, [f.id for f in study.factors])
    except ValueError as error:
        return str(error)


def _main_tests(study, family, question, fit):
    """Each factor's FactorTest on QUESTION (verdict or exploratory)."""
    role = family.role(question.id)
    if isinstance(fit, str):
        return [
            FactorTest(question, role, None, 0.95, None, None,
                       "unclear" if role != "exploratory" else None,
                       smallest_difference(question), note=fit)
            for _ in study.factors
        ]  # fmt: skip
    effects = [fit.effect(f.id) for f in study.factors]
    higher = question.better != "lower"
    if role == "exploratory":
        adjusted = stats.holm([e.p_value for e in effects])
        return [
            FactorTest(question, role, e, 0.95, e.interval(0.95), float(p), None,
                       smallest_difference(question), fit.n)
            for e, p in zip(effects, adjusted, strict=True)
        ]  # fmt: skip
    margin = smallest_difference(question)
    tests = []
    for effect in effects:
        low, high = effect.interval(family.confidence)
        oriented = stats.oriented(low, high, higher)
        tests.append(
            FactorTest(
                question, role, effect, family.confidence, (low, high),
                min(1.0, effect.p_value * family.size),
                stats.decide(*oriented, margin), margin, fit.n,
            )
        )  # fmt: skip
    return tests


def _interactions(found):
    """FOUND (question, stats.Effect) pairs, Holm-adjusted over all of them."""
    adjusted = stats.holm([e.p_value for _, e in found]) if found else []
    return [
        InteractionReport(e.factors, question, e, e.interval(0.95), float(p),
                          bool(p < ALPHA))
        for (question, e), p in zip(found, adjusted, strict=True)
    ]  # fmt: skip


class _Margin:
    """What wording.margin_words reads from a test: its margin."""

    def __init__(self, margin):
        self.margin = margin


def _claim(role, test):
    if test is None:
        return Claim(role, None, "unclear", None, None)
    return Claim(role, test.question, test.decision, _Margin(test.margin), None)


def _planned_per_cell(study, family):
    """The answers per cell the verdict margins need (80% power, family's alpha).

    A main effect compares the two halves of the cells, so a half needs what
    one arm of a two-arm comparison needs.
    """
    plans = []
    for question in (family.helpfulness, family.intrusiveness):
        if question is None or smallest_difference(question) is None:
            continue
        kind = "binary" if question.type == "yes_no" else "ordinal"
        plan = stats.planned_n(
            smallest_difference(question), kind=kind, paired=False,
            alpha=family.alpha, family_size=family.size,
        )  # fmt: skip
        plans.append(plan.n_per_variant)
    cells_per_half = 2 ** (len(study.factors) - 1)
    return math.ceil(max(plans) / cells_per_half) if plans else None


def factor_reports(study, evidence):
    """(FactorReport per factor, InteractionReport per question and pair)."""
    family = factor_family(study)
    by_question, pairs = {}, []
    for question in study.rated_questions:
        if question.type not in ESTIMATES:
            continue
        fit = _fit(study, evidence, question)
        by_question[question.id] = _main_tests(study, family, question, fit)
        if not isinstance(fit, str):
            pairs += [(question, effect) for effect in fit.interactions]
    interactions = _interactions(pairs)
    planned = _planned_per_cell(study, family)
    reports = []
    for index, factor in enumerate(study.factors):
        tests = tuple(found[index] for found in by_question.values())
        verdict = {
            role: next((t for t in tests if t.role == role), None) for role in ROLES
        }
        help_claim = _claim("helpfulness", verdict["helpfulness"])
        intr_claim = _claim("intrusiveness", verdict["intrusiveness"])
        now = min((t.n for t in verdict.values() if t is not None), default=0)
        per_cell = now // 2 ** len(study.factors)  # planned is per cell too
        text = {
            language: _against(
                verdict_text(help_claim, intr_claim, planned, per_cell, language),
                factor.levels[1].text[language],
                factor.level(factor.reference).text[language],
                language,
            )
            for language in LANGUAGES
        }
        held = tuple(
            other
            for found in interactions
            if found.holds and factor.id in found.factors
            and found.question.id in {t.question.id for t in verdict.values() if t}
            for other in found.factors
            if other != factor.id
        )  # fmt: skip
        reports.append(
            FactorReport(
                factor, tests, help_claim.decision, intr_claim.decision, text,
                tuple(dict.fromkeys(held)), planned,
            )
        )  # fmt: skip
    return tuple(reports), tuple(interactions)


def _against(text, level, reference, language):
    """TEXT said of LEVEL against REFERENCE instead of 'the control'."""
    control = "de controle" if language == "nl" else "the control"
    return f"{level}: " + text.replace(control, reference)
