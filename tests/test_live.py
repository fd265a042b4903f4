import numpy as np

from sprintlab import db as store
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.evidence import load_evidence
from sprintlab.reporting.live import live_intervals


def test_live_intervals_cover_a_known_shift(tmp_path, content):
    db = store.open_db(tmp_path / "live.db")
    study = content.study("vroegsignalering")
    simulate_study(db, content, study, 450, seed=5,
                   effects={("keuze", "usefulness"): 2.0})  # fmt: skip
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
