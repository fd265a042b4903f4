"""docs/studies.md is held to the code: keys, shapes, defaults, examples, messages.

Every key the loader accepts is documented and every documented key is
accepted (by the declared tables in content/study_schema.py and the front
matter table in content/messages.py); each example passes `check`; each
"when it is wrong" pair gets that message from `check`.
"""

import copy
import datetime
import re
import tomllib

import pytest
import tomli_w

from sprintlab.cli import cli
from sprintlab.content.check import check_paths
from sprintlab.content.messages import FRONT_MATTER, split_front_matter
from sprintlab.content.personas import make_persona
from sprintlab.content.problems import ERROR, NOTE
from sprintlab.content.schema import Nested, Tables
from sprintlab.content.shapes import OneOf
from sprintlab.content.study_schema import STUDY_TABLES
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "studies.md").read_text(encoding="utf-8")
TABLES = {table.name: table for table in (*STUDY_TABLES, FRONT_MATTER)}
FILES = dict(
    (name, text) for name, text in re.findall(r"```\w+ file=(\S+)\n(.*?)```", DOC, re.S)
)
STUDY_FILE = "prototypes/voorbeeld.toml"
FACTORIAL_FILE = "prototypes/voorbeeld-factorieel.toml"
PAIR = re.compile(r"`([^`]+)`[^`→]*→ `([^`]+)`")


def cells(line):
    """The cells of a Markdown table row (an escaped \\| stays in its cell)."""
    parts = re.split(r"(?<!\\)\|", line.strip().strip("|"))
    return [part.strip().replace("\\|", "|") for part in parts]


def documented(marker):
    """{first cell without backticks: {column: cell}} of the table after MARKER."""
    lines = DOC[DOC.index(marker) :].splitlines()[1:]
    header = cells(lines[0])
    rows = {}
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        row = dict(zip(header, cells(line), strict=True))
        rows[row[header[0]].strip("`")] = row
    return rows


def key_rows(table):
    return documented(f"<!-- keys: {table.name} -->")


def toml_line(cell):
    """The one `key = value` line in CELL, parsed; None when there is none."""
    found = re.fullmatch(r"`([^`]+)`", cell.strip())
    return tomllib.loads(found.group(1)) if found else None


def write_content(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


# --- where a key goes in the example -----------------------------------------


def example_file(table, key):
    """The example study where KEY of TABLE is tried: the factorial one for its keys."""
    factorial = table.name == "factor" or (key.uses or ()) == ("factorial",)
    return (
        FACTORIAL_FILE
        if factorial and table.name in ("study", "factor")
        else (STUDY_FILE)
    )


def target(study, table, key):
    """The table in the example STUDY (a dict) where KEY of TABLE is tried."""
    if table.name == "study":
        return study
    if table.name == "factor":
        return study["factors"][0]
    if table.name in ("consent", "organisation"):
        return study[table.name]
    if table.name == "option":
        return next(q for q in study["questions"] if q["type"] == "choice")["options"][
            0
        ]
    items = {
        "variant": study["variants"],
        "question": study["questions"],
        "segment question": study["segments"],
    }[table.name]
    if key.uses is None:  # the last item: no other key refers to it
        return items[-1]
    return next(item for item in items if item["type"] in key.uses)


def study_problems(tmp_path, table, key, fragment):
    """check's problems for the example study with FRAGMENT written at KEY."""
    name = example_file(table, key)
    study = tomllib.loads(FILES[name])
    changed = copy.deepcopy(study)
    target(changed, table, key).update(fragment)
    files = dict(FILES, **{name: tomli_w.dumps(changed)})
    folder = write_content(tmp_path, files)
    return check_paths([folder / name], folder / "messages")


def template_problems(tmp_path, key, fragment):
    """check's problems for an example template with FRAGMENT in its front matter."""
    channel = key.uses[0] if key.uses else "letter"
    name = next(n for n in FILES if n.startswith(f"messages/{channel}/"))
    front, body, _ = split_front_matter(FILES[name], name)
    text = f"+++\n{tomli_w.dumps(front | fragment)}+++\n{body}"
    folder = write_content(tmp_path, dict(FILES, **{name: text}))
    return check_paths([folder / name], folder / "messages")


def problems_with(tmp_path, table, key, fragment):
    if table is FRONT_MATTER:
        return template_problems(tmp_path, key, fragment)
    return study_problems(tmp_path, table, key, fragment)


# --- the tests ---------------------------------------------------------------


def test_the_readme_links_the_reference():
    assert "docs/studies.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_table_is_documented():
    markers = set(re.findall(r"<!-- keys: ([^>]+?) -->", DOC))
    assert markers == set(TABLES)


@pytest.mark.parametrize("table", TABLES.values(), ids=lambda t: t.name)
def test_documented_keys_are_the_accepted_keys(table):
    rows = key_rows(table)
    assert list(rows) == list(table.names())
    for key in table.keys:
        row = rows[key.name]
        assert row["type"] == key.shape.name, key.name
        assert row["required / default"] == key.default_text, key.name
        if "used by" in row:
            assert row["used by"] == ", ".join(key.uses or ("all",)), key.name
        if isinstance(key.shape, OneOf):
            for value in key.shape.values:
                assert f"`{value}`" in row["allowed values"], (key.name, value)


@pytest.mark.parametrize(
    "table, kind",
    [
        (table, kind)
        for table in TABLES.values()
        if table.kind_key and table is not FRONT_MATTER
        for kind in table.kinds
    ],
    ids=lambda value: getattr(value, "name", value),
)
def test_each_type_lists_its_keys(table, kind):
    marker = f"<!-- kind: {table.name} {kind} -->"
    bullet = DOC[: DOC.index(marker)].rsplit("\n- **", 1)[1]
    listed = re.findall(r"`(\w+)`", bullet.split("Keys:", 1)[1])
    assert tuple(listed) == table.names(kind)


def test_the_complete_example_passes_check_cleanly(tmp_path, runner):
    assert STUDY_FILE in FILES and FACTORIAL_FILE in FILES and len(FILES) >= 8
    folder = write_content(tmp_path, FILES)
    result = runner.invoke(cli, ["check", "--content", str(folder)])
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s), 0 note(s)" in result.output


