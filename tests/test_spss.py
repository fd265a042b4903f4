"""Wide exports: an SPSS .sav with labels and user-missing values, and a CSV for R."""

import csv
import math

import pyreadstat
import pytest

from sprintlab.cli import cli
from sprintlab.content.studies import AGREE_SCALE
from sprintlab.fieldwork import participation
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.spss import (
    DONT_KNOW_CODE,
    codebook_path,
    spss_name,
    wide_table,
    write_r_csv,
    write_sav,
)
from tests.conftest import ROOT

HEAD = [
    "participant", "variant", "variant_id", "position", "language", "study_hash",
    "template_hash",
]  # fmt: skip
TAIL = [
    "opening", "opened", "shown_at", "opened_at", "seconds_on_message", "layout",
    "flag_speeder", "flag_straight_lining", "flag_rated_without_opening",
    "median_seconds", "completed",
]  # fmt: skip


@pytest.fixture
def sms(database, content):
    """sprint-sms (within subjects, with a choice question), 40 participants."""
    study = content.study("sprint-sms")
    simulate_study(database, content, study, 40, seed=6)
    return database, study


def read(path, **options):
    frame, meta = pyreadstat.read_sav(str(path), output_format="dict", **options)
    columns = list(frame.values())
    count = len(columns[0]) if columns else 0
    rows = [{name: frame[name][i] for name in frame} for i in range(count)]
    return rows, meta


def stored_answers(db):
    return db.execute(
        "SELECT participant_id, position, question_id, value, text, dont_know"
        " FROM answers WHERE question_id != 'change'"
    ).fetchall()


def test_sav_has_one_row_per_participant_and_variant(sms, tmp_path):
    db, study = sms
    table = write_sav(db, study, tmp_path / "sms.sav")
    rows, meta = read(tmp_path / "sms.sav")
    pages = db.execute(
        "SELECT count(DISTINCT participant_id || ':' || position) FROM answers"
    ).fetchone()[0]
    assert len(rows) == len(table.rows) == pages
    questions = [q.id for q in study.questions]
    segments = [f"seg_{q.id}" for q in study.segments]
    assert meta.column_names == HEAD + questions + segments + TAIL
    assert meta.file_label == study.title["nl"]
    assert {row["variant_id"] for row in rows} == {v.id for v in study.variants}


def test_sav_carries_variable_and_value_labels(sms, tmp_path):
    db, study = sms
    write_sav(db, study, tmp_path / "sms.sav")
    _, meta = read(tmp_path / "sms.sav")
    labels = meta.column_names_to_labels
    assert labels["helps"] == study.question("helps").text["nl"]
    assert labels["seg_vertrouwen"] == study.question("vertrouwen").text["nl"]
    values = meta.variable_value_labels
    scale = dict(enumerate(AGREE_SCALE["nl"], 1))
    assert values["helps"] == {**scale, DONT_KNOW_CODE: "Weet ik niet"}
    channel = study.question("channel")
    assert [values["channel"][n] for n in range(1, 7)] == [
        o.text["nl"] for o in channel.options
    ]
    assert values["seg_levensgebeurtenis"] == {1: "Ja", 0: "Nee"}
    assert values["flag_speeder"] == {1: "Ja", 0: "Nee"}
    variants = {n: v.label["nl"] for n, v in enumerate(study.variants, 1)}
    assert values["variant"] == variants
    assert meta.variable_measure["helps"] == "ordinal"
    assert meta.variable_measure["channel"] == "nominal"
    assert meta.variable_measure["median_seconds"] == "scale"


def test_dont_know_is_user_missing(sms, tmp_path):
    db, study = sms
    write_sav(db, study, tmp_path / "sms.sav")
    kept, meta = read(tmp_path / "sms.sav", user_missing=True)
    for question in study.rated_questions:
        assert meta.missing_ranges[question.id] == [{"lo": -9.0, "hi": -9.0}]
    dont_know = sum(row[5] for row in stored_answers(db))
    assert dont_know > 0
    codes = [row[q.id] for row in kept for q in study.rated_questions]
    assert codes.count(DONT_KNOW_CODE) == dont_know
    plain, _ = read(tmp_path / "sms.sav")  # SPSS's view: -9 is not a number
    values = [row[q.id] for row in plain for q in study.rated_questions]
    assert DONT_KNOW_CODE not in values
    open_answers = [v for v in codes if v is None or math.isnan(v)]  # channel: optional
    missing = [v for v in values if v is None or math.isnan(v)]
    assert len(missing) == dont_know + len(open_answers)


