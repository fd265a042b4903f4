"""`sprintlab segment` end to end: the survey check, a saved model, bad input.

The check the issue describes: pre-register vroegsignalering, simulate 800,
read `data_use` and `preregistration.hash` from analyze, then segment:
2 to 8 segments covering at least 90% of the completed respondents, a
stability in [0, 1], and a `best_variant` key for each.
"""

import json

import pytest
from click.testing import CliRunner

from sprintlab import db as store
from sprintlab.cli import cli
from sprintlab.content.folder import Content
from sprintlab.fieldwork.simulation import simulate_study
from tests.conftest import ROOT


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    database = tmp_path_factory.mktemp("survey") / "survey.db"
    for args in (
        ("preregister", "vroegsignalering", "--db", database),
        ("simulate", "vroegsignalering", "--db", database, "--participants", 800),
    ):
        result = run(*args)
        assert result.exit_code == 0, result.output
    return database


def segments_json(database, *options):
    result = run("segment", "vroegsignalering", "--db", database, "--format", "json",
                 "--resamples", 4, *options)  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_survey_check(survey):
    analysed = run("analyze", "vroegsignalering", "--db", survey, "--format", "json")
    assert analysed.exit_code == 0, analysed.output
    report = json.loads(analysed.output)
    assert len(report["preregistration"]["hash"]) == 64
    sources = report["data_use"]["questions"][0]["sources"]
    assert {s["source"] for s in sources} >= {"naam-adres", "betalingsachterstand"}
    found = segments_json(survey)
    assert 2 <= found["k"] <= 8 and len(found["segments"]) == found["k"]
    completed = report["completed"]
    covered = sum(segment["size"] for segment in found["segments"])
    assert found["respondents"]["completed"] == completed
    assert covered >= 0.9 * completed
    assert 0 <= found["stability"] <= 1
    for segment in found["segments"]:
        assert {"id", "size", "profile", "best_variant"} <= set(segment)
        assert segment["profile"]["words"]["en"] and segment["profile"]["table"]
        assert segment["best_variant"] is None or segment["best_variant"]["variant"]
    assert found["method"].startswith("latent class model")
    chosen = [c for c in found["candidates"] if c["chosen"]]
    assert [c["k"] for c in chosen] == [found["k"]]
    assert found["preregistration"]["hash"] == report["preregistration"]["hash"]


def test_the_same_seed_gives_the_same_segments(survey):
    once = segments_json(survey, "--seed", 3, "--k", 3)
    again = segments_json(survey, "--seed", 3, "--k", 3)
    assert once == again
    words = [s["profile"]["words"]["en"] for s in once["segments"]]
    assert len(set(words)) == len(words)  # segments that differ, said differently


def test_a_saved_model_classifies_people_who_arrive_later(survey, tmp_path):
    database = tmp_path / "later.db"
    database.write_bytes(survey.read_bytes())
    saved = run("segment", "vroegsignalering", "--db", database, "--k", 3,
                "--resamples", 3, "--save")  # fmt: skip
    assert saved.exit_code == 0, saved.output
    before = segments_json(database, "--saved")
    content = Content(ROOT)
    db = store.open_db(database)
    simulate_study(db, content, content.study("vroegsignalering"), 60, seed=99)
    db.close()
    after = segments_json(database, "--saved")
    assert after["k"] == 3 and after["k_chosen_by"] == "saved model"
    assert after["candidates"] == [] and after["saved_at"]
    grown = after["respondents"]["classified"] - before["respondents"]["classified"]
    assert 50 <= grown <= 60  # the newcomers who finished, each in a segment
    assert after["stability"] == before["stability"]  # the model's, not refitted


def test_text_and_html(survey, tmp_path):
    text = run("segment", "vroegsignalering", "--db", survey, "--k", 2,
               "--resamples", 2, "--lang", "nl")  # fmt: skip
    assert text.exit_code == 0, text.output
    assert "Segment 1:" in text.output and "beste bericht:" in text.output
    out = tmp_path / "segments.html"
    html = run("segment", "vroegsignalering", "--db", survey, "--k", 2,
               "--resamples", 2, "--format", "html", "--out", out)  # fmt: skip
    assert html.exit_code == 0, html.output
    page = out.read_text(encoding="utf-8")
    assert "The segments and the best message for each" in page
    assert "<script" not in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--k", 9), "--k must be between 2 and 8"),
        (("--k", "veel"), "give a number or auto"),
        (("--saved",), "no saved segment model for vroegsignalering"),
        (("--save", "--saved"), "give one"),
    ],
)
def test_bad_options_are_one_line(survey, args, message):
    result = run("segment", "vroegsignalering", "--db", survey, *args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output


def test_too_few_respondents_and_no_segment_questions(tmp_path):
    database = tmp_path / "few.db"
    content = Content(ROOT)
    db = store.open_db(database)
    simulate_study(db, content, content.study("vroegsignalering"), 30, seed=1)
    db.close()
    few = run("segment", "vroegsignalering", "--db", database, "--k", 3)
    assert few.exit_code == 1
    assert "too few respondents for 3 segments" in few.output
    assert few.output.count("\n") == 1
    auto = run("segment", "vroegsignalering", "--db", database)
    assert auto.exit_code == 1 and "too few respondents to find segments" in auto.output
    folder = tmp_path / "content"
    (folder / "prototypes").mkdir(parents=True)
    text = (ROOT / "prototypes" / "sprint-sms.toml").read_text(encoding="utf-8")
    cut = text.index("[[segments]]") if "[[segments]]" in text else len(text)
    (folder / "prototypes" / "sprint-sms.toml").write_text(text[:cut])
    (folder / "messages").symlink_to(ROOT / "messages")
    none = run("segment", "sprint-sms", "--db", database, "--content", folder)
    assert none.exit_code == 1
    assert "has no segment questions to find segments from" in none.output
