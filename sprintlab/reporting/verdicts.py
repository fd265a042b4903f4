"""A verdict per variant: helpfulness and intrusiveness, each a tested claim.

The verdicts form one stated family: every variant other than the control,
crossed with the study's two verdict outcomes (helpfulness = the primary
outcome, intrusiveness = ``study.intrusiveness_outcome``), m comparisons in
all. Each comparison is one difference test on the scale its margin is
declared in (mean difference in scale points, or the difference in the share
of "yes"), read from one interval at 1 - alpha/m: better, worse, equivalent,
not worse or unclear (see ``stats.margins``). Each wrong claim needs an
interval that missed the truth, and by Bonferroni all m intervals hold
together with probability at least 1 - alpha: so the chance that ANY claim in
the family is wrong is at most alpha. Every other question is exploratory.

The words say exactly what holds: "not more intrusive" only when the
intrusiveness claim is better, equivalent or not worse, never because the
intrusiveness result is merely unclear or missing.
"""

import functools
from dataclasses import dataclass

import numpy as np

from sprintlab import stats
from sprintlab.content.outcomes import smallest_difference, verdict_questions
from sprintlab.reporting.evidence import scale_points
from sprintlab.reporting.wording import NOTES, verdict_notes, verdict_text

ALPHA = 0.05
ROLES = ("helpfulness", "intrusiveness")
NO_INTRUSIVENESS = NOTES["en"]["no_intrusiveness"]


@dataclass(frozen=True)
class Family:
    """The verdict family: which comparisons share the family-wise error alpha."""

    alpha: float
    variants: tuple  # the variants judged against the control
    helpfulness: object  # Question
    intrusiveness: object | None  # Question, or None when the study has none

    @property
    def size(self):
        """m: variants x verdict outcomes."""
        outcomes = 1 if self.intrusiveness is None else 2
        return max(1, len(self.variants) * outcomes)

    @property
    def confidence(self):
        """The level of each interval: 1 - alpha/m."""
        return 1 - self.alpha / self.size

    def role(self, question_id):
        """'helpfulness', 'intrusiveness' or 'exploratory' for a question."""
        if question_id == self.helpfulness.id:
            return "helpfulness"
        if self.intrusiveness is not None and question_id == self.intrusiveness.id:
            return "intrusiveness"
        return "exploratory"


@dataclass(frozen=True)
class Claim:
    """One verdict outcome of one variant: the claim, its test and the planned n."""

    role: str
    question: object | None
    decision: str  # one of stats.DECISIONS
    test: object | None  # stats.DifferenceTest, None when no test was possible
    planned: object | None  # stats.PlannedSize from the declared margin
    note: str = ""
    dont_know_flag: bool = False

    @property
    def current_n(self):
        """Answers in the smaller arm (pairs within subjects), 0 without a test."""
        return 0 if self.test is None else min(self.test.n_control, self.test.n_variant)


@dataclass(frozen=True)
class Verdict:
    """What a policy team may take from one variant versus the control."""

    text: str
    helpfulness: str  # better | worse | equivalent | not_worse | unclear
    intrusiveness: str  # (intrusiveness "better" means less intrusive)
    claims: dict  # role -> Claim
    planned_n: int | None
    current_n: int
    note: str = ""


def verdict_family(study):
    """The study's verdict family at ALPHA."""
    helpfulness, intrusiveness = verdict_questions(study)
    variants = tuple(v.id for v in study.variants if v.id != study.control)
    return Family(ALPHA, variants, helpfulness, intrusiveness)


def _kind(question):
    return "binary" if question.type == "yes_no" else "ordinal"