def test_sav_values_match_the_database(sms, tmp_path):
    db, study = sms
    write_sav(db, study, tmp_path / "sms.sav")
    rows, _ = read(tmp_path / "sms.sav", user_missing=True)
    by_page = {(row["participant"], row["position"]): row for row in rows}
    options = [o.id for o in study.question("channel").options]
    checked = 0
    for participant, position, question, value, text, dont_know in stored_answers(db):
        cell = by_page[(participant, position)][question]
        if dont_know:
            expected = DONT_KNOW_CODE
        elif question == "channel":
            expected = options.index(text) + 1
        else:
            expected = value
        assert cell == expected, (participant, position, question)
        checked += 1
    assert checked == len(stored_answers(db)) > 500
    segments = dict(
        db.execute(
            "SELECT participant_id, value FROM segment_answers"
            " WHERE question_id = 'vertrouwen' AND value IS NOT NULL"
        ).fetchall()
    )
    trust = [o.id for o in study.question("vertrouwen").options]
    for row in rows:
        if row["participant"] in segments:
            assert (
                row["seg_vertrouwen"] == trust.index(segments[row["participant"]]) + 1
            )


def test_english_labels_and_withdrawn_people_left_out(sms, tmp_path):
    db, study = sms
    code = db.execute(
        "SELECT withdrawal_code FROM participants WHERE completed_at IS NOT NULL"
    ).fetchone()[0]
    before = len(wide_table(db, study).rows)
    assert participation.withdraw(db, code)
    table = write_sav(db, study, tmp_path / "en.sav", language="en")
    assert len(table.rows) == before - len(study.variants)
    _, meta = read(tmp_path / "en.sav")
    question = study.question("helps")
    assert meta.column_names_to_labels["helps"] == question.text["en"]
    assert meta.variable_value_labels["helps"][7] == "Strongly agree"
    assert meta.variable_value_labels["helps"][DONT_KNOW_CODE] == "Don't know"


def test_between_subjects_gives_one_row_per_participant(database, content, tmp_path):
    study = content.study("vroegsignalering")
    simulate_study(database, content, study, 30, seed=2)
    write_sav(database, study, tmp_path / "between.sav")
    rows, meta = read(tmp_path / "between.sav")
    answered = database.execute(
        "SELECT count(DISTINCT participant_id) FROM answers"
    ).fetchone()[0]
    assert len(rows) == len({row["participant"] for row in rows}) == answered
    assert {row["position"] for row in rows} == {0}
    remarks = database.execute(
        "SELECT text FROM answers WHERE question_id = 'change'"
    ).fetchall()
    assert sorted(r["change"] for r in rows if r["change"]) == sorted(
        text for (text,) in remarks
    )
    assert meta.readstat_variable_types["change"] == "string"


def test_an_empty_study_writes_a_file_with_its_columns(database, content, tmp_path):
    study = content.study("vroegsignalering")
    table = write_sav(database, study, tmp_path / "empty.sav")
    rows, meta = read(tmp_path / "empty.sav")
    assert rows == [] and table.rows == []
    assert meta.column_names[:7] == HEAD and "helps" in meta.column_names


