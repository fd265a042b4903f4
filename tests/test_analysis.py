"""The study report: right numbers, honest verdicts, stable JSON."""

import csv
import io
import json

import numpy as np
import pytest
from scipy import stats as scipy_stats

from sprintlab import db as store
from sprintlab import stats
from sprintlab.cli import cli
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.analysis import analyse, free_texts, report_from_evidence
from sprintlab.reporting.evidence import load_evidence, summarise_counts
from sprintlab.reporting.export import export_answers, write_csv
from sprintlab.reporting.formats import report_json
from sprintlab.reporting.text_report import report_text
from tests import synthetic


@pytest.fixture(scope="module")
def between(tmp_path_factory):
    """vroegsignalering with 600 simulated people and known effects.

    keuze is more useful to everyone; toon only to people with little trust
    in the municipality (a variant x segment interaction), strongly: with six
    segment questions about 80 interaction tests run, and the finding must
    hold after Benjamini-Hochberg over all of them.
    """
    from sprintlab.content.folder import Content
    from tests.conftest import ROOT

    content = Content(ROOT)
    path = tmp_path_factory.mktemp("analysis") / "between.db"
    db = store.open_db(path)
    study = content.study("vroegsignalering")
    effects = {
        ("keuze", "helps"): 1.5,
        ("toon", "helps", "vertrouwen", "niet-zo-veel"): 3.0,
        ("toon", "helps", "vertrouwen", "helemaal-geen"): 3.0,
    }
    simulate_study(db, content, study, 600, seed=11, effects=effects)
    yield db, study, path
    db.close()


@pytest.fixture(scope="module")
def report(between):
    """The full report of the between study, computed once for these tests."""
    db, study, _ = between
    return analyse(db, study)


def test_known_shift_is_recovered_with_a_verdict(report):
    helps = report.question("helps")
    comparison = helps.comparisons[("controle", "keuze")]
    assert comparison.effect > 0.2 and comparison.p_adjusted < 0.05
    assert report.verdicts["keuze"].helpfulness == "better"
    assert report.verdicts["keuze"].text.startswith("more helpful than the control")


def test_json_agrees_with_scipy_on_the_exported_csv(between, report):
    db, study, _ = between
    document = json.loads(json.dumps(report_json(report)))
    buffer = io.StringIO()
    write_csv(export_answers(db, study.id), buffer)
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))

    def arm(variant):
        return np.array([float(r["value"]) for r in rows
                         if r["variant"] == variant and r["question"] == "helps"
                         and r["value"] != "NA"])  # fmt: skip

    control, keuze = arm("controle"), arm("keuze")
    question = next(q for q in document["questions"] if q["id"] == "helps")
    entry = next(c for c in question["comparisons"] if c["variant"] == "keuze")
    expected = scipy_stats.mannwhitneyu(keuze, control, method="asymptotic")
    assert entry["statistic"] == pytest.approx(expected.statistic, rel=1e-9)
    assert entry["p_value"] == pytest.approx(expected.pvalue, rel=1e-6)
    welch = scipy_stats.ttest_ind(keuze, control, equal_var=False)
    low, high = welch.confidence_interval()
    assert entry["mean_difference_ci"] == pytest.approx([low, high], rel=1e-9)
    groups = [arm(v.id) for v in study.variants]
    kruskal = scipy_stats.kruskal(*groups)
    assert question["omnibus"]["p_value"] == pytest.approx(kruskal.pvalue, rel=1e-6)
    summary = next(v for v in question["variants"] if v["variant"] == "keuze")
    assert summary["n"] == keuze.size and summary["mean"] == pytest.approx(keuze.mean())


