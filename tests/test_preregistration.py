"""Pre-registration: frozen before data, a stable hash, deviations in every report."""

import json
import shutil

import pytest

from sprintlab import db as store
from sprintlab.cli import cli
from sprintlab.content.folder import Content
from sprintlab.fieldwork.simulation import simulate_study
from sprintlab.reporting.analysis import analyse
from sprintlab.reporting.preregistration import (
    Refused,
    full_plan,
    plan_hash,
    preregister,
)
from tests.conftest import ROOT


@pytest.fixture
def folder(tmp_path):
    """A copy of the shipped content, to change after a registration."""
    copy = tmp_path / "content"
    shutil.copytree(ROOT / "prototypes", copy / "prototypes")
    shutil.copytree(ROOT / "messages", copy / "messages")
    return copy


def run(runner, *args):
    return runner.invoke(cli, [str(a) for a in args])


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


def analysed(runner, folder, database, fmt="json"):
    result = run(runner, "analyze", "vroegsignalering", "--db", database,
                 "--content", folder, "--format", fmt)  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.output) if fmt == "json" else result.output


def test_the_hash_is_stable_and_follows_the_content(folder, tmp_path):
    content = Content(folder)
    study = content.study("vroegsignalering")
    first = plan_hash(full_plan(study, content))
    rows = []
    for name in ("a", "b"):
        db = store.open_db(tmp_path / f"{name}.db")
        rows.append(preregister(db, study, content))
        db.close()
    assert rows[0]["hash"] == rows[1]["hash"] == first
    assert rows[0]["registered_at"] <= rows[1]["registered_at"]
    plan = json.loads(rows[0]["plan"])
    assert plan["primary_outcome"] == {"question": "helps", "type": "likert7",
                                       "better": "higher", "margin": 0.5}  # fmt: skip
    assert plan["intrusiveness_outcome"]["question"] == "intrusive"
    assert plan["alpha"] == 0.05 and plan["family"]["size"] == 16
    assert plan["planned_n_per_variant"] == study.target_per_variant
    assert plan["n_for_margins"] > 0
    assert "vertrouwen" in plan["segment_questions"]
    assert "privacy_zorgen" in plan["segmentation"]["indicators"]
    assert (
        plan["templates"]["controle"]["nl"]
        == content.template("letter/controle", "nl").hash
    )
    assert plan["study"]["hash"] == study.hash and plan["sprintlab_version"]
    letter = folder / "messages" / "letter" / "keuze.en.md"
    letter.write_text(letter.read_text() + "\nP.S.\n", encoding="utf-8")
    changed = Content(folder)
    assert plan_hash(full_plan(changed.study("vroegsignalering"), changed)) != first


def simulated(folder, database, participants, seed):
    """PARTICIPANTS simulated people of vroegsignalering in DATABASE."""
    db = store.open_db(database)
    content = Content(folder)
    simulate_study(
        db, content, content.study("vroegsignalering"), participants, seed=seed
    )
    db.close()


def test_registering_after_data_is_refused_unless_late(runner, folder, tmp_path):
    database = tmp_path / "late.db"
    simulated(folder, database, 12, seed=1)
    refused = run(runner, "preregister", "vroegsignalering", "--db", database,
                  "--content", folder)  # fmt: skip
    assert refused.exit_code == 1
    assert refused.output.count("\n") == 1 and "12 participant(s)" in refused.output
    assert "--late" in refused.output
    assert analysed(runner, folder, database)["preregistration"] is None
    late = run(runner, "preregister", "vroegsignalering", "--db", database,
               "--content", folder, "--late")  # fmt: skip
    assert late.exit_code == 0 and "(late)" in late.output
    status = analysed(runner, folder, database)["preregistration"]
    assert status["late"] and status["participants_before"] == 12
    assert status["deviations"][0]["kind"] == "late"
    text = " ".join(analysed(runner, folder, database, "text").split())
    assert "registered late, after 12 participant(s) had started" in text
    again = run(runner, "preregister", "vroegsignalering", "--db", database,
                "--content", folder, "--late")  # fmt: skip
    assert again.exit_code == 1 and "a plan is frozen once" in again.output


def test_deviations_when_the_study_and_a_template_change(runner, folder, tmp_path):
    database = tmp_path / "changed.db"
    registered = run(runner, "preregister", "vroegsignalering", "--db", database,
                     "--content", folder)  # fmt: skip
    assert registered.exit_code == 0, registered.output
    study_file = folder / "prototypes" / "vroegsignalering.toml"
    text = study_file.read_text(encoding="utf-8")
    text = text.replace("target_per_variant = 40", "target_per_variant = 60")
    text = text.replace('id = "change"', 'id = "duidelijk_genoeg"\ntype = "yes_no"\n'
                        'better = "higher"\n[questions.text]\nnl = "Duidelijk?"\n'
                        'en = "Clear?"\n\n[[questions]]\nid = "change"', 1)  # fmt: skip
    study_file.write_text(text, encoding="utf-8")
    letter = folder / "messages" / "letter" / "controle.nl.md"
    letter.write_text(letter.read_text() + "\nMet vriendelijke groet.\n")
    simulated(folder, database, 30, seed=2)
    status = analysed(runner, folder, database)["preregistration"]
    kinds = {d["kind"] for d in status["deviations"]}
    assert {"study_changed", "outcome_added", "template_changed",
            "n_not_reached"} <= kinds  # fmt: skip
    said = " ".join(d["text"] for d in status["deviations"])
    assert "planned_n_per_variant changed: planned 40, now 60" in said
    assert "outcome duidelijk_genoeg was added" in said
    assert "saw variant controle in a version that was not registered" in said
    assert any("duidelijk_genoeg" in a for a in status["exploratory"])
    text = " ".join(analysed(runner, folder, database, "text").split())
    assert "Deviations from the plan:" in text
    assert "added after the pre-registration: exploratory" in text
    html = analysed(runner, folder, database, "html")
    assert "Pre-registered on" in html and "outcome added" in html


def test_a_plan_kept_has_no_deviations(folder, tmp_path):
    db = store.open_db(tmp_path / "kept.db")
    content = Content(folder)
    study = content.study("sprint-sms")
    row = preregister(db, study, content)
    simulate_study(db, content, study, 3 * study.target_per_variant, seed=5)
    report = analyse(db, study)
    assert report.preregistration.hash == row["hash"]
    assert report.preregistration.deviations == ()
    with pytest.raises(Refused, match="frozen once"):
        preregister(db, study, content, late=True)
    db.close()


def test_not_pre_registered_says_so(runner, folder, tmp_path):
    database = tmp_path / "none.db"
    simulated(folder, database, 5, seed=1)
    assert "Not pre-registered" in analysed(runner, folder, database, "text")
    assert "Not pre-registered" in analysed(runner, folder, database, "html")


def test_bad_input_is_one_line(runner, folder, tmp_path):
    missing = run(runner, "preregister", "nergens", "--db", tmp_path / "x.db",
                  "--content", folder)  # fmt: skip
    assert missing.exit_code == 1 and "no study called nergens" in missing.output
    assert not (tmp_path / "x.db").exists()
