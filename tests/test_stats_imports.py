"""The statistics layer is pure: it imports numpy, scipy and the standard library.

Two models come from maintained packages, each in its own module and only
there: latent classes from StepMix (with scikit-learn's adjusted Rand index)
and the Plackett-Luce model from choix.
"""

import ast
import sys
from pathlib import Path

STATS = Path(__file__).resolve().parents[1] / "sprintlab" / "stats"
ALLOWED = {"numpy", "scipy", "__future__"} | set(sys.stdlib_module_names)
MODEL_LIBRARIES = {"latent_class.py": {"stepmix", "sklearn"}, "rankings.py": {"choix"}}


def imported_roots(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_stats_imports_only_numpy_scipy_and_the_standard_library():
    files = sorted(STATS.glob("*.py"))
    assert files
    for path in files:
        allowed = ALLOWED | MODEL_LIBRARIES.get(path.name, set())
        outside = set(imported_roots(path)) - allowed
        assert not outside, f"{path.name} imports {outside}"