def test_json_keys_are_stable(report):
    document = report_json(report)
    assert set(document) == {
        "study",
        "participants",
        "completed",
        "excluded_speeders",
        "allocation",
        "questions",
        "segments",
        "segment_tests",
        "family",
        "verdicts",
        "first_exposure",
        "period_effects",
        "summary",
        "data_use",
        "rankings",
        "preregistration",
        "factors",
        "interactions",
    }
    assert set(document["summary"]) == {"sentence", "best", "ranking", "groups"}
    # Empty for a between design; tests/test_factorial.py fills them.
    assert document["factors"] == [] and document["interactions"] == []
    assert set(document["allocation"]) == {
        "started",
        "answered",
        "sample_ratio",
        "order_balance",
        "attrition",
    }
    comparison = document["questions"][0]["comparisons"][0]
    assert {
        "p_value",
        "p_adjusted",
        "effect",
        "effect_ci",
        "mean_difference_ci",
        "prob_better",
        "estimate",
        "estimate_ci",
        "interval_tests",
        "achieved_confidence",
        "prob_better_sensitivity",
        "dont_know_flag",
    } <= set(comparison)
    assert {"role", "margin", "dont_know_rates"} <= set(document["questions"][0])
    assert document["segments"] and {
        "interaction", "per_segment", "means", "ordered"
    } <= set(document["segments"][0])  # fmt: skip
    assert {"possible", "tested", "findings", "note"} <= set(document["segment_tests"])
    assert {"alpha", "size", "confidence", "helpfulness", "intrusiveness"} <= set(
        document["family"]
    )
    verdict = document["verdicts"]["keuze"]
    assert set(verdict) == {
        "text", "helpfulness", "intrusiveness", "helpfulness_test",
        "intrusiveness_test", "planned_n", "current_n", "note",
    }  # fmt: skip
    assert {
        "estimate", "estimate_ci", "confidence", "achieved_confidence", "p_value",
        "p_adjusted", "p_non_inferiority", "p_equivalence", "margin", "test", "note",
        "decision", "planned_n", "current_n",
    } <= set(verdict["helpfulness_test"])  # fmt: skip
    json.dumps(document, allow_nan=False)  # NaN never leaks into JSON


def test_sample_ratio_check_and_completion(report):
    assert report.balance is not None and not report.balance.mismatch
    assert sum(report.started_per_variant.values()) == report.participants
    assert all(
        report.answered_per_variant[v] <= report.started_per_variant[v]
        for v in report.started_per_variant
    )


def test_segments_are_bh_adjusted_and_flag_small_groups(between, report):
    _, study, _ = between
    trust = next(
        s
        for s in report.segments
        if s.segment.id == "vertrouwen" and s.outcome.id == "helps"
    )
    adjusted = trust.interaction_p_adjusted
    raw = {v: test.p_value for v, test in trust.interactions.items()}
    assert adjusted and all(adjusted[v] >= raw[v] - 1e-12 for v in adjusted)
    assert trust.small  # some level x variant cells are small at 600 people
    assert trust.ordered  # vertrouwen's options are ordered
    summary = report.segment_summary
    # The attitude items (tested = false) help find latent segments only.
    tested = study.tested_segments
    assert 0 < len(tested) < len(study.segments)
    assert summary.possible == len(tested) * 2 * (len(study.variants) - 1)
    # One BH family over every segment test of the study, not per slice.
    tested = [(s, v) for s in report.segments for v, test in s.interactions.items()
              if np.isfinite(test.p_value)]  # fmt: skip
    expected = stats.benjamini_hochberg([s.interactions[v].p_value for s, v in tested])
    found = [s.interaction_p_adjusted[v] for s, v in tested]
    assert summary.tested == len(tested) > len(raw)
    assert found == pytest.approx(expected, rel=1e-12)


def test_exclude_speeders_leaves_them_out(between, report):
    db, study, _ = between
    fast_out = analyse(db, study, exclude_speeders=True, segments=False)
    assert fast_out.participants <= report.participants


def test_small_within_study_is_honest(tmp_path, content):
    db = store.open_db(tmp_path / "sprint.db")
    study = content.study("sprint-sms")
    simulate_study(db, content, study, 5, seed=2)
    report = analyse(db, study)
    for verdict in report.verdicts.values():
        assert verdict.text.startswith("not enough participants to tell")
        assert verdict.helpfulness == verdict.intrusiveness == "unclear"
        assert verdict.planned_n > verdict.current_n
    comparison = next(iter(report.question("helps").comparisons.values()))
    assert comparison.paired and not comparison.significance_reachable(0.05)
    assert "within" in report_text(report)


