import random
from datetime import UTC, datetime, timedelta

import pytest
from werkzeug.datastructures import MultiDict

from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.content.studies import parse_study
from sprintlab.fieldwork import participation
from tests.conftest import DATA, ROOT

T0 = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


@pytest.fixture
def mini():
    return Content(DATA / "minimal")


def test_between_assignment_is_balanced(database, content):
    study = content.study("vroegsignalering")
    rng = random.Random(3)
    for n in range(3 * len(study.variants)):
        participation.start_participant(
            database, content, study, "nl", random=rng, now=T0 + timedelta(seconds=n)
        )
    counts = store.variant_counts(
        database, study.id, [v.id for v in study.variants], "0"
    )
    assert set(counts.values()) == {3}


def test_abandoned_sessions_stop_counting(database, mini):
    study = mini.study("mini")
    ids = [v.id for v in study.variants]
    first = participation.start_participant(database, mini, study, "nl", now=T0)
    taken = participation.assignment_at(database, first, 0)["variant_id"]
    other = next(v for v in ids if v != taken)
    # Five minutes later the first session is active: the next person gets the other.
    soon = participation.start_participant(
        database, mini, study, "nl", now=T0 + timedelta(minutes=5)
    )
    assert participation.assignment_at(database, soon, 0)["variant_id"] == other
    # Three hours on, both sessions were abandoned (no activity for > 2 hours)...
    since = (T0 + timedelta(hours=1)).isoformat()
    assert store.variant_counts(database, study.id, ids, since) == {taken: 0, other: 0}
    # ...but a completed participant always counts.
    participation.finish(database, first)
    assert store.variant_counts(database, study.id, ids, since) == {taken: 1, other: 0}


def test_within_orders_follow_the_williams_square(database, content):
    study = content.study("sprint-sms")
    orders = []
    for _ in range(6):
        participant = participation.start_participant(database, content, study, "nl")
        orders.append(
            tuple(
                a["variant_id"]
                for a in store.assignments_of(database, participant["id"])
            )
        )
    assert len(set(orders)) == 6
    for position in range(3):
        assert len({order[position] for order in orders}) == 3


def test_assignment_records_the_exact_template_version(database, content):
    study = content.study("sprint-sms")
    participant = participation.start_participant(database, content, study, "en")
    for assignment in store.assignments_of(database, participant["id"]):
        template = content.template(assignment["template_id"], "en")
        assert assignment["template_hash"] == template.hash
        assert store.template_version(database, template.hash)["text"] == template.text


def test_changed_variants_need_a_new_version(database, mini):
    study = mini.study("mini")
    participation.start_participant(database, mini, study, "nl")
    edited = study.text.replace('template = "sms/kort"', 'template = "letter/brief"')
    changed = parse_study(edited, "mini.toml")
    with pytest.raises(participation.VersionConflict, match="raise version"):
        participation.start_participant(database, mini, changed, "nl")
    bumped = parse_study(edited.replace("version = 1", "version = 2"), "mini.toml")
    participant = participation.start_participant(database, mini, bumped, "nl")
    assert participant["study_hash"] == bumped.hash


def test_quality_flags_find_speeders_and_straight_liners(database, content):
    study = content.study("vroegsignalering")
    participant = participation.start_participant(
        database, content, study, "nl", now=T0
    )
    assignment = participation.assignment_at(database, participant, 0)
    participation.show_message(database, participant, assignment, now=T0)
    form = MultiDict(
        {
            f"q-{q.id}": "4" if q.type == "likert7" else "no"
            for q in study.rated_questions
        }
    )
    for question in participation.message_questions(database, participant, study, 0):
        if question.type == "data_use":  # yes/no rows: no points on the scale
            form.update({f"q-datagebruik:{s}": "yes" for s in question.option_ids()})
    result = participation.submit_message(
        database, participant, study, 0, form, now=T0 + timedelta(seconds=3)
    )
    assert result.stored
    flags = participation.finish(database, participant)
    assert flags == {
        "median_seconds": 3.0,
        "speeder": True,
        "straight_lining": True,
        "rated_without_opening": False,
    }


def test_withdrawal_codes_are_typable_and_normalised():
    code = participation.withdrawal_code(random.Random(1))
    assert len(code) == 19 and code[4::5] == "---"
    assert participation.normalise_code(code.lower().replace("-", " ")) == code
    assert participation.normalise_code("ABC") is None


def test_the_content_root_is_the_checkout():
    assert Content(ROOT).study("vroegsignalering").control == "controle"


def slow_counts(db, study_id, ids, since):
    """The definition, counted row by row: completed or active, not withdrawn."""
    rows = db.execute(
        "SELECT a.variant_id, count(*) FROM assignments a"
        " JOIN participants p ON p.id = a.participant_id"
        " WHERE p.study_id = ? AND a.position = 0 AND p.withdrawn_at IS NULL"
        " AND (p.completed_at IS NOT NULL OR p.last_seen_at >= ?)"
        " GROUP BY a.variant_id",
        [study_id, since],
    ).fetchall()
    return dict.fromkeys(ids, 0) | dict(rows)


def test_kept_tallies_match_counting_every_row(database, content):
    from sprintlab.fieldwork.simulation import simulate_study

    study = content.study("vroegsignalering")
    ids = [v.id for v in study.variants]
    simulate_study(database, content, study, 120, seed=9)
    done = database.execute(
        "SELECT withdrawal_code FROM participants WHERE completed_at IS NOT NULL"
        " ORDER BY id LIMIT 7"
    ).fetchall()
    for (code,) in done:  # completed, then withdrawn: the tally goes down
        assert participation.withdraw(database, code)
    unfinished = database.execute(
        "SELECT withdrawal_code FROM participants WHERE completed_at IS NULL LIMIT 3"
    ).fetchall()
    for (code,) in unfinished:
        participation.withdraw(database, code)
    times = [
        r[0]
        for r in database.execute(
            "SELECT last_seen_at FROM participants ORDER BY last_seen_at"
        ).fetchall()
    ]
    for since in ("0", times[len(times) // 3], times[-1], "9"):
        assert store.variant_counts(database, study.id, ids, since) == slow_counts(
            database, study.id, ids, since
        )


def test_tallies_are_built_for_existing_data_by_the_migration(tmp_path, content):
    """An evidence store from before the tallies gets them filled in on upgrade."""
    from sprintlab.fieldwork.simulation import simulate_study

    db = store.open_db(tmp_path / "old.db")
    study = content.study("vroegsignalering")
    simulate_study(db, content, study, 60, seed=4)
    # Take the store back to how it was before m007, data and all.
    for sql in (
        "DROP TRIGGER completed_tally_up",
        "DROP TRIGGER completed_tally_down",
        "DROP INDEX participants_unfinished",
        "DROP TABLE completed_tallies",
        "DELETE FROM _sqlite_migrations WHERE name = 'm007_completed_tallies'",
    ):
        db.execute(sql)
    store.migrate(db)
    ids = [v.id for v in study.variants]
    counts = store.variant_counts(db, study.id, ids, "9")
    assert counts == slow_counts(db, study.id, ids, "9") and sum(counts.values()) > 0
    db.close()
