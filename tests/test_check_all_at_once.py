"""`sprintlab check` reports every problem in one run, and never crashes on a shape."""

import copy
import subprocess
import sys

import pytest
import tomli_w

from sprintlab.cli import cli
from sprintlab.content.messages import read_template, split_front_matter
from sprintlab.content.studies import read_study
from tests.conftest import DATA

CORPUS = DATA / "broken-studies"
MINI = (DATA / "minimal" / "prototypes" / "mini.toml").read_text()
LETTER = (DATA / "minimal" / "messages" / "letter" / "brief.nl.md").read_text()

# (file, where (a part of it), message (a part of it)) that one run must report.
EXPECTED = [
    ("wrong-types.toml", "version", "must be a whole number"),
    ("wrong-types.toml", "minutes", 'got "vijf"'),
    ("wrong-types.toml", "target_per_variant", "got 10.5"),
    ("wrong-types.toml", "margins_required", "true or false"),
    ("wrong-types.toml", "title", "must be a table of texts"),
    ("wrong-types.toml", "intro.en", "text in quotes"),
    ("wrong-types.toml", "consent.version", "version string"),
    ("wrong-types.toml", "variants[0] (brief).template", "template name"),
    ("wrong-types.toml", "variants[1] (sms).label", "table of texts"),
    ("wrong-types.toml", "(nuttig).better", "one of higher, lower"),
    ("wrong-types.toml", "(nuttig).required", "true or false"),
    ("wrong-types.toml", "(nuttig).anchors.nl", "two labels"),
    ("wrong-types.toml", "(nuttig).margin", "a number above 0 and below 6"),
    ("wrong-types.toml", "(vertrouwen).options", 'item 1 is not: got "weinig"'),
    ("wrong-types.toml", "(vertrouwen).ordered", "true or false"),
    ("options-shape.toml", "segments[0] (vertrouwen).options", "list of tables"),
    ("missing-keys.toml", "design", "missing"),
    ("missing-keys.toml", "control", "missing"),
    ("missing-keys.toml", "intro", "missing"),
    ("missing-keys.toml", "consent", "missing"),
    ("dubbel.toml", "id", "also the id of"),
    ("dubbel-kopie.toml", "id", "also the id of"),
    ("dubbel-kopie.toml", "id", "name the file dubbel.toml"),
    ("andere-naam.toml", "id", "name the file een-id.toml"),
    ("kapot.nl.md", "sender", "text in quotes"),
    ("kapot.nl.md", "subject", "a letter needs subject"),
    ("kapot.nl.md", "9", "template syntax"),
]
NOTES = [
    ("missing-keys.toml", "version", "1 is assumed"),
    ("missing-keys.toml", "minutes", "5 is assumed"),
    ("missing-keys.toml", "target_per_variant", "20 is assumed"),
    ("missing-keys.toml", "(nuttig).better", '"higher" is assumed'),
    ("andere-naam.toml", "variants (sms).factor", "declares no factor"),
    ("dubbel.toml", "variants (sms).factor", "declares no factor"),
    ("dubbel-kopie.toml", "variants (sms).factor", "declares no factor"),
]


def reported(output, level, expected):
    """The EXPECTED (file, where, message) not found among OUTPUT's LEVEL lines."""
    found = []
    for line in output.splitlines():
        if f": {level}: " in line:
            head, message = line.split(f": {level}: ", 1)
            path, _, where = head.partition(":")
            found.append((path.rsplit("/", 1)[-1], where, message))
    return [
        (name, where, words)
        for name, where, words in expected
        if not any(
            name == file and where in at and words in message
            for file, at, message in found
        )
    ]


def test_the_broken_corpus_is_reported_whole_in_one_run_without_a_traceback():
    run = subprocess.run(
        [sys.executable, "-m", "sprintlab", "check", "--content", str(CORPUS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "Traceback" not in output
    assert reported(output, "error", EXPECTED) == []
    assert reported(output, "note", NOTES) == []
    errors = output.count(": error: ")
    assert f"{errors} error(s), 0 warning(s), {len(NOTES)} note(s)" in output


def test_notes_and_warnings_alone_leave_exit_status_0(runner, tmp_path):
    (tmp_path / "prototypes").mkdir()
    (tmp_path / "prototypes" / "mini.toml").write_text(
        MINI.replace("minutes = 3\n", "")
    )
    messages = tmp_path / "messages"
    for name in ("letter/brief.nl.md", "letter/brief.en.md", "sms/kort.nl.md"):
        path = messages / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text((DATA / "minimal" / "messages" / name).read_text())
    (messages / "sms" / "kort.en.md").write_text(
        (DATA / "minimal" / "messages" / "sms" / "kort.en.md")
        .read_text()
        .replace('description = "minimal sms"', 'description = "x"\ntitle = "t"')
    )
    result = runner.invoke(cli, ["check", "--content", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "mini.toml:minutes: note: not given, so 5 is assumed" in result.output
    assert "kort.en.md:title: warning: an sms does not use title" in result.output
    assert "0 error(s), 1 warning(s), 1 note(s)" in result.output


# --- no shape crashes the reader ---------------------------------------------

WRONG = ["tekst", 12, 1.5, True, [], ["a", "b"], {}, {"nl": 1}, [{"id": 3}], [[1]]]


def paths_in(value, prefix=()):
    """Every path (keys and list indexes) to a value inside VALUE."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, inner in items:
        yield (*prefix, key)
        if isinstance(inner, dict | list):
            yield from paths_in(inner, (*prefix, key))


def replaced(document, path, value):
    changed = copy.deepcopy(document)
    place = changed
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = value
    return changed


def named(path):
    """The last key name on PATH (a list index names its list)."""
    return next(str(step) for step in reversed(path) if isinstance(step, str))


def test_no_value_of_a_wrong_shape_crashes_the_study_reader():
    import tomllib

    document = tomllib.loads(MINI)
    unnamed = []
    for path in paths_in(document):
        original = document
        for step in path:
            original = original[step]
        for value in WRONG:
            text = tomli_w.dumps(replaced(document, path, value))
            reading = read_study(text, "s.toml")  # never raises
            if type(original) is type(value):
                continue
            errors = [p for p in reading.problems if p.level == "error"]
            if reading.study or not any(named(path) in p.where for p in errors):
                unnamed.append((path, value, errors))
    assert unnamed == []


@pytest.mark.parametrize("key", ["channel", "sender", "subject", "language"])
@pytest.mark.parametrize("value", WRONG[1:])  # "tekst" is a fine sender
def test_no_value_of_a_wrong_shape_crashes_the_template_reader(key, value):
    front, body, _ = split_front_matter(LETTER, "brief.nl.md")
    text = f"+++\n{tomli_w.dumps(front | {key: value})}+++\n{body}"
    template, problems = read_template(text, "letter/brief", "nl", "brief.nl.md")
    assert template is None
    assert any(p.level == "error" and key in p.where for p in problems), problems
