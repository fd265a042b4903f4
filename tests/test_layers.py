"""Imports point down, checked by import-linter; SQL lives only in db.

The contracts are in setup.cfg. Besides running them on the package, each
kind of violation they exist to catch is planted in a copy of the package,
to show the contracts fail when they should.
"""

import io
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "sprintlab"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
SQL = re.compile(
    r"\bselect\b.+\bfrom\b|\binsert\s+(or\s+\w+\s+)?into\b|\bupdate\s+\w+\s+set\b"
    r"|\bdelete\s+from\b|\bcreate\s+(unique\s+)?(table|index|trigger|view)\b"
    r"|\bpragma\s+\w+|\bbegin\s+immediate\b",
    re.IGNORECASE | re.DOTALL,
)


def lint_imports(root):
    """Run lint-imports on the package under ROOT; return (exit status, output)."""
    done = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "setup.cfg")],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )
    return done.returncode, done.stdout + done.stderr


def test_the_import_contracts_hold():
    status, output = lint_imports(ROOT)
    assert status == 0, output
    assert "0 broken" in output


VIOLATIONS = {
    "db imports reporting": (
        "db/reading.py",
        "from sprintlab.reporting import analysis",
    ),
    "content imports fieldwork": (
        "content/messages.py",
        "from sprintlab.fieldwork import participation",
    ),
    "a blueprint imports another": (
        "web/studio/editing.py",
        "from sprintlab.web import research",
    ),
    "the domain imports flask": ("studio/textdiff.py", "import flask"),
    "stats imports the database": ("stats/exact.py", "import sqlite3"),
    "an unclassified module": ("newthing.py", "import flask"),
}


def copy_of_the_package(tmp_path):
    """A copy of the package and its contracts under TMP_PATH."""
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(PACKAGE, tmp_path / "sprintlab", ignore=ignore)
    shutil.copy(ROOT / "setup.cfg", tmp_path / "setup.cfg")
    return tmp_path


def test_an_untouched_copy_passes(tmp_path):
    status, output = lint_imports(copy_of_the_package(tmp_path))
    assert status == 0, output


@pytest.mark.parametrize("case", VIOLATIONS)
def test_the_contracts_catch_a_planted_violation(tmp_path, case):
    copy_of_the_package(tmp_path)
    relative, line = VIOLATIONS[case]
    target = tmp_path / "sprintlab" / relative
    before = target.read_text(encoding="utf-8") if target.exists() else ""
    target.write_text(before + f"\n{line}  # planted\n", encoding="utf-8")
    status, output = lint_imports(tmp_path)
    assert status != 0, f"{case} was not caught:\n{output}"


def string_literals(path):
    """Every string literal in the Python file PATH."""
    source = path.read_text(encoding="utf-8")
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            yield token.string


@pytest.mark.parametrize(
    "text", ["select x from t", "Insert Into t", "delete FROM t", "pragma user_version"]
)
def test_the_sql_pattern_matches_any_case(text):
    assert SQL.search(text)


@pytest.mark.parametrize(
    "text", ["Select a segment", "Kies een groep uit de lijst", "<select name=seg>"]
)
def test_the_sql_pattern_leaves_ordinary_text_alone(text):
    assert not SQL.search(text)


def test_only_db_speaks_sql():
    for path in PACKAGE.rglob("*.py"):
        if PACKAGE / "db" in path.parents:
            continue
        for literal in string_literals(path):
            assert not SQL.search(literal), f"{path} contains SQL: {literal[:60]}"
