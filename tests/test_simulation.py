"""Simulated participants: deterministic, realistic, and with a truth to recover."""

import json
import random
import statistics

import pytest
from faker import Faker

from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.fieldwork.respondents import REMARKS, Person, RespondentModel
from sprintlab.fieldwork.simulation import (
    DEMO_EFFECTS,
    check_effects,
    parse_effect,
    seed_demo,
    simulate_study,
)
from tests.conftest import ROOT


def fingerprint(db):
    """Everything simulated except the random tokens and withdrawal codes."""
    queries = (
        "SELECT id, language, started_at, completed_at, flags, segments_at"
        " FROM participants ORDER BY id",
        "SELECT * FROM assignments ORDER BY participant_id, position",
        "SELECT * FROM answers ORDER BY id",
        "SELECT * FROM segment_answers ORDER BY participant_id, question_id",
    )
    return [db.execute(sql).fetchall() for sql in queries]


def column(db, sql, params=()):
    return [row[0] for row in db.execute(sql, params).fetchall()]


def mean_rating(db, variant, question, extra=""):
    return statistics.mean(
        column(
            db,
            "SELECT value FROM answers WHERE variant_id = ? AND question_id = ?"
            " AND value IS NOT NULL" + extra,
            [variant, question],
        )
    )


@pytest.fixture(scope="module")
def null_run(tmp_path_factory):
    """400 participants in vroegsignalering, no effect injected."""
    content = Content(ROOT)
    db = store.open_db(tmp_path_factory.mktemp("null") / "null.db")
    result = simulate_study(db, content, content.study("vroegsignalering"), 400, seed=3)
    yield db, result
    db.close()


@pytest.mark.parametrize("study_id", ["vroegsignalering", "sprint-sms"])
def test_the_same_seed_gives_the_same_data(tmp_path, content, study_id):
    study = content.study(study_id)
    runs = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        db = store.open_db(tmp_path / f"{name}.db")
        simulate_study(db, content, study, 40, seed=seed)
        runs.append(fingerprint(db))
        db.close()
    assert runs[0] == runs[1]
    assert runs[0] != runs[2]


def test_counts_and_the_service_path(null_run, content):
    db, result = null_run
    study = content.study("vroegsignalering")
    assert result.started == 400 == len(result.participant_ids)
    assert result.completed + result.dropped_out == 400
    assert 5 <= result.dropped_out <= 40  # about 5 %
    assert column(db, "SELECT count(*) FROM participants") == [400]
    unfinished = "SELECT count(*) FROM participants WHERE completed_at IS NULL"
    assert column(db, unfinished) == [result.dropped_out]
    assert set(column(db, "SELECT study_hash FROM participants")) == {study.hash}
    # every completed participant answered their one page and the segments
    assert column(
        db,
        "SELECT count(*) FROM participants p WHERE completed_at IS NOT NULL AND"
        " (segments_at IS NULL OR EXISTS (SELECT 1 FROM assignments a"
        " WHERE a.participant_id = p.id AND a.answered_at IS NULL))",
    ) == [0]
    per_page = column(
        db,
        "SELECT count(*) FROM answers WHERE question_id != 'change'"
        " AND instr(question_id, ':') = 0 GROUP BY participant_id",
    )
    assert set(per_page) == {len(study.rated_questions)}
    mismatched = column(
        db,
        "SELECT count(*) FROM answers n JOIN assignments a ON"
        " a.participant_id = n.participant_id AND a.position = n.position"
        " WHERE a.template_hash != n.template_hash OR a.variant_id != n.variant_id",
    )
    assert mismatched == [0]


def test_noise_looks_like_people(null_run):
    db, _ = null_run
    dont_know = statistics.mean(column(db, "SELECT dont_know FROM answers"))
    assert 0.01 < dont_know < 0.06
    languages = column(db, "SELECT language FROM participants")
    assert 0.8 < languages.count("nl") / len(languages) < 1
    flags = [
        json.loads(f)
        for f in column(db, "SELECT flags FROM participants WHERE completed_at")
    ]
    seconds = [f["median_seconds"] for f in flags]
    assert statistics.median(seconds) > 30
    assert sum(20 <= s <= 120 for s in seconds) / len(seconds) > 0.8
    assert 1 <= sum(f["speeder"] for f in flags) <= 0.1 * len(flags)
    assert 1 <= sum(f["straight_lining"] for f in flags) <= 0.1 * len(flags)
    texts = column(db, "SELECT text FROM answers WHERE question_id = 'change'")
    assert 0 < len(texts) < 0.4 * len(flags)
    assert set(texts) <= set(REMARKS["nl"] + REMARKS["en"])


def test_segments_are_skewed_and_related_to_ratings(null_run):
    db, _ = null_run
    trust = column(
        db, "SELECT value FROM segment_answers WHERE question_id = 'vertrouwen'"
    )
    counts = {option: trust.count(option) for option in set(trust)}
    assert max(counts, key=counts.get) == "tamelijk-veel"
    low = " AND participant_id IN (SELECT participant_id FROM segment_answers WHERE"
    low += " question_id = 'vertrouwen' AND value IN ('niet-zo-veel', 'helemaal-geen'))"
    high = low.replace("IN (", "NOT IN (", 1)
    intrusive = [
        statistics.mean(
            column(
                db,
                "SELECT value FROM answers WHERE question_id = 'intrusive'"
                " AND value IS NOT NULL" + where,
            )
        )
        for where in (low, high)
    ]
    assert intrusive[0] > intrusive[1] + 0.2


