"""Data-use acceptance and rank reports against small cases worked by hand."""

import numpy as np
import pytest
from scipy import stats as scipy_stats

from sprintlab.content.studies import parse_study
from sprintlab.reporting.data_use import data_use_reports, share
from sprintlab.reporting.evidence import Column, Evidence
from sprintlab.reporting.rankings import ranking_reports
from tests import synthetic

EXTRA = """
[[questions]]
id = "gegevens"
type = "data_use"
text = { nl = "Goed?", en = "Fine?" }

[[segments]]
id = "vertrouwen"
type = "yes_no"
required = false
text = { nl = "Vertrouwen?", en = "Trust?" }

[[segments]]
id = "kanaal"
type = "rank"
required = false
text = { nl = "Volgorde?", en = "Order?" }
options = [
  { id = "brief", nl = "Brief", en = "Letter" },
  { id = "sms", nl = "Sms", en = "SMS" },
  { id = "geen", nl = "Geen", en = "None" },
]
"""
NAN = float("nan")


@pytest.fixture
def study():
    return parse_study(synthetic.study(arms=2).text + EXTRA, "hand.toml")


def evidence():
    """naam-adres: v0 (not told) yes, no, no, no; v1 (told) yes, yes, no, dk."""
    columns = {
        ("gegevens:naam-adres", "v0"): Column(
            np.array([1, 2, 3, 4]), np.array([1.0, 0.0, 0.0, 0.0])
        ),
        ("gegevens:naam-adres", "v1"): Column(
            np.array([5, 6, 7, 8]), np.array([1.0, 1.0, 0.0, NAN])
        ),
    }
    assignments = [(p, "v0" if p < 5 else "v1", 0, 1, 1, None) for p in range(1, 9)]
    segments = {
        "vertrouwen": (np.array([1, 2, 5, 6]), ["yes", "no", "yes", "yes"]),
        "kanaal": (
            np.array([1, 2, 3, 5]),
            ["brief,sms,geen", "sms,brief,geen", "brief,geen,sms", "sms,geen"],
        ),
    }
    told = {(p, "v1"): True for p in range(5, 9)} | {
        (p, "v0"): False for p in range(1, 5)
    }
    return Evidence(columns, {}, {}, segments, assignments, told)


def test_acceptance_per_source_variant_and_telling(study):
    (source,) = data_use_reports(study, evidence())
    assert (source.question, source.source) == ("gegevens", "naam-adres")
    # 3 yes of 7 answered, 1 don't know apart
    assert (source.overall.yes, source.overall.no, source.overall.dont_know) == (
        3,
        4,
        1,
    )
    assert source.overall.rate == pytest.approx(3 / 7)
    wilson = scipy_stats.binomtest(3, 7).proportion_ci(method="wilson")
    assert source.overall.interval == pytest.approx((wilson.low, wilson.high))
    assert source.variants["v0"].rate == pytest.approx(1 / 4)
    assert source.variants["v1"].rate == pytest.approx(2 / 3)
    assert source.told_variants == ("v1",)
    telling = source.telling
    assert telling.difference.estimate == pytest.approx(2 / 3 - 1 / 4)
    # Newcombe's hybrid score interval from the two Wilson intervals
    low_t, high_t = scipy_stats.binomtest(2, 3).proportion_ci(method="wilson")
    low_n, high_n = scipy_stats.binomtest(1, 4).proportion_ci(method="wilson")
    d = 2 / 3 - 1 / 4
    assert telling.difference.ci_low == pytest.approx(
        d - np.hypot(2 / 3 - low_t, high_n - 1 / 4)
    )
    assert telling.difference.ci_high == pytest.approx(
        d + np.hypot(high_t - 2 / 3, 1 / 4 - low_n)
    )
    fisher = scipy_stats.fisher_exact([[2, 1], [1, 3]])
    assert telling.test.test == "Fisher exact"
    assert telling.test.p_value == pytest.approx(fisher.pvalue)
    assert telling.p_adjusted == pytest.approx(fisher.pvalue)  # one source: BH = p
    groups = {(s, level): found for s, level, found in source.segments}
    # trust yes: people 1, 5, 6 -> yes, yes, yes; no: person 2 -> no
    assert groups[("vertrouwen", "yes")].yes == 3
    assert (
        groups[("vertrouwen", "no")].no == 1 and groups[("vertrouwen", "no")].yes == 0
    )


def test_a_share_of_nothing_is_no_number():
    empty = share(np.array([NAN, NAN]))
    assert empty.rate is None and empty.interval is None and empty.dont_know == 2


def test_rankings_by_hand(study):
    (report,) = ranking_reports(study, evidence())
    overall = report.overall
    # three complete rankings (person 5 named two options only: left out)
    assert overall.n == 3 and report.options == ("brief", "sms", "geen")
    assert overall.mean_rank == pytest.approx((4 / 3, 2, 8 / 3))
    assert overall.first_share == pytest.approx((2 / 3, 1 / 3, 0))
    assert sum(overall.worth) == pytest.approx(1)
    groups = {(s, level): found for s, level, found in report.segments}
    assert groups[("vertrouwen", "yes")].n == 1  # person 1 ranked; 5 did not fully
    assert groups[("vertrouwen", "yes")].mean_rank == pytest.approx((1, 2, 3))
    assert groups[("vertrouwen", "no")].first_share == pytest.approx((0, 1, 0))