@pytest.mark.parametrize("people", [0, 1, 5])
def test_tiny_studies_never_crash(tmp_path, content, people):
    db = store.open_db(tmp_path / "tiny.db")
    study = content.study("vroegsignalering")
    if people:
        simulate_study(db, content, study, people, seed=3)
    report = analyse(db, study)
    json.dumps(report_json(report), allow_nan=False)
    assert report.participants <= people


def test_free_texts_per_variant(between):
    db, study, _ = between
    texts = free_texts(load_evidence(db, study), study, "change")
    assert set(texts) == {v.id for v in study.variants}


def test_analyze_command(runner, between, tmp_path):
    _, study, path = between

    def study_label(variant_id):
        return study.variant(variant_id).label["en"]

    out = tmp_path / "report.json"
    result = runner.invoke(
        cli,
        [
            "analyze",
            "vroegsignalering",
            "--db",
            str(path),
            "--format",
            "json",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["study"]["id"] == "vroegsignalering"
    text = runner.invoke(cli, ["analyze", "vroegsignalering", "--db", str(path)])
    assert "Verdicts" in text.output and "Legend" in text.output
    keuze = study_label("keuze")
    assert f"{keuze}: more helpful than the control" in text.output  # labels, not ids
    assert "\n  keuze" not in text.output
    missing = runner.invoke(cli, ["analyze", "nope", "--db", str(path)])
    assert missing.exit_code == 1


def test_evidence_arrays_agree_with_the_stored_answers(between):
    db, study, _ = between
    evidence = load_evidence(db, study)
    rows = store.analysis_answers(db, study.id)
    stored = sorted(
        (pid, value) for pid, variant, _, question, value, _, dk in rows
        if question == "helps" and variant == "keuze" and not dk
    )  # fmt: skip
    column = evidence.column("helps", "keuze")
    known = ~np.isnan(column.numbers)
    pairs = zip(column.participants[known], column.numbers[known], strict=True)
    assert sorted((int(pid), float(value)) for pid, value in pairs) == stored
    values = evidence.values[("helps", "keuze")]
    assert sorted(values) == sorted(column.participants.tolist())
    segments = {
        pid: value
        for pid, question, value in store.analysis_segments(db, study.id)
        if question == "vertrouwen"
    }
    assert evidence.segments["vertrouwen"] == segments


def test_segments_can_be_left_out(between, report):
    db, study, _ = between
    without = analyse(db, study, segments=False)
    assert without.segments == ()
    everything = report_json(report)
    assert report_json(without)["questions"] == everything["questions"]
    assert report_json(without)["verdicts"] == everything["verdicts"]


def test_within_designs_check_the_balance_of_orders(tmp_path, content):
    db = store.open_db(tmp_path / "orders.db")
    study = content.study("sprint-sms")
    simulate_study(db, content, study, 24, seed=6)
    document = report_json(analyse(db, study))
    check = document["allocation"]["order_balance"]
    assert document["allocation"]["sample_ratio"] is None
    # 3 variants: 6 Williams orders, handed out in turn, so about 4 each.
    assert len(check["observed"]) == 6 and sum(check["observed"]) <= 24
    assert max(check["observed"]) - min(check["observed"]) <= 2
    assert not check["mismatch"] and 0 <= check["p_value"] <= 1


def test_within_designs_report_first_exposures_only(tmp_path, content):
    db = store.open_db(tmp_path / "first.db")
    study = content.study("sprint-sms")
    simulate_study(db, content, study, 30, seed=8)
    report = analyse(db, study)
    rated = [q.id for q in study.questions if q.type in ("likert7", "yes_no")]
    assert set(report.first_exposure) == set(rated)  # every rated outcome
    firsts = report.first_exposure["helps"]
    assert set(firsts) == {("herinnering", "coach"), ("herinnering", "keuze")}
    starts = db.execute(
        "SELECT a.variant_id, count(*) FROM assignments a JOIN answers x"
        " ON x.participant_id = a.participant_id AND x.variant_id = a.variant_id"
        " WHERE a.position = 0 AND x.question_id = 'helps' AND x.dont_know = 0"
        " AND x.value IS NOT NULL GROUP BY a.variant_id"
    ).fetchall()
    per_variant = dict(starts)
    for (control, variant), comparison in firsts.items():
        assert not comparison.paired
        assert comparison.n_control == per_variant[control]
        assert comparison.n_variant == per_variant[variant]
    first = report_json(report)["first_exposure"][0]
    assert first["variant"] in ("coach", "keuze") and first["question"] in rated
    between = analyse(db, content.study("vroegsignalering"))
    assert between.first_exposure == {} and between.period_effects == {}


def test_a_mean_interval_stays_within_the_scale():
    # Two answers, 2 and 7: the t interval runs from about -12 to 21.
    summary = summarise_counts("likert7", "v", [0, 1, 0, 0, 0, 0, 1])
    assert summary.mean == 4.5 and summary.mean_ci == (1.0, 7.0)
    yes_no = summarise_counts("yes_no", "v", [1, 1])
    assert yes_no.mean_ci == (0.0, 1.0)


def test_a_planted_segment_effect_is_a_finding_and_its_groups_are_shown(report):
    assert report.segment_summary.findings == (("vertrouwen", "helps", "toon"),)
    document = report_json(report)
    wanted = ("vertrouwen", "helps")
    trust = next(
        s for s in document["segments"] if (s["segment"], s["outcome"]) == wanted
    )
    toon = [row for row in trust["per_segment"] if row["variant"] == "toon"]
    assert toon and not any(row["exploratory"] for row in toon)
    others = [row for row in trust["per_segment"] if row["variant"] != "toon"]
    assert others and all(row["exploratory"] for row in others)
    # A difference can never pass the scale's range, whatever the group size.
    for segment in document["segments"]:
        for row in segment["per_segment"]:
            low, high = row["mean_difference_ci"]
            assert low is None or -6 <= low <= high <= 6
    text = report_text(report)
    assert "FINDING: Tone: warm, first name and informal address" in text
    assert "Not very much: mean difference +" in text  # a group given the shift


def test_the_text_report_says_what_the_json_says(report, tmp_path, content):
    study = report.study
    text = report_text(report)
    keuze = study.variant("keuze").label["en"]
    assert f"{keuze}: more helpful than the control" in text
    assert "One family of 16 claims" in text and "adjusted p" in text
    assert "planned 262 per variant" in text  # the default margin, m = 16
    assert f"{keuze} vs the control: mean difference +" in text
    assert "P(better) =" in text and "prior strength" in text
    assert "don't know per variant" in text and "sample ratio check" in text
    assert "Legend" in text and "exploratory: a lead to follow up" in text
    dutch = report_text(report, "nl")
    assert study.variant("keuze").label["nl"] in dutch
    assert "nuttiger dan de controle" in dutch and "Uitleg" in dutch
    small = store.open_db(tmp_path / "five.db")
    sprint = content.study("sprint-sms")
    simulate_study(small, content, sprint, 5, seed=2)
    words = report_text(analyse(small, sprint))
    assert "significance is out of reach" in words.lower()
    assert "order balance" in words and "Within-subject checks" in words
    assert "first message only" in words and "period effect" in words


def test_a_variant_that_confuses_people_is_flagged_for_its_dont_knows():
    study = synthetic.study(arms=3)
    rng = np.random.default_rng(4)
    clear = synthetic.evidence(
        study, rng, 60, {"usefulness": [synthetic.REALISTIC] * 3}
    )
    confusing = synthetic.evidence(
        study, rng, 60, {"intrusiveness": [synthetic.REALISTIC] * 3}, dont_know=0.02
    )
    # v2's intrusiveness item gets "don't know" from 40% of its people.
    numbers = confusing.columns[("intrusiveness", "v2")].numbers
    numbers[: int(0.4 * numbers.size)] = np.nan
    clear.columns.update(confusing.columns)
    report = report_from_evidence(study, clear, segments=False)
    rates = report.question("intrusiveness").dont_know
    assert rates.differ and rates.rates[2] >= 0.4
    assert not report.question("usefulness").dont_know.differ
    document = report_json(report)
    flags = {q["id"]: {c["dont_know_flag"] for c in q["comparisons"]}
             for q in document["questions"]}  # fmt: skip
    assert flags == {"usefulness": {False}, "intrusiveness": {True}}
    verdict = report.verdicts["v2"]
    assert verdict.claims["intrusiveness"].dont_know_flag
    assert "don't-know rates differ" in verdict.note
    assert "DON'T-KNOW FLAG" in report_text(report)