def test_r_csv_uses_na_and_factor_levels_with_a_codebook(sms, tmp_path):
    db, study = sms
    path = tmp_path / "sms.csv"
    write_r_csv(db, study, path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == HEAD + [q.id for q in study.questions] + [
        f"seg_{q.id}" for q in study.segments
    ] + TAIL  # fmt: skip
    assert "" not in {value for row in rows for value in row.values()}
    assert {row["variant"] for row in rows} == {v.id for v in study.variants}
    options = {o.id for o in study.question("channel").options}
    assert {row["channel"] for row in rows} <= options | {"NA"}
    assert {row["helps"] for row in rows} <= {*map(str, range(1, 8)), "NA"}
    assert "-9" not in {row["helps"] for row in rows}
    assert {row["completed"] for row in rows} <= {"TRUE", "FALSE"}
    book = list(csv.DictReader(codebook_path(path).open(encoding="utf-8")))
    channel = [entry for entry in book if entry["variable"] == "channel"]
    assert [entry["level"] for entry in channel] == [
        o.id for o in study.question("channel").options
    ]
    assert {entry["type"] for entry in channel} == {"factor"}
    trust = {entry["type"] for entry in book if entry["variable"] == "seg_vertrouwen"}
    assert trust == {"ordered"}
    useful = [e["level_label"] for e in book if e["variable"] == "helps"]
    assert useful == list(AGREE_SCALE["nl"])
    assert {e["variable"] for e in book} == set(rows[0])


def test_spss_names_are_safe_and_unique():
    taken = set()
    assert spss_name("helps", taken) == "helps"
    assert spss_name("e-mail", taken) == "e_mail"
    assert spss_name("2-keer", taken) == "v2_keer"
    assert spss_name("and", taken) == "and_"
    assert spss_name("Helps", taken) == "Helps_2"  # SPSS ignores case
    long = spss_name("seg_" + "x" * 70, taken)
    assert len(long) == 64 and long.startswith("seg_x")
    again = spss_name("seg_" + "x" * 70, taken)
    assert len(again) <= 64 and again != long and again.endswith("_2")


def test_cli_writes_sav_and_wide_csv_and_needs_out(sms, runner, tmp_path):
    db, study = sms
    base = ["export", study.id, "--db", str(tmp_path / "evidence.db")]
    base += ["--content", str(ROOT)]
    out = tmp_path / "cli.sav"
    result = runner.invoke(cli, [*base, "--format", "sav", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows, _ = read(out)
    assert f"wrote {len(rows)} rows to {out}" in result.output
    wide = tmp_path / "cli.csv"
    args = [*base, "--format", "wide-csv", "--out", str(wide), "--lang", "en"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert wide.exists() and codebook_path(wide).exists()
    assert "Strongly agree" in codebook_path(wide).read_text(encoding="utf-8")
    missing = runner.invoke(cli, [*base, "--format", "sav"])
    assert missing.exit_code == 2 and "give --out FILE" in missing.output


def test_a_factorial_study_has_a_labelled_column_per_factor(
    database, content, tmp_path
):
    study = content.study("vroegsignalering-factorieel")
    simulate_study(database, content, study, 40, seed=4)
    write_sav(database, study, tmp_path / "cells.sav")
    rows, meta = read(tmp_path / "cells.sav")
    names = [f"factor_{f.id}" for f in study.factors]
    assert len(names) >= 2
    assert meta.column_names[: len(HEAD) + len(names)] == HEAD + names
    for factor, name in zip(study.factors, names, strict=True):
        # 1..k in the study's level order, labelled with the level's words
        assert meta.variable_value_labels[name] == {
            n: level.text["nl"] for n, level in enumerate(factor.levels, 1)
        }
        assert meta.column_names_to_labels[name] == f"Factor: {factor.label['nl']}"
    # Each row's levels are the ones of the cell its participant saw.
    cells = {v.id: v.levels for v in study.variants}
    assert rows
    for row in rows:
        for factor, name in zip(study.factors, names, strict=True):
            wanted = cells[row["variant_id"]][factor.id]
            assert factor.levels[int(row[name]) - 1].id == wanted
    # For R: the level ids, a factor in the codebook.
    write_r_csv(database, study, tmp_path / "cells.csv")
    r_rows = list(csv.DictReader((tmp_path / "cells.csv").open(encoding="utf-8")))
    for row in r_rows:
        for factor, name in zip(study.factors, names, strict=True):
            assert row[name] == cells[row["variant_id"]][factor.id]
    book = list(csv.DictReader(codebook_path(tmp_path / "cells.csv").open()))
    first = [e for e in book if e["variable"] == names[0]]
    assert [e["level"] for e in first] == [lv.id for lv in study.factors[0].levels]
    assert {e["type"] for e in first} == {"factor"}
