"""The test day's notes and decisions as CSV, Markdown (the grid itself) or JSON.

CSV has one row per note, then one per variant decision (kind "decision"),
with NA for missing, and text cells made inert for spreadsheets as the
answers export does. The Markdown is the grid, ready to paste into a sprint
report. JSON keeps every text exactly as stored.
"""

import json

from sprintlab.reporting.export import Export, write_csv
from sprintlab.testday.decisions import latest_decisions
from sprintlab.testday.notes import KINDS, MARKERS

FORMATS = ("csv", "md", "json")
COLUMNS = (
    "slot", "participant", "variant", "kind", "tags", "time", "observer_role",
    "text", "decision",
)  # fmt: skip
# Characters Markdown could read as markup (CommonMark escapes any of them).
MARKDOWN_SPECIAL = set("\\`*_[]<>|#")


def _note_row(note):
    return {
        "slot": note.slot_label,
        "participant": note.participant_id,
        "variant": note.variant_id,
        "kind": note.kind,
        "tags": ";".join(note.tags),
        "time": note.written_at,
        "observer_role": note.observer_role,
        "text": note.text,
        "decision": None,
    }


def _decision_row(decision):
    return {
        "slot": None,
        "participant": None,
        "variant": decision.variant_id,
        "kind": "decision",
        "tags": "",
        "time": decision.decided_at,
        "observer_role": decision.decided_by_role,
        "text": decision.reason,
        "decision": decision.decision,
    }


def note_rows(grid, history):
    """The notes, then the decision that holds per variant, as rows of COLUMNS."""
    decisions = latest_decisions(history).values()
    return [_note_row(n) for n in grid.notes] + [_decision_row(d) for d in decisions]


def _pattern(pattern):
    return {
        "what": pattern.what,
        "value": pattern.value,
        "participants": pattern.participants,
        "of": pattern.of,
    }


def _decision(decision):
    return {
        "variant": decision.variant_id,
        "decision": decision.decision,
        "reason": decision.reason,
        "decided_by_role": decision.decided_by_role,
        "time": decision.decided_at,
    }


def notes_json(grid, history):
    """The notes export as one JSON-ready dict (stable keys, see the README)."""
    study = grid.study
    return {
        "study": {"id": study.id, "version": study.version, "design": study.design},
        "slots": [
            {
                "slot": slot.label,
                "planned_at": slot.planned_at,
                "started_at": slot.started_at,
                "participant": slot.participant_id,
                "finished": slot.state == "finished",
            }
            for slot in grid.schedule.slots
        ],
        "notes": [
            {key: value for key, value in _note_row(note).items() if key != "decision"}
            | {"id": note.id, "tags": list(note.tags)}
            for note in grid.notes
        ],
        "pattern_threshold": grid.threshold,
        "variants": [
            {
                "variant": row.variant_id,
                "label": row.label,
                "positive": row.positives,
                "negative": row.negatives,
                "patterns": [_pattern(p) for p in row.patterns],
                "quotes": [{"slot": q.slot_label, "text": q.text} for q in row.quotes],
            }
            for row in grid.rows
        ],
        "decisions": [_decision(d) for d in latest_decisions(history).values()],
        "decision_history": [_decision(d) for d in history],
    }


def markdown_text(text):
    """TEXT safe inside a Markdown table cell: markup escaped, one line."""
    escaped = "".join("\\" + c if c in MARKDOWN_SPECIAL else c for c in text)
    return " / ".join(escaped.splitlines())


def _markdown_note(note):
    tags = " ".join(f"\\#{markdown_text(tag)}" for tag in note.tags)
    return f"{note.marker} {markdown_text(note.text)}" + (f" ({tags})" if tags else "")


def _markdown_cell(cell):
    parts = [_markdown_note(note) for note in cell.notes]
    if cell.ratings:
        parts.append(" · ".join(f"{q} {value}" for q, value in cell.ratings))
    if cell.shown is False and not parts:
        parts.append("(not shown)")
    return "<br>".join(parts)


def _markdown_summary(row):
    parts = [f"+{row.positives} / \u2212{row.negatives}"]
    parts += [f"**Pattern:** {markdown_text(p.text)}" for p in row.patterns]
    return "<br>".join(parts)


def markdown_grid(grid, history):
    """The grid as a Markdown table with its quotes and decisions."""
    study = grid.study
    decisions = latest_decisions(history)
    heads = [grid.column_label(c) for c in grid.columns]
    lines = [
        f"# Test-day grid: {markdown_text(study.title['en'])} ({study.id})",
        "",
        f"{study.design} subjects · {len(grid.schedule.slots)} slots · a pattern"
        f" is something at least {grid.threshold} of {len(grid.schedule.slots)}"
        " participants share (a kind of note or a tag).",
        "Markers: " + ", ".join(f"{MARKERS[k]} {k}" for k in KINDS) + ".",
        "",
        "| Variant | " + " | ".join(heads) + " | Positive / negative, patterns |",
        "|" + " --- |" * (len(heads) + 2),
    ]
    for row in grid.rows:
        cells = [_markdown_cell(row.cells[c]) for c in grid.columns]
        lines.append(
            f"| {markdown_text(row.label)} | "
            + " | ".join(cells)
            + f" | {_markdown_summary(row)} |"
        )
    lines += ["", "## Quotes", ""]
    quoted = [row for row in grid.rows if row.quotes]
    for row in quoted:
        lines.append(f"**{markdown_text(row.label)}**")
        lines.append("")
        lines += [
            f"- {q.slot_label or 'no slot'}: \u201c{markdown_text(q.text)}\u201d"
            for q in row.quotes
        ]
        lines.append("")
    if not quoted:
        lines += ["No quotes noted.", ""]
    lines += ["## Decisions", ""]
    if decisions:
        lines += ["| Variant | Decision | Reason |", "| --- | --- | --- |"]
        for decision in decisions.values():
            label = _label(study, decision.variant_id)
            lines.append(
                f"| {markdown_text(label)} | {decision.decision} |"
                f" {markdown_text(decision.reason)} |"
            )
    else:
        lines.append("No decisions recorded yet.")
    return "\n".join(lines) + "\n"


def _label(study, variant_id):
    try:
        return study.variant(variant_id).label["en"]
    except KeyError:
        return variant_id


def write_notes(grid, history, out, format):
    """Write the GRID's notes and the decision HISTORY to the stream OUT in FORMAT."""
    if format not in FORMATS:
        raise ValueError(f"unknown notes format {format!r}; use one of {FORMATS}")
    if format == "csv":
        write_csv(Export(COLUMNS, note_rows(grid, history)), out)
    elif format == "md":
        out.write(markdown_grid(grid, history))
    else:
        json.dump(notes_json(grid, history), out, ensure_ascii=False, indent=1)
        out.write("\n")