def difference_test(study, evidence, family, question, variant_id):
    """The verdict-level test of VARIANT_ID against the control on QUESTION."""
    options = {
        "margin": smallest_difference(question),
        "higher_is_better": question.better != "lower",
        "alpha": family.alpha,
        "family_size": family.size,
    }
    if study.design == "within":
        # Pairwise complete: everyone who rated both, whatever else is missing.
        table = evidence.paired_table(question.id, [study.control, variant_id])
        return stats.difference_test(
            table[:, 0], table[:, 1], kind=_kind(question), paired=True, **options
        )
    control = evidence.numeric(question.id, study.control)
    variant = evidence.numeric(question.id, variant_id)
    missing = int(np.isnan(control).sum() + np.isnan(variant).sum())
    control, variant = control[~np.isnan(control)], variant[~np.isnan(variant)]
    if question.type == "yes_no":
        return stats.risk_difference_test(
            int(control.sum()), control.size, int(variant.sum()), variant.size,
            n_missing=missing, **options,
        )  # fmt: skip
    points = np.array(scale_points(question.type), dtype=float)
    return stats.difference_test_counts(
        points, _counts(points, control), _counts(points, variant),
        n_missing=missing, **options,
    )  # fmt: skip


def _counts(points, values):
    return np.bincount(np.searchsorted(points, values), minlength=points.size)


@functools.lru_cache(maxsize=256)
def _planned(margin, kind, paired, alpha, family_size):
    """stats.planned_n, once per margin and family (the same for every variant)."""
    return stats.planned_n(
        margin, kind=kind, paired=paired, alpha=alpha, family_size=family_size
    )


def _claim(study, evidence, family, role, question, variant_id, dont_know):
    if question is None:
        return Claim(role, None, "unclear", None, None, NO_INTRUSIVENESS)
    if smallest_difference(question) is None:
        why = (
            f"“{question.text['en']}” is a {question.type} question: no difference"
            " to test"
        )
        return Claim(role, question, "unclear", None, None, why)
    planned = _planned(smallest_difference(question), _kind(question),
                       study.design == "within", family.alpha, family.size)  # fmt: skip
    flag = bool(dont_know.get(question.id) and dont_know[question.id].differ)
    try:
        test = difference_test(study, evidence, family, question, variant_id)
    except ValueError as error:
        return Claim(role, question, "unclear", None, planned, str(error), flag)
    return Claim(role, question, test.decision, test, planned, test.note, flag)


def says_why(claim):
    """Does the claim's note say why no claim could be made?"""
    test = claim.test
    if test is None:
        return bool(claim.note)
    return test.achieved_confidence < test.confidence


def verdict_for(study, evidence, family, variant_id, dont_know=None):
    """The verdict for VARIANT_ID against the control, from the evidence."""
    claims = {
        role: _claim(study, evidence, family, role, question, variant_id,
                     dont_know or {})
        for role, question in zip(
            ROLES, (family.helpfulness, family.intrusiveness), strict=True
        )
    }  # fmt: skip
    planned = [c.planned.n_per_variant for c in claims.values() if c.planned]
    measured = [c for c in claims.values() if c.question is not None]
    current = min(c.current_n for c in measured)
    planned_n = max(planned) if planned else None
    help_claim, intr_claim = claims["helpfulness"], claims["intrusiveness"]
    text = verdict_text(help_claim, intr_claim, planned_n, current, "en")
    return Verdict(text, help_claim.decision, intr_claim.decision, claims,
                   planned_n, current, verdict_notes(claims, says_why))  # fmt: skip


def verdicts(study, evidence, family, dont_know=None):
    """The verdict of every variant against the control, in study order."""
    return {
        vid: verdict_for(study, evidence, family, vid, dont_know)
        for vid in family.variants
    }


def planned_n_for(study, family):
    """The n per variant the verdict outcomes' margins need (None: no margin)."""
    planned = [
        _planned(smallest_difference(q), _kind(q), study.design == "within",
                 family.alpha, family.size).n_per_variant
        for q in (family.helpfulness, family.intrusiveness)
        if q is not None and smallest_difference(q) is not None
    ]  # fmt: skip
    return max(planned) if planned else None
