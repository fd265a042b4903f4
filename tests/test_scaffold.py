"""`new-study` and `new-template` write files that pass `check` and can be served."""

import pytest

from sprintlab import create_app
from sprintlab import db as store
from sprintlab.cli import cli
from sprintlab.content.folder import Content
from sprintlab.content.scaffold import SCAFFOLD_DESIGNS, STUDY_DESIGNS
from sprintlab.content.study_schema import DESIGNS
from tests.bot import Bot
from tests.http_bot import walk
from tests.server import ServerProcess


def scaffold(runner, folder, *args):
    result = runner.invoke(cli, [*args, "--content", str(folder)])
    assert result.exit_code == 0, result.output
    return result


def clean_check(runner, folder):
    result = runner.invoke(cli, ["check", "--content", str(folder)])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s), 0 note(s)" in result.output


def test_every_design_the_loader_knows_has_a_scaffold():
    # Designs the loader knows without a scaffold would be left out of --design.
    assert SCAFFOLD_DESIGNS == DESIGNS and set(STUDY_DESIGNS) == set(DESIGNS)


@pytest.mark.parametrize("design", SCAFFOLD_DESIGNS)
def test_a_new_study_passes_check_and_a_participant_takes_it(runner, tmp_path, design):
    folder = tmp_path / "inhoud"  # a folder that does not exist yet
    result = scaffold(runner, folder, "new-study", "mijn_studie", "--design", design)
    assert "prototypes/mijn_studie.toml" in result.output
    clean_check(runner, folder)
    study = Content(folder).study("mijn_studie")
    assert study.design == design
    if design == "factorial":  # one letter, a block per level: four cells
        assert [v.template for v in study.variants] == [
            "letter/mijn-studie-factorieel"
        ] * 4
        assert [f.id for f in study.factors] == ["toon", "geruststelling"]
        assert study.control == "formeel-zonder"
    else:
        assert [v.template for v in study.variants] == [
            "letter/mijn-studie-controle",
            "letter/mijn-studie-variant",
        ]
    app = create_app(
        {
            "TESTING": True,
            "DATABASE": str(tmp_path / "walk.db"),
            "CONTENT_ROOT": str(folder),
            "SECRET_KEY": "test",
        }
    )
    html = Bot(app.test_client(), "mijn_studie", seed=3).take()
    assert "Bedankt voor het meedoen" in html
    db = store.connect(app.config["DATABASE"])
    try:
        seen = {row[0] for row in db.execute("SELECT variant_id FROM assignments")}
        answered = db.execute("SELECT count(*) FROM answers").fetchone()[0]
        done = db.execute("SELECT completed_at FROM participants").fetchone()[0]
    finally:
        db.close()
    expected = {"controle", "variant"} if design == "within" else seen
    assert seen == expected and len(seen) == (2 if design == "within" else 1)
    assert answered >= len(seen) * 3 - 1 and done


@pytest.mark.server
def test_a_new_study_is_served_by_sprintlab_serve_on_a_new_database(runner, tmp_path):
    folder = tmp_path / "inhoud"
    scaffold(runner, folder, "new-study", "straat-test")
    database = tmp_path / "straat-test.db"
    assert not database.exists()  # ServerProcess adds --init for a first start
    with ServerProcess(database, content_root=folder) as server:
        journey = walk(server.url, "straat-test", "/s/straat-test", seed=4)
    assert journey.acknowledged, "no page of answers was acknowledged"
    assert sum(count for _, count in journey.acknowledged) >= 4


@pytest.mark.parametrize("channel", ["letter", "sms", "poster", "email"])
def test_a_new_template_passes_check_in_both_languages(runner, tmp_path, channel):
    (tmp_path / "prototypes").mkdir()
    result = scaffold(runner, tmp_path, "new-template", f"{channel}/nieuw")
    for language in ("nl", "en"):
        assert f"messages/{channel}/nieuw.{language}.md" in result.output
    clean_check(runner, tmp_path)


@pytest.mark.parametrize(
    "args, words",
    [
        (["new-study", "Mijn Studie"], "is not a study id"),
        (["new-study", "../weg"], "is not a study id"),
        (["new-template", "brief/nieuw"], "is not a template name"),
        (["new-template", "sms/../../x"], "is not a template name"),
    ],
)
def test_a_bad_name_is_refused_in_one_line_and_nothing_is_written(
    runner, tmp_path, args, words
):
    result = runner.invoke(cli, [*args, "--content", str(tmp_path)])
    assert result.exit_code == 1
    assert words in result.output and result.output.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_design_without_a_scaffold_is_refused(runner, tmp_path):
    args = ["new-study", "x", "--design", "crossover", "--content", str(tmp_path)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and "crossover" in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_overwritten(runner, tmp_path):
    scaffold(runner, tmp_path, "new-study", "eerste")
    letter = tmp_path / "messages" / "letter" / "tweede-variant.en.md"
    letter.write_text("mine\n")
    result = runner.invoke(cli, ["new-study", "tweede", "--content", str(tmp_path)])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "tweede-variant.en.md already exists" in result.output
    assert letter.read_text() == "mine\n"
    assert not (tmp_path / "prototypes" / "tweede.toml").exists()
    assert not (tmp_path / "messages" / "letter" / "tweede-controle.nl.md").exists()
    again = runner.invoke(cli, ["new-study", "eerste", "--content", str(tmp_path)])
    assert again.exit_code == 1 and "eerste.toml already exists" in again.output


def test_new_files_go_to_the_current_folder_without_content(
    runner, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SPRINTLAB_CONTENT", raising=False)
    assert runner.invoke(cli, ["new-study", "hier"]).exit_code == 0
    assert (tmp_path / "prototypes" / "hier.toml").exists()
    clean_check(runner, tmp_path)
