"""Error rates of what a factorial report claims, through reporting.factorial.

Seeded synthetic factorial studies (tests/synthetic.py: drawn answers per
cell, no database) go through factor_reports, the code the report uses. A
claim is wrong when the truth contradicts it: "better" when the factor's
true main effect is not better, "equivalent" when it lies outside the
margin, and so on (stats.margins). The truth is exact: the expected answer
per cell from its known distribution. 300 studies: SE 1.3 points at 5%.
"""

import itertools

import numpy as np
import pytest
from scipy.stats import norm

from sprintlab.reporting.factorial import factor_reports
from tests import synthetic

STUDIES = 300
POINTS = np.arange(1, 8, dtype=float)
MARGIN = 0.5


def shifted(shift):
    """The realistic 7-point distribution with its latent value moved SHIFT SDs."""
    cuts = norm.ppf(np.cumsum(synthetic.REALISTIC)[:-1])
    return np.diff(np.concatenate([[0.0], norm.cdf(cuts - shift), [1.0]]))


def by_cell(study, shift_of):
    """Per cell (in variant order) the distribution for its latent SHIFT_OF(cell)."""
    return [
        shifted(shift_of(tuple(int(v.levels[f.id] == "b") for f in study.factors)))
        for v in study.variants
    ]


def truth(study, distributions):
    """Each factor's true main effect in scale points, by factor id."""
    means = {
        tuple(int(v.levels[f.id] == "b") for f in study.factors): probs @ POINTS
        for v, probs in zip(study.variants, distributions, strict=True)
    }
    return {
        f.id: np.mean([m for c, m in means.items() if c[i]])
        - np.mean([m for c, m in means.items() if not c[i]])
        for i, f in enumerate(study.factors)
    }


def wrong(decision, true, higher_is_better):
    """Whether DECISION contradicts the TRUE difference (oriented: + is better)."""
    good = true if higher_is_better else -true
    return {
        "better": good <= 0,
        "worse": good >= 0,
        "equivalent": abs(good) >= MARGIN,
        "not_worse": good <= -MARGIN,
        "unclear": False,
    }[decision]


def run(study, helps, intrudes, per_cell, seed):
    rng = np.random.default_rng(seed)
    outcomes = {"usefulness": helps, "intrusiveness": intrudes}
    for _ in range(STUDIES):
        evidence = synthetic.evidence(study, rng, per_cell, outcomes, dont_know=0)
        yield factor_reports(study, evidence)


def test_under_no_effect_no_factor_claim_and_no_interaction_holds_beyond_5_percent():
    study = synthetic.factorial_study()
    same = by_cell(study, lambda cell: 0.0)
    directional = holds = 0
    for factors, interactions in run(study, same, same, 20, 20_261_211):
        directional += any(
            claim in ("better", "worse")
            for f in factors
            for claim in (f.helpfulness, f.intrusiveness)
        )
        holds += any(found.holds for found in interactions)
    assert 0.02 <= directional / STUDIES <= 0.07, directional
    assert holds / STUDIES <= 0.07, holds


@pytest.mark.parametrize("per_cell", [10, 40])
def test_with_real_effects_claims_are_wrong_at_most_5_percent_and_found(per_cell):
    # f0 helps (about +0.75 points), f1 intrudes less (about -0.45), f2 does
    # nothing; f0 and f1 also interact on helpfulness.
    study = synthetic.factorial_study()
    helps = by_cell(study, lambda c: 0.5 * c[0] + 0.3 * c[0] * c[1])
    intrudes = by_cell(study, lambda c: -0.3 * c[1])
    true = {"usefulness": truth(study, helps), "intrusiveness": truth(study, intrudes)}
    assert true["usefulness"]["f0"] > 0.75 and true["intrusiveness"]["f1"] < -0.4
    wrong_family, found = 0, 0
    for factors, _ in run(study, helps, intrudes, per_cell, per_cell):
        claims = [
            wrong(t.decision, true[t.question.id][f.factor.id], t.role == "helpfulness")
            for f in factors
            for t in f.tests
            if t.decision is not None
        ]
        assert len(claims) == 6  # 3 factors x 2 verdict outcomes: one family
        wrong_family += any(claims)
        found += factors[0].helpfulness == "better"
    assert wrong_family / STUDIES <= 0.07, wrong_family
    if per_cell == 40:
        assert found / STUDIES > 0.8, found


def test_an_interaction_that_is_there_holds_and_qualifies_both_verdicts():
    study = synthetic.factorial_study(factors=2)
    helps = by_cell(study, lambda c: 1.2 * c[0] * c[1])  # only together
    same = by_cell(study, lambda c: 0.0)
    held = 0
    for factors, interactions in itertools.islice(run(study, helps, same, 60, 5), 100):
        pair = next(i for i in interactions if i.question.id == "usefulness")
        held += pair.holds
        if pair.holds:
            assert factors[0].interactions == ("f1",)
            assert factors[1].interactions == ("f0",)
    assert held > 80
