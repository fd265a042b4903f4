"""The test day's pure parts: patterns, the grid, tags, set-up, the export."""

import json

import pytest

from sprintlab import db as store
from sprintlab.cli import cli
from sprintlab.testday.export import markdown_text
from sprintlab.testday.grid import (
    build_grid,
    key_questions,
    pattern_threshold,
    row_patterns,
)
from sprintlab.testday.notes import Note, parse_tags
from sprintlab.testday.slots import Schedule, SetUpError, Slot, parse_set_up

AT = "2026-11-28T10:00:00.000+00:00"


def note(slot, kind, tags=(), variant="coach", participant=None, text="x", id=1):
    return Note(id, slot, participant, variant, kind, tuple(tags), text, "observer", AT)


@pytest.mark.parametrize("slots, needed", [(5, 3), (6, 4), (10, 6), (3, 2), (1, 2)])
def test_a_pattern_is_three_of_five(slots, needed):
    assert pattern_threshold(slots) == needed


def test_patterns_count_people_not_notes():
    notes = [note(1, "negative")] * 4 + [note(2, "negative"), note(3, "positive")]
    assert row_patterns("coach", notes, 3, 5) == ()
    notes.append(note(3, "negative"))
    (pattern,) = row_patterns("coach", notes, 3, 5)
    assert (pattern.what, pattern.value, pattern.participants) == (
        "kind",
        "negative",
        3,
    )
    assert pattern.text == "negative notes: 3 of 5 participants"


def test_a_shared_tag_is_a_pattern_and_observations_are_not():
    notes = [note(n, "observation", ["jargon"]) for n in (1, 2, 3)]
    (pattern,) = row_patterns("coach", notes, 3, 5)
    assert (pattern.what, pattern.value) == ("tag", "jargon")
    assert pattern.text == "tag #jargon: 3 of 5 participants"


def test_notes_outside_the_slots_count_their_participant_or_no_one():
    notes = [
        note(None, "idea", participant=7),
        note(None, "idea", participant=7),
        note(None, "idea"),  # about no one: counts for nobody
        note(1, "idea"),
    ]
    assert row_patterns("coach", notes, 2, 5)[0].participants == 2


def test_the_key_ratings_are_helpfulness_beside_intrusiveness(content):
    for study_id in ("sprint-sms", "vroegsignalering"):
        study = content.study(study_id)
        ids = [q.id for q in key_questions(study)]
        assert ids[0] == study.primary_outcome
        assert study.question(ids[1]).better == "lower"


def test_a_between_design_grid_marks_what_a_person_did_not_see(content):
    study = content.study("vroegsignalering")
    schedule = Schedule(
        study.id, (Slot(1, None, AT, 11, True), Slot(2, None, AT, 12, False)), "key"
    )
    notes = [note(1, "positive", variant="controle", text="Duidelijk")]
    grid = build_grid(
        study,
        schedule,
        notes,
        {(1, "controle"), (2, "keuze")},
        {(1, "controle", "helps"): "6"},
    )
    rows = {row.variant_id: row for row in grid.rows}
    assert rows["controle"].cells[1].notes == tuple(notes)
    assert rows["controle"].cells[1].ratings == (("helps", "6"),)
    assert rows["controle"].cells[2].shown is False
    assert rows["keuze"].cells[2].shown is True
    assert grid.columns == (1, 2)
    assert rows["controle"].positives == 1


def test_general_notes_and_notes_outside_slots_get_a_row_and_a_column(content):
    study = content.study("sprint-sms")
    schedule = Schedule(study.id, tuple(Slot(n) for n in range(1, 6)))
    grid = build_grid(study, schedule, [note(None, "idea", variant=None)], set(), {})
    assert grid.columns == (1, 2, 3, 4, 5, None)
    assert grid.rows[-1].variant_id is None
    assert grid.rows[-1].cells[None].notes[0].kind == "idea"
    assert grid.column_label(None) == "No slot"


@pytest.mark.parametrize(
    "raw, tags",
    [
        ("", ()),
        ("#Jargon, jargon ,  Lange  zinnen,", ("jargon", "lange-zinnen")),
        ("bsn 111222333", ("bsn-[bsn]",)),
    ],
)
def test_tags_are_words_in_lower_case_and_scrubbed(raw, tags):
    assert parse_tags(raw) == (tags, None)


def test_times_of_slots_are_times_of_day():
    assert parse_set_up({"slots": "3", "time-1": "9.05", "time-3": " 14:30 "}) == (
        3,
        {1: "09:05", 2: None, 3: "14:30"},
    )
    with pytest.raises(SetUpError, match="P2"):
        parse_set_up({"slots": "2", "time-2": "9:60"})


def test_markdown_cells_escape_markup_and_stay_on_one_line():
    assert markdown_text("a|b\n*c*") == "a\\|b / \\*c\\*"


def test_sprintlab_notes_writes_each_format(runner, tmp_path):
    database = tmp_path / "day.db"
    store.open_db(database).close()
    for format_ in ("csv", "md", "json"):
        out = tmp_path / f"notes.{format_}"
        result = runner.invoke(
            cli, ["notes", "sprint-sms", "--db", str(database), "--format", format_,
                  "--out", str(out)],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        assert out.read_text()
    assert json.loads((tmp_path / "notes.json").read_text())["notes"] == []
    assert (tmp_path / "notes.md").read_text().startswith("# Test-day grid: ")


def test_sprintlab_notes_refuses_an_unknown_study_or_database(runner, tmp_path):
    database = tmp_path / "day.db"
    store.open_db(database).close()
    result = runner.invoke(cli, ["notes", "geen-studie", "--db", str(database)])
    assert (
        result.exit_code == 1
        and "there is no study called geen-studie" in result.output
    )
    result = runner.invoke(
        cli, ["notes", "sprint-sms", "--db", str(tmp_path / "nope.db")]
    )
    assert result.exit_code == 1 and not (tmp_path / "nope.db").exists()
    assert result.output.count("\n") == 1 and "no database at" in result.output
