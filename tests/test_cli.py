import json
import re
from pathlib import Path

import pytest

from sprintlab import db as store
from sprintlab.cli import cli
from tests.conftest import ROOT


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name, command in cli.commands.items():
        assert f"sprintlab {name}" in readme, f"README does not document {name}"
        assert "Example:" in (command.help or ""), f"{name} has no example"


def test_preview_writes_a_standalone_page(runner, tmp_path):
    out = tmp_path / "brief.html"
    result = runner.invoke(
        cli, ["preview", "letter/controle", "--seed", "3", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert page.startswith("<!doctype html>")
    assert 'class="mockup letter"' in page and ".letter .sheet" in page
    assert "<link" not in page  # stands alone


def test_preview_of_an_sms_shows_its_segments(runner):
    result = runner.invoke(cli, ["preview", "sms/hulpaanbod", "--lang", "en"])
    assert result.exit_code == 0
    assert re.search(r"\d SMS segments · \d+ characters · GSM-7", result.output)


def test_preview_refuses_unknown_and_path_like_names(runner):
    for name in ("letter/nope", "../../etc/passwd"):
        result = runner.invoke(cli, ["preview", name])
        assert result.exit_code == 1
        assert "Error" in result.output


def test_simulate_adds_participants_with_a_known_truth(runner, tmp_path):
    database = tmp_path / "sim.db"
    args = ["simulate", "sprint-sms", "--db", str(database), "--participants", "20"]
    result = runner.invoke(cli, [*args, "--effect", "keuze:intrusive=-1"])
    assert result.exit_code == 0, result.output
    assert "simulated 20 participants for sprint-sms (seed 0)" in result.output
    assert "true effects: keuze:intrusive=-1" in result.output
    db = store.open_db(database)
    assert db.execute("SELECT count(*) FROM participants").fetchone()[0] == 20
    db.close()


def test_simulate_refuses_unknown_studies_and_bad_effects(runner, tmp_path):
    base = ["--db", str(tmp_path / "x.db"), "--participants", "5"]
    for args, message in (
        (["simulate", "nope", *base], "no study called nope"),
        (["simulate", "sprint-sms", *base, "--effect", "keuze"], "VARIANT:QUESTION"),
        (["simulate", "sprint-sms", *base, "--effect", "x:understand=1"], "no variant"),
    ):
        result = runner.invoke(cli, args)
        assert result.exit_code == 1 and message in result.output, result.output


def test_export_writes_csv_and_json(runner, tmp_path):
    database = str(tmp_path / "export.db")
    simulate = ["simulate", "vroegsignalering", "--db", database]
    assert runner.invoke(cli, [*simulate, "--participants", "12"]).exit_code == 0
    out = tmp_path / "answers.json"
    export = ["export", "vroegsignalering", "--db", database]
    result = runner.invoke(cli, [*export, "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = json.loads(out.read_text(encoding="utf-8"))
    db = store.open_db(database)
    assert len(rows) == db.execute("SELECT count(*) FROM answers").fetchone()[0]
    db.close()
    assert "seg_vertrouwen" in rows[0] and "token" not in rows[0]
    printed = runner.invoke(cli, export)  # csv on standard output by default
    assert printed.output.startswith("participant,study_hash,language,variant,")
    assert len(printed.output.splitlines()) == len(rows) + 1
    unknown = runner.invoke(cli, ["export", "nope", "--db", database])
    assert unknown.exit_code == 1 and "no study called nope" in unknown.output


def test_demo_seeds_once_and_prints_links_and_qr_codes(runner, tmp_path, monkeypatch):
    served = []
    monkeypatch.setattr("sprintlab.cli._serve", lambda *args: served.append(args))
    database = tmp_path / "demo.db"
    args = ["demo", "--db", str(database), "--port", "5123", "--content", str(ROOT)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "simulated 400 participants for vroegsignalering" in result.output
    assert "simulated 480 participants for vroegsignalering-factorieel" in (
        result.output
    )
    for study_id in ("vroegsignalering", "sprint-sms", "vroegsignalering-factorieel"):
        link = f"http://127.0.0.1:5123/s/{study_id}"
        assert f"participant link: {link}\n" in result.output
        assert f"kiosk link:       {link}?kiosk=1" in result.output
        assert f"http://127.0.0.1:5123/gallery/{study_id}/qr" in result.output
    assert "▀" in result.output or "▄" in result.output  # the QR codes
    assert len(served) == 1 and served[0][1:] == ("127.0.0.1", 5123)
    again = runner.invoke(cli, args)
    assert again.exit_code == 0 and "simulated" not in again.output
    db = store.open_db(database)
    assert (
        db.execute("SELECT count(*) FROM participants").fetchone()[0] == 885
    )  # 400 + 5 + 480
    db.close()


def test_qr_page_for_in_person_sessions(client):
    page = client.get("/gallery/sprint-sms/qr")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<svg" in html and "http://localhost/s/sprint-sms?kiosk=1" in html
    study_page = client.get("/gallery/sprint-sms").get_data(as_text=True)
    assert "/gallery/sprint-sms/qr" in study_page
    assert client.get("/gallery/nope/qr").status_code == 404


def test_ci_runs_the_readme_test_command_verbatim():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"```sh\n(.+?)\n```", readme)
    assert len(commands) >= 2, "the README gives two set-up commands"
    demo, tests = commands[:2]
    assert "sprintlab demo" in demo and "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert tests in ci, ".ci/run must run the README's test command verbatim"


@pytest.mark.parametrize(
    "url",
    ["ftp://example.nl", "onderzoek.example.nl", "https://", "https://a b.nl",
     "https://x.nl:99999", "https://x.nl/?q=1", "https://user@x.nl"],
)  # fmt: skip
def test_serve_refuses_a_malformed_public_url_in_one_line(runner, tmp_path, url):
    database = tmp_path / "never.db"
    result = runner.invoke(cli, ["serve", "--db", str(database), "--public-url", url])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "http(s)://host" in result.output
    assert not database.exists()


def served_app(runner, monkeypatch, args, env=None):
    """The app `sprintlab serve --init ARGS` would serve (a first start)."""
    served = []
    monkeypatch.setattr("sprintlab.cli._serve", lambda app, *rest: served.append(app))
    result = runner.invoke(cli, ["serve", "--init", *args], env=env)
    assert result.exit_code == 0, result.output
    (app,) = served
    return app


def test_serve_passes_the_public_url_and_proxies_to_the_app(
    runner, monkeypatch, tmp_path
):
    database = str(tmp_path / "s.db")
    app = served_app(
        runner,
        monkeypatch,
        ["--db", database, "--public-url", "https://onderzoek.example.nl/sl/"]
        + ["--trusted-proxies", "1"],
    )
    assert app.config["PUBLIC_URL"] == "https://onderzoek.example.nl/sl"
    assert app.config["TRUSTED_PROXIES"] == 1
    assert app.config["DATABASE"] == str(Path(database).resolve())
    plain = served_app(runner, monkeypatch, ["--db", database])
    assert plain.config["PUBLIC_URL"] is None and plain.config["TRUSTED_PROXIES"] == 0


def test_serve_reads_the_same_settings_from_the_environment(
    runner, monkeypatch, tmp_path
):
    env = {
        "SPRINTLAB_DATABASE": str(tmp_path / "env.db"),
        "SPRINTLAB_PUBLIC_URL": "http://10.0.0.5:8080",
        "SPRINTLAB_TRUSTED_PROXIES": "2",
    }
    app = served_app(runner, monkeypatch, [], env=env)
    assert app.config["DATABASE"] == str((tmp_path / "env.db").resolve())
    assert app.config["PUBLIC_URL"] == "http://10.0.0.5:8080"
    assert app.config["TRUSTED_PROXIES"] == 2


def test_create_app_reads_the_settings_a_wsgi_server_gives(monkeypatch, tmp_path):
    from sprintlab import create_app
    from sprintlab.web.settings import SettingError

    monkeypatch.setenv("SPRINTLAB_DATABASE", str(tmp_path / "g.db"))
    monkeypatch.setenv("SPRINTLAB_PUBLIC_URL", "https://x.example.nl/")
    monkeypatch.setenv("SPRINTLAB_TRUSTED_PROXIES", "1")
    app = create_app()
    assert app.config["DATABASE"] == str(tmp_path / "g.db")
    assert app.config["PUBLIC_URL"] == "https://x.example.nl"
    assert app.config["TRUSTED_PROXIES"] == 1
    monkeypatch.setenv("SPRINTLAB_PUBLIC_URL", "x.example.nl")
    with pytest.raises(SettingError, match="http"):
        create_app()


def test_serve_prints_the_links_and_qr_codes_of_every_open_study(
    runner, monkeypatch, tmp_path
):
    from tests.server import free_port

    database = tmp_path / "s.db"
    db = store.open_db(database)
    store.set_study_state(db, "sprint-sms", "paused", "onderzoeker", store.now())
    db.close()
    monkeypatch.setattr("sprintlab.cli._serve", lambda *args: None)
    public = "https://onderzoek.example.nl/sl"
    args = ["serve", "--db", str(database), "--content", str(ROOT)]
    args += ["--port", str(free_port()), "--public-url", public + "/"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    link = f"{public}/s/vroegsignalering"
    assert f"participant link: {link}\n" in result.output
    assert f"kiosk link:       {link}?kiosk=1" in result.output
    assert f"QR code page:     {public}/gallery/vroegsignalering/qr" in result.output
    assert "▀" in result.output or "▄" in result.output
    assert "sprint-sms" not in result.output  # paused: it takes nobody now


def test_serve_without_a_public_url_links_to_where_it_listens(
    runner, monkeypatch, tmp_path
):
    from tests.server import free_port

    monkeypatch.setattr("sprintlab.cli._serve", lambda *args: None)
    port = free_port()
    args = ["serve", "--init", "--db", str(tmp_path / "n.db"), "--port", str(port)]
    result = runner.invoke(cli, [*args, "--content", str(ROOT)])
    assert result.exit_code == 0, result.output
    for study_id in ("vroegsignalering", "sprint-sms"):
        assert f"http://127.0.0.1:{port}/s/{study_id}?kiosk=1" in result.output


@pytest.mark.parametrize(
    "args",
    [["check"], ["preview", "letter/controle"], ["serve", "--init", "--db", "n.db"]],
)
def test_a_content_folder_without_prototypes_is_refused_in_one_line(
    runner, tmp_path, monkeypatch, args
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, [*args, "--content", str(tmp_path / "leeg")])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "has no prototypes/ folder" in result.output and "new-study" in result.output
    assert list(tmp_path.iterdir()) == []  # no database, no secret, nothing
