"""Imports point down: the pure core never reaches up to the web edges."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "sprintlab"
CORE = [
    "stats", "rendering", "studies", "messages", "db", "personas", "formatting",
    "readability", "sms", "scrub", "mockups", "content", "check", "previews",
    "problems", "languages", "i18n", "answers", "assignment", "participation",
    "accounts", "simulation", "respondents", "export", "svg", "plots", "spss",
    "analysis", "evidence", "segment_analysis", "verdicts", "report_format",
    "report_html", "dashboard", "live",
    "drafts", "versions", "study_setup", "textdiff",
]  # fmt: skip
FORBIDDEN_FOR_CORE = ("flask", "werkzeug", "sprintlab.web", "sprintlab.cli")


def imports(path):
    """Every module PATH imports, relative imports resolved to absolute names."""
    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                yield ".".join((*base, node.module) if node.module else base)
            else:
                yield node.module


def module_files(name):
    path = PACKAGE / name
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


@pytest.mark.parametrize("module", CORE)
def test_core_modules_never_import_flask_or_the_web(module):
    files = [f for f in module_files(module) if f.exists()]
    assert files, f"sprintlab/{module} is listed as core but does not exist"
    for path in files:
        for name in imports(path):
            assert not name.startswith(FORBIDDEN_FOR_CORE), (
                f"{path.name} imports {name}"
            )


def test_stats_imports_only_numpy_and_scipy():
    for path in module_files("stats"):
        for name in imports(path):
            root = name.split(".")[0]
            assert root in {
                "numpy",
                "scipy",
                "sprintlab",
                "math",
                "dataclasses",
                "typing",
                "collections",
                "functools",
                "itertools",
                "__future__",
                "warnings",
                "enum",
                "numbers",
            }, f"{path.name} imports {name}"
            if root == "sprintlab":
                assert name.startswith("sprintlab.stats"), f"{path.name} imports {name}"


def test_only_db_speaks_sql():
    for path in PACKAGE.rglob("*.py"):
        if PACKAGE / "db" in path.parents:
            continue
        names = set(imports(path))
        assert "sqlite3" not in names, f"{path} imports sqlite3"
        text = path.read_text(encoding="utf-8")
        for keyword in ("SELECT ", "INSERT ", "UPDATE ", "DELETE FROM", "CREATE TABLE"):
            assert keyword not in text, f"{path} contains SQL ({keyword.strip()})"


def test_blueprints_never_import_each_other():
    # A blueprint module is one that makes a Blueprint; the helpers beside
    # them (context, errors, access, sessions, ...) may be imported by any.
    blueprints = [
        p
        for p in (PACKAGE / "web").glob("*.py")
        if "Blueprint(" in p.read_text(encoding="utf-8")
    ]
    assert {p.stem for p in blueprints} >= {"auth", "gallery", "participant"}
    names = {f"sprintlab.web.{p.stem}" for p in blueprints}
    for path in blueprints:
        for name in imports(path):
            assert name not in names, f"{path.name} imports blueprint {name}"
