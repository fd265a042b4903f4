"""A study's answers in long format, for R, Python or a spreadsheet.

One row per answer, with the participant's segment answers and quality flags
repeated as columns. A participant is named by their numeric id only, never
by their token or withdrawal code; withdrawn participants are left out.

Text bound for a spreadsheet (CSV, SPSS) that starts like a formula gets a
leading apostrophe (OWASP's advice against CSV injection); JSON keeps the
text as it was given.
"""

import csv
import json
from dataclasses import dataclass

from sprintlab import db as store

ANSWER_COLUMNS = (
    "participant", "study_hash", "language", "variant", "position", "question",
    "value", "dont_know", "text", "template_hash", "answered_at",
)  # fmt: skip
# How the message was shown: opened (TRUE/FALSE) only when it was staged.
EXPOSURE_COLUMNS = (
    "opening", "opened", "shown_at", "opened_at", "seconds_on_message", "layout",
)  # fmt: skip
FLAG_COLUMNS = (
    "flag_speeder", "flag_straight_lining", "flag_rated_without_opening",
    "median_seconds", "completed",
)  # fmt: skip
FORMATS = ("csv", "json")
MISSING = "NA"
# A spreadsheet reads a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Export:
    """The columns, in order, and one dict per answer (None where missing)."""

    columns: tuple
    rows: list


def _number(value):
    """A scale point as a whole number; other numbers as they are."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def cell_levels(study):
    """A factorial STUDY's {variant id: {factor: level}} for the export; else {}."""
    if study is None or not study.factors:
        return {}
    return {variant.id: variant.levels for variant in study.variants}


def export_answers(db, study_id, segment_ids=(), levels=None):
    """Every answer to STUDY_ID in long format; SEGMENT_IDS fix the column order.

    Segment questions found in the data but not named get a column too.
    A segment answer of "don't know" and one left open are both missing.
    LEVELS (a factorial study's cell_levels) adds a `factor_<id>` column per
    factor, right after the answer columns: the cell's level of that factor.
    """
    levels = levels or {}
    factor_ids = list(next(iter(levels.values()), {}))
    segments = {}
    for participant, question, value in store.segment_answers_for_export(db, study_id):
        segments.setdefault(participant, {})[question] = value
    found = {question for answers in segments.values() for question in answers}
    segment_ids = [*segment_ids, *sorted(found - set(segment_ids))]
    columns = (
        *ANSWER_COLUMNS,
        *(f"factor_{f}" for f in factor_ids),
        *EXPOSURE_COLUMNS,
        *(f"seg_{q}" for q in segment_ids),
        *FLAG_COLUMNS,
    )
    rows = []
    for answer in store.answers_for_export(db, study_id):
        flags = json.loads(answer["flags"] or "{}")
        given = segments.get(answer["participant"], {})
        row = {column: answer[column] for column in ANSWER_COLUMNS}
        row["value"] = _number(row["value"])
        row["dont_know"] = bool(row["dont_know"])
        cell = levels.get(answer["variant"], {})
        row.update({f"factor_{f}": cell.get(f) for f in factor_ids})
        row.update(_exposure(answer))
        row.update({f"seg_{q}": given.get(q) for q in segment_ids})
        row["flag_speeder"] = flags.get("speeder")
        row["flag_straight_lining"] = flags.get("straight_lining")
        row["flag_rated_without_opening"] = flags.get("rated_without_opening")
        row["median_seconds"] = flags.get("median_seconds")
        row["completed"] = answer["completed_at"] is not None
        rows.append(row)
    return Export(columns, rows)


def _exposure(answer):
    """How the answer's message was shown, as export columns (in their order)."""
    staged = answer["opening"] == "staged"
    opened = (answer["opened_at"] is not None) if staged else None
    return {
        column: opened if column == "opened" else answer[column]
        for column in EXPOSURE_COLUMNS
    }


def spreadsheet_text(text):
    """TEXT made inert for a spreadsheet: a formula-like start gets a "'" first.

    Only for text cells: a negative number in a numeric column is data.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell(value):
    """A value as R's read.csv reads it back: NA, TRUE/FALSE, a number, or text."""
    if value is None:
        return MISSING
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return spreadsheet_text(value)
    return str(value)


def write_csv(export, out):
    """Write EXPORT to the text stream OUT as CSV: a header row, NA for missing."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(export.columns)
    for row in export.rows:
        writer.writerow([_cell(row[column]) for column in export.columns])


def write_json(export, out):
    """Write EXPORT to the text stream OUT as a JSON list of objects."""
    json.dump(export.rows, out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_export(export, out, format):
    """Write EXPORT to OUT in FORMAT, one of FORMATS."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use one of {FORMATS}")
    (write_csv if format == "csv" else write_json)(export, out)
