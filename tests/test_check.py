from sprintlab.cli import cli
from sprintlab.content.check import check_paths
from tests.conftest import DATA, ROOT

BROKEN = DATA / "broken"


def by_file(problems):
    found = {}
    for problem in problems:
        found.setdefault(problem.path.rsplit("/", 1)[-1], []).append(problem)
    return found


def test_broken_fixtures_report_each_error_with_file_and_key_or_line():
    problems = by_file(
        check_paths([BROKEN / "prototypes", BROKEN / "messages"], BROKEN / "messages")
    )
    expected = {
        "bad-toml.toml": ("", "line 3"),
        "unknown-key.toml": ("colour", "unknown key"),
        "missing-translation.toml": ("title.en", "missing translation"),
        "missing-template.toml": ("(sms).template", "sms/bestaat-niet"),
        "text-outcome.toml": ("primary_outcome", "rating question"),
        "syntax.nl.md": ("10", "syntax"),
        "undefined.nl.md": ("11", "iban"),
        "front.nl.md": ("colour", "unknown key"),
        "taal.en.md": ("language", ".en.md"),
        "injectie.nl.md": ("7", "cycler"),
    }
    for name, (where, words) in expected.items():
        found = problems.get(name, [])
        assert any(where in p.where and words in p.message for p in found), (
            name,
            found,
        )
        assert all(p.level == "error" for p in found)
    assert "brief.nl.md" not in problems and "kort.nl.md" not in problems


def test_check_exits_1_on_broken_content(runner):
    result = runner.invoke(cli, ["check", "--content", str(BROKEN)])
    assert result.exit_code == 1
    assert "syntax.nl.md:10: error" in result.output
    assert "error(s)" in result.output


def test_check_passes_on_shipped_content(runner):
    result = runner.invoke(cli, ["check", "--content", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_check_one_file_and_a_missing_one(runner):
    good = ROOT / "messages" / "sms" / "hulpaanbod.nl.md"
    assert runner.invoke(cli, ["check", str(good)]).exit_code == 0
    result = runner.invoke(cli, ["check", str(ROOT / "nope.toml")])
    assert result.exit_code == 1 and "no such file" in result.output


def test_readability_and_sms_warnings_do_not_fail(runner, tmp_path):
    folder = tmp_path / "messages" / "sms"
    folder.mkdir(parents=True)
    (tmp_path / "prototypes").mkdir()
    long_text = "Ingevolge de toepasselijke regelgeving wordt u hierbij verzocht. " * 6
    (folder / "lang.nl.md").write_text(
        '+++\nchannel = "sms"\nsender = "Gemeentelijke Kredietbank"\nlanguage = "nl"\n'
        f'description = "te lang"\n+++\n{long_text}’\n'
    )
    result = runner.invoke(cli, ["check", "--content", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "SMS segments" in result.output
    assert "UCS-2" in result.output
    assert "sender ID" in result.output
    assert "above B1" in result.output