def test_no_effect_gives_close_means(null_run, content):
    db, result = null_run
    assert result.truth()["effects"] == {}
    for question in ("helps", "intrusive"):
        overall = statistics.mean(
            column(
                db,
                "SELECT value FROM answers WHERE question_id = ? AND value NOT NULL",
                [question],
            )
        )
        for variant in content.study("vroegsignalering").variants:
            assert abs(mean_rating(db, variant.id, question) - overall) < 0.75


def test_an_injected_shift_is_recovered_between_subjects(tmp_path, content):
    db = store.open_db(tmp_path / "shift.db")
    effects = {("toon", "intrusive"): -1.5, ("keuze", "autonomy"): 1.0}
    study = content.study("vroegsignalering")
    result = simulate_study(db, content, study, 400, seed=5, effects=effects)
    assert result.truth()["effects"] == effects
    assert result.truth()["baseline"]["intrusive"] == pytest.approx(3.6)
    difference = mean_rating(db, "toon", "intrusive") - mean_rating(
        db, "controle", "intrusive"
    )
    assert -2.5 < difference < -0.5
    assert mean_rating(db, "keuze", "autonomy") > mean_rating(
        db, "controle", "autonomy"
    )


def test_within_subjects_shift_and_drop_outs(tmp_path, content):
    db = store.open_db(tmp_path / "within.db")
    study = content.study("sprint-sms")
    effects = {("keuze", "intrusive"): -1.5}
    result = simulate_study(db, content, study, 300, seed=2, effects=effects)
    assert column(db, "SELECT count(DISTINCT participant_id) FROM assignments") == [300]
    assert set(
        column(db, "SELECT count(*) FROM assignments GROUP BY participant_id")
    ) == {3}
    pages = column(
        db,
        "SELECT count(a.answered_at) FROM participants p JOIN assignments a"
        " ON a.participant_id = p.id WHERE p.completed_at IS NULL GROUP BY p.id",
    )
    assert len(pages) == result.dropped_out
    assert any(1 <= n < 3 for n in pages)  # some leave after the first message
    keuze = mean_rating(db, "keuze", "intrusive")
    assert keuze < mean_rating(db, "herinnering", "intrusive") - 0.5


def test_a_segment_limited_shift_moves_only_that_segment():
    effects = {("toon", "legitimacy", "vertrouwen", "helemaal-geen"): 2.0}
    model = RespondentModel(random.Random(1), Faker("nl_NL"), effects)
    question = Content(ROOT).study("vroegsignalering").question("legitimacy")

    def mean_for(trust):
        person = Person(0.0, 0.0, 0.0, "nl", (50.0,), None, None, {"vertrouwen": trust})
        values = [model.answer(question, person, "toon") for _ in range(400)]
        return statistics.mean(int(v) for v in values if v != "dk")

    assert mean_for("helemaal-geen") - mean_for("heel-veel") > 1.2


def test_simulating_twice_into_one_database_appends(tmp_path, content):
    db = store.open_db(tmp_path / "twice.db")
    study = content.study("sprint-sms")
    simulate_study(db, content, study, 20, seed=1)
    simulate_study(db, content, study, 20, seed=1)
    codes = column(db, "SELECT withdrawal_code FROM participants")
    assert len(codes) == len(set(codes)) == 40


def test_effects_are_read_and_checked(content):
    assert parse_effect("toon:intrusive=-0.8") == (("toon", "intrusive"), -0.8)
    for bad in ("toon=1", "toon:intrusive", "toon:intrusive=veel"):
        with pytest.raises(ValueError, match="VARIANT:QUESTION=SHIFT"):
            parse_effect(bad)
    study = content.study("vroegsignalering")
    check_effects(study, DEMO_EFFECTS["vroegsignalering"])
    for key, message in (
        (("nope", "intrusive"), "no variant 'nope'"),
        (("toon", "change"), "no rated question 'change'"),
        (("toon", "respectful", "nope", "x"), "no segment question 'nope'"),
        (("toon", "respectful", "vertrouwen", "x"), "no answer 'x'"),
    ):
        with pytest.raises(ValueError, match=message):
            check_effects(study, {key: 1.0})


def test_seed_demo_fills_each_shipped_study_once(database, content):
    sizes = {"vroegsignalering": 30, "sprint-sms": 5, "vroegsignalering-factorieel": 16}
    seeded = seed_demo(database, content, sizes=sizes)
    assert {k: v.started for k, v in seeded.items()} == sizes
    assert seed_demo(database, content, sizes=sizes) == {}
    assert column(database, "SELECT count(*) FROM participants") == [51]
    for study_id, effects in DEMO_EFFECTS.items():  # every built-in effect is valid
        check_effects(content.study(study_id), effects)
    latest = column(database, "SELECT max(last_seen_at) FROM participants")[0]
    assert latest <= store.now()  # the demo's responses lie in the past
