"""What changed between two texts: line by line (versions) or word by word (variants).

Both return plain data; the pages escape it when they show it.
"""

import difflib
import re
from dataclasses import dataclass

SAME, ADDED, REMOVED = "same", "added", "removed"
TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class DiffLine:
    """One line of a line diff, with its number in the old and the new text."""

    kind: str
    old_number: int | None
    new_number: int | None
    text: str


@dataclass(frozen=True)
class DiffRun:
    """A run of words that is the same in both texts, added, or removed."""

    kind: str
    text: str


def line_diff(old, new):
    """Every line of OLD and NEW, marked same, added or removed, in reading order."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    lines = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines.extend(
                DiffLine(SAME, i + 1, j + 1, old_lines[i])
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            )
            continue
        lines.extend(
            DiffLine(REMOVED, i + 1, None, old_lines[i]) for i in range(i1, i2)
        )
        lines.extend(DiffLine(ADDED, None, j + 1, new_lines[j]) for j in range(j1, j2))
    return lines


def changed_lines(lines):
    """How many lines a line diff adds and removes: (added, removed)."""
    added = sum(1 for line in lines if line.kind == ADDED)
    return added, sum(1 for line in lines if line.kind == REMOVED)


def word_diff(base, other):
    """OTHER as runs of words kept from BASE, added to it, or removed from it."""
    old, new = TOKEN.findall(base), TOKEN.findall(other)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(runs, SAME, "".join(new[j1:j2]))
            continue
        if tag in ("delete", "replace"):
            _append(runs, REMOVED, "".join(old[i1:i2]))
        if tag in ("insert", "replace"):
            _append(runs, ADDED, "".join(new[j1:j2]))
    return runs


def _append(runs, kind, text):
    """Add TEXT to RUNS, merged into the last run when it is of the same kind."""
    if not text:
        return
    if runs and runs[-1].kind == kind:
        runs[-1] = DiffRun(kind, runs[-1].text + text)
    else:
        runs.append(DiffRun(kind, text))


def differs(runs):
    """Whether a word diff found any difference."""
    return any(run.kind != SAME for run in runs)
