import numpy as np

from sprintlab import db as store
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.evidence import Column, Evidence, load_evidence
from sprintlab.reporting.live import MIN_PER_ARM, live_intervals, live_sequences
from tests import synthetic


def test_live_intervals_cover_a_known_shift(tmp_path, content):
    db = store.open_db(tmp_path / "live.db")
    study = content.study("vroegsignalering")
    simulate_study(db, content, study, 450, seed=5,
                   effects={("keuze", "helps"): 2.0})  # fmt: skip
    rows = {row.variant: row for row in live_intervals(study, load_evidence(db, study))}
    assert set(rows) == {v.id for v in study.variants} - {study.control}
    keuze = rows["keuze"]
    assert keuze.lower <= keuze.estimate <= keuze.upper
    assert keuze.lower > 0  # a two-point shift shows even in always-valid bounds
    widths = [row.upper - row.lower for row in rows.values()]
    assert all(np.isfinite(widths)) and min(widths) > 0


def test_no_live_intervals_for_within_designs(tmp_path, content):
    db = store.open_db(tmp_path / "live.db")
    study = content.study("sprint-sms")
    simulate_study(db, content, study, 5, seed=1)
    assert live_intervals(study, load_evidence(db, study)) == []


def arrivals(rng, study, people):
    """Evidence of PEOPLE arriving one by one, each at a random arm, no effect."""
    arms = rng.integers(0, len(study.variants), people)
    answers = rng.choice(synthetic.POINTS, size=people, p=synthetic.REALISTIC)
    columns = {
        ("usefulness", variant.id): Column(
            np.flatnonzero(arms == arm), answers[arms == arm]
        )
        for arm, variant in enumerate(study.variants)
    }
    return Evidence(columns, {}, {}, {}, [])


def test_looking_after_every_person_rarely_finds_a_difference_that_is_not_there():
    # A/A: 9 arms, no effect, 400 people, looked at after every arrival.
    study = synthetic.study()
    rng = np.random.default_rng(12)
    runs, false_alarms = 600, 0
    for _ in range(runs):
        sequences = live_sequences(study, arrivals(rng, study, 400))
        assert len(sequences) == 8
        false_alarms += any(
            np.any((s.lower > 0) | (s.upper < 0)) for s in sequences.values()
        )
    # Error over the 8 variants together; SE at 10% with 600 runs: 0.012.
    assert false_alarms / runs <= 0.07


def test_no_live_bounds_before_the_stated_minimum_per_arm():
    study = synthetic.study(arms=2)
    rng = np.random.default_rng(3)
    evidence = arrivals(rng, study, 60)
    (sequence,) = live_sequences(study, evidence).values()
    arms = np.concatenate(
        [
            np.zeros(evidence.column("usefulness", "v0").numbers.size),
            np.ones(evidence.column("usefulness", "v1").numbers.size),
        ]
    )
    order = np.argsort(np.concatenate([evidence.column("usefulness", v).participants
                                       for v in ("v0", "v1")]))  # fmt: skip
    seen = np.cumsum(arms[order][:, None] == [0, 1], axis=0).min(axis=1)
    assert np.isnan(sequence.lower[seen < MIN_PER_ARM]).all()
    assert np.isfinite(sequence.lower[seen >= MIN_PER_ARM]).all()
    (row,) = live_intervals(study, evidence)
    assert row.min_per_arm == MIN_PER_ARM == 10 and row.alpha == 0.05