def every_key():
    return [(table, key) for table in TABLES.values() for key in table.keys]


def key_id(value):
    return value.name if hasattr(value, "shape") else value.name.replace(" ", "-")


@pytest.mark.parametrize("table, key", every_key(), ids=key_id)
def test_each_example_passes_check(tmp_path, table, key):
    cell = key_rows(table)[key.name]["example"]
    fragment = toml_line(cell)
    if fragment is None:  # a table or list of tables: the complete example shows it
        assert cell == "see the example"
        assert isinstance(key.shape, Nested | Tables)
        return
    assert list(fragment) == [key.name]
    problems = problems_with(tmp_path, table, key, fragment)
    assert not [p for p in problems if p.level == ERROR], problems


@pytest.mark.parametrize("table, key", every_key(), ids=key_id)
def test_check_says_what_the_reference_says(tmp_path, table, key):
    pairs = PAIR.findall(key_rows(table)[key.name]["when it is wrong, `check` says"])
    assert pairs, f"{key.name}: give at least one wrong line and its message"
    for index, (line, message) in enumerate(pairs):
        folder = tmp_path / str(index)
        folder.mkdir()
        fragment = tomllib.loads(line)
        problems = problems_with(folder, table, key, fragment)
        assert any(
            p.level == ERROR and key.name in p.where and message in p.message
            for p in problems
        ), (line, message, problems)


@pytest.mark.parametrize(
    "table, key",
    [(t, k) for t, k in every_key() if k.required or k.noted],
    ids=key_id,
)
def test_a_required_key_left_out_is_an_error_and_a_default_a_note(tmp_path, table, key):
    if table is FRONT_MATTER:
        channel = key.uses[0] if key.uses else "letter"
        name = next(n for n in FILES if n.startswith(f"messages/{channel}/"))
        front, body, _ = split_front_matter(FILES[name], name)
        del front[key.name]
        text = f"+++\n{tomli_w.dumps(front)}+++\n{body}"
        folder = write_content(tmp_path, dict(FILES, **{name: text}))
        problems = check_paths([folder / name], folder / "messages")
    else:
        name = example_file(table, key)
        study = tomllib.loads(FILES[name])
        target(study, table, key).pop(key.name, None)
        folder = write_content(tmp_path, dict(FILES, **{name: tomli_w.dumps(study)}))
        problems = check_paths([folder / name], folder / "messages")
    level = ERROR if key.required else NOTE
    assert any(p.level == level and p.where.endswith(key.name) for p in problems), (
        problems
    )


def test_persona_fields_are_the_documented_ones():
    rows = documented("<!-- persona fields -->")
    persona = make_persona(0, "nl", datetime.date(2026, 11, 28))
    assert list(rows) == list(persona)
    kinds = {str: "text", float: "number", int: "number", datetime.date: "date"}
    for field, value in persona.items():
        assert rows[field]["type"] == kinds[type(value)], field
