import re

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
