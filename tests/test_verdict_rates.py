"""Error rates of what a report claims, per study, through report_from_evidence.

Hundreds of seeded synthetic studies (tests/synthetic.py: drawn counts, no
database) each go through the real report code. Each rate has enough
studies to tell 5% from 10%; the bounds carry their Monte Carlo error.
"""

import numpy as np
import pytest

from sprintlab.reporting.analysis import report_from_evidence
from tests import synthetic

DIRECTIONAL = ("better", "worse")
NOT_WORSE_OR_BETTER = ("better", "equivalent", "not_worse")
# 300 studies: SE 0.0126 at 5%; an observed 7% lies 2.4 SE below 10%.
NULL_STUDIES = 300


@pytest.fixture(scope="module")
def null_studies():
    """vroegsignalering's shape under no effect: N = 180, 9 arms, 5 segment questions.

    Two 7-point verdict outcomes, as in the shipped study (yes/no verdict
    tests are checked for direction end to end and for their error rates
    in tests/test_stats_verdict_rates.py). No "don't know" answers: they
    only make the arms smaller here, and their own test is checked elsewhere.
    """
    study = synthetic.study(segments=list(synthetic.SEGMENTS))
    outcomes = {q: [synthetic.REALISTIC] * 9 for q in ("usefulness", "intrusiveness")}
    rng = np.random.default_rng(20_261_201)
    reports = []
    for _ in range(NULL_STUDIES):
        evidence = synthetic.evidence(study, rng, 20, outcomes, dont_know=0)
        reports.append(report_from_evidence(study, evidence))
    return reports


def test_verdicts_family_wise_error_under_the_global_null(null_studies):
    wrong = [
        any(
            claim in DIRECTIONAL
            for verdict in report.verdicts.values()
            for claim in (verdict.helpfulness, verdict.intrusiveness)
        )
        for report in null_studies
    ]
    assert null_studies[0].family.size == 16
    rate = np.mean(wrong)
    assert 0.02 <= rate <= 0.07, rate


def test_segment_findings_under_no_effect(null_studies):
    findings = [bool(r.segment_summary.findings) for r in null_studies]
    tested = np.mean([r.segment_summary.tested for r in null_studies])
    assert null_studies[0].segment_summary.possible == 80
    # At 20 per arm few groups reach 10 answers per arm: few tests can run,
    # and the report says so rather than test groups of 2.
    assert tested < 2
    assert np.mean(findings) <= 0.07


def test_segment_findings_under_no_effect_where_tests_can_run():
    # 3 arms of 80: every segment test of the study runs (4 ordered groups,
    # merged where small, and a yes/no question; two outcomes, two variants).
    study = synthetic.study(arms=3, segments=["buffer", "levensgebeurtenis"])
    outcomes = {q: [synthetic.REALISTIC] * 3 for q in ("usefulness", "intrusiveness")}
    rng = np.random.default_rng(7)
    found, uncorrected, tested = [], [], []
    for _ in range(NULL_STUDIES):
        evidence = synthetic.evidence(study, rng, 80, outcomes, dont_know=0)
        report = report_from_evidence(study, evidence)
        found.append(bool(report.segment_summary.findings))
        tested.append(report.segment_summary.tested)
        uncorrected.append(any(
            test.p_value < 0.05 for s in report.segments
            for test in s.interactions.values()
        ))  # fmt: skip
    assert np.mean(tested) > 7.9  # nearly always all 8
    # Read one by one, the 8 tests would find something in a large share
    # of these studies; one Benjamini-Hochberg family keeps it near 5%.
    assert np.mean(uncorrected) > 0.15
    assert np.mean(found) <= 0.07


def one_point_up(probs, share):
    """PROBS with a SHARE of every answer moved one point up (none at 7 to move)."""
    up = np.insert(probs[:-1], 0, 0.0)
    return (1 - share) * probs + share * up


@pytest.mark.parametrize("kind", ["likert7", "yes_no"])
def test_no_claim_of_not_more_intrusive_when_it_is_worse_by_the_margin(kind):
    # Two arms: the variant is MORE intrusive by exactly the margin (0.5 scale
    # points, or 10 percentage points more yes). "Not worse", "equivalent"
    # and "better" would all be wrong.
    study = synthetic.study(arms=2, intrusiveness=kind)
    if kind == "likert7":
        control = np.array([0.12, 0.16, 0.2, 0.24, 0.16, 0.12, 0.0])
        variant = one_point_up(control, 0.5)
        assert synthetic.POINTS @ (variant - control) == pytest.approx(0.5)
    else:
        control, variant = np.array([0.5, 0.5]), np.array([0.4, 0.6])
    outcomes = {
        "usefulness": [synthetic.REALISTIC] * 2,
        "intrusiveness": [control, variant],
    }
    rng = np.random.default_rng(11)
    claims = []
    for _ in range(NULL_STUDIES):
        evidence = synthetic.evidence(study, rng, 40, outcomes, dont_know=0)
        report = report_from_evidence(study, evidence, segments=False)
        claims.append(report.verdicts["v1"].intrusiveness)
        texts = report.verdicts["v1"].text
        if report.verdicts["v1"].intrusiveness == "unclear":
            assert "not more intrusive" not in texts
    # m = 2: each interval at 97.5%, so the design level is 1.25%. SE at
    # 10% with 300 studies: 0.017; 0.05 is 2.9 SE below it.
    assert np.mean([c in NOT_WORSE_OR_BETTER for c in claims]) <= 0.05
