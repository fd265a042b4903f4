"""Long-format export: one row per answer, segments and flags as columns."""

import csv
import io
import json

import pytest

from sprintlab.fieldwork import participation
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.export import (
    ANSWER_COLUMNS,
    EXPOSURE_COLUMNS,
    FLAG_COLUMNS,
    export_answers,
    write_export,
)

SEGMENTS = (
    "rondkomen",
    "buffer",
    "zorgen",
    "vertrouwen",
    "slechte_ervaring",
    "levensgebeurtenis",
)


@pytest.fixture
def simulated(database, content):
    study = content.study("vroegsignalering")
    simulate_study(database, content, study, 80, seed=4)
    return database, study


def count(db, sql, params=()):
    return db.execute(sql, params).fetchone()[0]


def as_csv(export):
    out = io.StringIO()
    write_export(export, out, "csv")
    return out.getvalue()


def test_columns_and_one_row_per_answer(simulated):
    db, study = simulated
    export = export_answers(db, study.id, [q.id for q in study.segments])
    segment_columns = tuple(f"seg_{q.id}" for q in study.segments)
    assert set(SEGMENTS) <= {q.id for q in study.segments}
    assert export.columns == (
        ANSWER_COLUMNS + EXPOSURE_COLUMNS + segment_columns + FLAG_COLUMNS
    )
    assert len(export.rows) == count(db, "SELECT count(*) FROM answers")
    assert all(tuple(row) == export.columns for row in export.rows)
    first = export.rows[0]
    stored = db.execute(
        "SELECT variant_id, question_id, template_hash FROM answers"
        " WHERE participant_id = ? ORDER BY id LIMIT 1",
        [first["participant"]],
    ).fetchone()
    assert (first["variant"], first["question"], first["template_hash"]) == stored
    assert first["study_hash"] == study.hash and first["position"] == 0
    kinds = {q.id: q.type for q in study.questions}
    values = [(kinds[r["question"].partition(":")[0]], r["value"]) for r in export.rows]
    likert = [v for kind, v in values if kind == "likert7" and v is not None]
    assert set(likert) <= set(range(1, 8)) and all(isinstance(v, int) for v in likert)
    yes_no = {v for kind, v in values if kind == "yes_no" and v is not None}
    assert yes_no == {0, 1}
    # A data_use row (<question>:<source>) is 1 for yes, 0 for no.
    rows = [r["value"] for r in export.rows if r["question"].startswith("datagebruik:")]
    assert rows and set(rows) - {None} == {0, 1}


def test_segment_columns_come_from_the_data_too(simulated):
    db, study = simulated
    export = export_answers(db, study.id)
    assert {f"seg_{q}" for q in SEGMENTS} <= set(export.columns)
    assert export.columns[-len(FLAG_COLUMNS) :] == FLAG_COLUMNS


def test_csv_is_r_friendly(simulated):
    db, study = simulated
    export = export_answers(db, study.id, [q.id for q in study.segments])
    text = as_csv(export)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == export.columns
    assert len(rows) == len(export.rows)
    assert "" not in {value for row in rows for value in row.values()}
    dont_know = [r for r in rows if r["dont_know"] == "TRUE"]
    assert dont_know and all(r["value"] == "NA" for r in dont_know)
    assert all(r["text"] == "NA" for r in rows if r["question"] == "understand")
    dropped = [r for r in rows if r["completed"] == "FALSE"]
    assert all(r["seg_vertrouwen"] == "NA" for r in dropped)
    assert all(r["flag_speeder"] == "NA" for r in dropped)
    assert {r["flag_speeder"] for r in rows if r["completed"] == "TRUE"} <= {
        "TRUE",
        "FALSE",
    }


def test_json_is_a_list_of_objects(simulated):
    db, study = simulated
    export = export_answers(db, study.id, [q.id for q in study.segments])
    out = io.StringIO()
    write_export(export, out, "json")
    rows = json.loads(out.getvalue())
    assert len(rows) == len(export.rows)
    assert all(tuple(row) == export.columns for row in rows)
    assert any(row["dont_know"] is True and row["value"] is None for row in rows)
    assert any(isinstance(row["median_seconds"], float) for row in rows)


def test_no_tokens_or_codes_and_withdrawn_people_are_left_out(simulated):
    db, study = simulated
    token, code, pid = db.execute(
        "SELECT token, withdrawal_code, id FROM participants"
        " WHERE completed_at IS NOT NULL LIMIT 1"
    ).fetchone()
    before = export_answers(db, study.id)
    text = as_csv(before)
    assert token not in text and code not in text
    assert participation.withdraw(db, code)
    after = export_answers(db, study.id)
    assert pid not in {row["participant"] for row in after.rows}
    assert len(after.rows) == len(before.rows) - sum(
        row["participant"] == pid for row in before.rows
    )


def test_withdrawn_rows_are_filtered_even_if_answers_remained(simulated):
    db, study = simulated
    pid = count(db, "SELECT min(id) FROM participants")
    # withdrawing deletes the answers; mark only, to see the filter itself work
    db.execute("UPDATE participants SET withdrawn_at = ? WHERE id = ?", ["x", pid])
    export = export_answers(db, study.id)
    assert pid not in {row["participant"] for row in export.rows}


def test_an_empty_study_exports_a_header(database):
    export = export_answers(database, "sprint-sms", ["vertrouwen"])
    assert export.rows == []
    assert as_csv(export).splitlines() == [",".join(export.columns)]
    with pytest.raises(ValueError, match="unknown export format"):
        write_export(export, io.StringIO(), "xlsx")
