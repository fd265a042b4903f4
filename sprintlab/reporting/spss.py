"""Wide exports: SPSS .sav with variable and value labels, and CSV for R.

One row per participant × variant they answered about, one column per
question. Codes: 7-point items 1–7, yes/no 1 = yes and 0 = no, choices 1..k in
the study's option order. "Don't know" on a rated question is -9, declared a
user-missing value in the .sav: SPSS leaves it out of statistics but keeps it
apart from an open answer, which is system-missing. Segment answers are coded
the same way; there "don't know" and open are both missing, as in the long
export. The R CSV holds the same table with NA for every missing value and
variant and option ids as factor levels, next to a codebook. A factorial
study gets one column per factor after the variant columns (`factor_<id>`,
1..k in the study's level order, the reference level 1), so a researcher
can model the factors without decoding cell ids. Free text in
them (answers, labels) that starts like a formula gets a leading apostrophe,
as in the long export.
"""

import csv
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sprintlab.content.data_sources import item_id, label, split_item
from sprintlab.content.studies import DONT_KNOW, YES_NO
from sprintlab.reporting.export import (
    MISSING,
    cell_levels,
    export_answers,
    spreadsheet_text,
)

DONT_KNOW_CODE = -9
RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO",
            "WITH"}  # fmt: skip
MAX_NAME, MAX_LABEL, MAX_VALUE_LABEL, MAX_FILE_LABEL = 64, 255, 120, 64
# the columns around the questions: key -> (Dutch label, English label, kind, measure)
HEAD = {
    "participant": ("Deelnemer (nummer)", "Participant (number)", "number", "nominal"),
    "variant": ("Variant", "Variant", "number", "nominal"),
    "variant_id": ("Variant (id)", "Variant (id)", "text", "nominal"),
    "position": ("Plek in de volgorde (0 = eerst)", "Position (0 = first)", "number",
                 "ordinal"),
    "language": ("Taal", "Language", "text", "nominal"),
    "study_hash": ("Versie van de studie", "Study version", "text", "nominal"),
    "template_hash": ("Versie van het bericht", "Message version", "text", "nominal"),
}  # fmt: skip
TAIL = {
    "opening": ("Hoe het bericht kwam (open of eerst dicht)",
                "How the message was shown (open or staged)", "text", "nominal"),
    "opened": ("Bericht geopend (als het eerst dicht was)",
               "Message opened (when staged)", "flag", "nominal"),
    "shown_at": ("Eerst getoond", "First shown", "text", "nominal"),
    "opened_at": ("Geopend", "Opened", "text", "nominal"),
    "seconds_on_message": ("Seconden bij het bericht", "Seconds on the message",
                           "number", "scale"),
    "layout": ("Vragen per scherm (layout)", "Questions per screen (layout)", "text",
               "nominal"),
    "flag_speeder": ("Snelle invuller", "Speeder", "flag", "nominal"),
    "flag_straight_lining": ("Steeds hetzelfde antwoord", "Straight-lining", "flag",
                             "nominal"),
    "flag_rated_without_opening": ("Beoordeeld zonder te openen",
                                   "Rated without opening", "flag", "nominal"),
    "median_seconds": ("Mediaan seconden per bericht", "Median seconds per message",
                       "number", "scale"),
    "completed": ("Afgerond", "Completed", "flag", "nominal"),
}  # fmt: skip


@dataclass(frozen=True)
class Variable:
    """One column: SPSS-safe name, label, and levels as (code, R value, label)."""

    name: str
    label: str
    kind: str  # "number", "text", or "flag" (1/0 in SPSS, TRUE/FALSE in R)
    levels: tuple = ()
    measure: str = "nominal"
    dont_know: bool = False  # -9 means "don't know" (user-missing)


@dataclass(frozen=True)
class WideTable:
    """The variables in order and one dict of SPSS codes per participant × variant."""

    variables: tuple
    rows: list
    file_label: str = ""


def _cut(text, limit):
    """TEXT on one line, at most LIMIT bytes of UTF-8, cut at a word with "…"."""
    text = " ".join(str(text).split())
    if len(text.encode()) <= limit:
        return text
    cut = text.encode()[: limit - len("…".encode())].decode(errors="ignore")
    if " " in cut[len(cut) // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def spss_name(wanted, taken):
    """A new SPSS variable name for WANTED: a letter first, no dashes, <= 64 bytes."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", wanted)
    name = name if name[:1].isalpha() else "v" + name
    name = name + "_" if name.upper() in RESERVED else name
    name = base = name[:MAX_NAME]
    count = 1
    while name.lower() in taken:
        count += 1
        name = f"{base[: MAX_NAME - len(str(count)) - 1]}_{count}"
    taken.add(name.lower())
    return name


def _levels(question, language, found):
    """(code, R value, label) per answer of QUESTION, in order."""
    if question.type == "likert7":
        return tuple(
            (n, n, label) for n, label in enumerate(question.labels(language), 1)
        )
    if question.type == "yes_no":
        return ((1, 1, YES_NO[language][0]), (0, 0, YES_NO[language][1]))
    pairs = [(o.id, o.text[language]) for o in question.options]
    removed = set(found) - {oid for oid, _ in pairs} - {None}  # since the data came
    pairs += [(oid, oid) for oid in sorted(removed)]
    return tuple((n, oid, text) for n, (oid, text) in enumerate(pairs, 1))


def _variable(question, name, language, found=(), segment=False):
    label = _cut(question.text[language], MAX_LABEL)
    if question.type == "text":
        return Variable(name, label, "text")
    ordered = question.type == "likert7" or question.ordered
    levels = _levels(question, language, found)
    measure = "ordinal" if ordered else "nominal"
    return Variable(name, label, "number", levels, measure, dont_know=not segment)


def _code(question, levels, value, text):
    """The SPSS code of one answer (a scale point, 1/0, or an option id)."""
    if question is None or question.type == "text":
        return text
    if question.type == "choice":
        return next((code for code, oid, _ in levels if oid == text), None)
    if question.type == "yes_no" and isinstance(text, str):  # a segment answer
        return {"yes": 1, "no": 0}.get(text)
    value = text if value is None else value
    return None if value is None else int(float(value))


def _fixed(spec, language, taken, variant_levels):
    """(variable, read) for each of the fixed columns in SPEC."""
    flag_levels = ((1, "TRUE", YES_NO[language][0]), (0, "FALSE", YES_NO[language][1]))
    columns = []
    for key, (nl, en, kind, measure) in spec.items():
        levels = flag_levels if kind == "flag" else ()
        levels = variant_levels if key == "variant" else levels
        label = nl if language == "nl" else en
        variable = Variable(spss_name(key, taken), label, kind, levels, measure)
        columns.append((variable, _reader(key, kind, variant_levels)))
    return columns


def _reader(key, kind, variant_levels):
    if key == "variant":
        codes = {vid: code for code, vid, _ in variant_levels}
        return lambda row: codes[row["variant"]]
    if key == "variant_id":
        return lambda row: row["variant"]
    if kind == "flag":
        return lambda row: None if row[key] is None else int(bool(row[key]))
    return lambda row: row[key]


def _factors(study, language, taken):
    """(variable, read) per factor of a factorial STUDY: the level of each cell."""
    cells = cell_levels(study)
    columns = []
    for factor in study.factors:
        levels = tuple(
            (n, level.id, level.text[language])
            for n, level in enumerate(factor.levels, 1)
        )
        name = spss_name(f"factor_{factor.id}", taken)
        label = _cut(f"Factor: {factor.label[language]}", MAX_LABEL)
        variable = Variable(name, label, "number", levels, "nominal")
        columns.append((variable, _factor_reader(cells, factor.id, levels)))
    return columns


def _factor_reader(cells, factor_id, levels):
    codes = {level_id: code for code, level_id, _ in levels}
    return lambda row: codes.get(cells.get(row["variant"], {}).get(factor_id))


def _places(question, column, language, taken):
    """(variable, read) per option of a rank question: its place, 1 = first."""
    columns = []
    for option in question.options:
        text = f"{question.text[language]}: {option.text[language]}"
        variable = Variable(
            spss_name(f"{column}_{option.id}", taken),
            _cut(text, MAX_LABEL),
            "number",
            measure="ordinal",
        )
        columns.append((variable, _place_reader(column, option.id)))
    return columns


def _place_reader(column, option_id):
    def read(row):
        order = (row[column] or "").split(",")
        return order.index(option_id) + 1 if option_id in order else None

    return read


def _data_use_items(study, export, language):
    """{stored item id: a yes/no question per data source a data_use row asked}."""
    found = {row["question"] for row in export.rows}
    items = {}
    for question in study.data_use_questions:
        sources = sorted(
            source
            for stored in found
            if (source := split_item(stored)[1])
            and split_item(stored)[0] == question.id
        )
        for source in sources:
            text = {
                lang: f"{question.text[lang]} {label(source, lang)}"
                for lang in question.text
            }
            items[item_id(question.id, source)] = replace(
                question, id=item_id(question.id, source), type="yes_no", text=text
            )
    return items


def _segments(study, export, language, taken):
    """(variable, read) for each segment column of the long export."""
    columns = []
    for column in (c for c in export.columns if c.startswith("seg_")):
        found = {row[column] for row in export.rows}
        try:
            question = study.question(column[4:])
        except KeyError:  # asked by an earlier version of the study
            question = None
        if question is not None and question.type == "rank":
            columns += _places(question, column, language, taken)
            continue
        name = spss_name(column, taken)
        if question is None:
            variable = Variable(name, column[4:], "text")
        else:
            variable = _variable(question, name, language, found, segment=True)
        columns.append((variable, _segment_reader(question, variable, column)))
    return columns


def _segment_reader(question, variable, column):
    return lambda row: _code(question, variable.levels, None, row[column])


def wide_table(db, study, language="nl"):
    """The study's answers, one row per participant × variant, labelled in LANGUAGE."""
    export = export_answers(db, study.id, [q.id for q in study.segments])
    variant_ids = [v.id for v in study.variants]
    variant_ids += sorted({row["variant"] for row in export.rows} - set(variant_ids))
    labels = {v.id: v.label[language] for v in study.variants}
    variant_levels = tuple(
        (n, vid, labels.get(vid, vid)) for n, vid in enumerate(variant_ids, 1)
    )
    taken = set()
    head = _fixed(HEAD, language, taken, variant_levels)
    head += _factors(study, language, taken)
    choices, questions = (
        {q.id: set() for q in study.questions if q.type == "choice"},
        {},
    )
    for row in export.rows:
        choices.get(row["question"], set()).add(row["text"])
    asked = [q for q in study.questions if q.type != "data_use"]
    for question in [*asked, *_data_use_items(study, export, language).values()]:
        name = spss_name(question.id, taken)
        found = choices.get(question.id, ())
        questions[question.id] = (question, _variable(question, name, language, found))
    readers = [*head, *_segments(study, export, language, taken)]
    readers += _fixed(TAIL, language, taken, variant_levels)
    rows = {}
    for answer in export.rows:
        key = (answer["participant"], answer["position"])
        if key not in rows:
            rows[key] = {variable.name: read(answer) for variable, read in readers}
        if answer["question"] in questions:
            question, variable = questions[answer["question"]]
            code = _code(question, variable.levels, answer["value"], answer["text"])
            rows[key][variable.name] = DONT_KNOW_CODE if answer["dont_know"] else code
    variables = [v for v, _ in head] + [v for _, v in questions.values()]
    variables += [v for v, _ in readers[len(head) :]]
    table_rows = [{v.name: row.get(v.name) for v in variables} for row in rows.values()]
    label = _cut(study.title[language], MAX_FILE_LABEL)
    return WideTable(tuple(variables), table_rows, label)


def write_sav(db, study, path, language="nl"):
    """Write the wide table of STUDY to PATH as an SPSS .sav file; return it."""
    import pandas as pd  # only the .sav needs these, and pandas is slow to import
    import pyreadstat

    table = wide_table(db, study, language)
    columns = {}
    for variable in table.variables:
        values = [row[variable.name] for row in table.rows]
        if variable.kind == "text":
            values = ["" if v is None else spreadsheet_text(str(v)) for v in values]
            columns[variable.name] = pd.Series(values, dtype=object)
        else:
            columns[variable.name] = pd.Series(values, dtype="float64")
    frame = pd.DataFrame(columns, columns=[v.name for v in table.variables])
    dont_know = {v.name for v in table.variables if v.dont_know}
    value_labels = {}
    for variable in table.variables:
        labels = {
            c: spreadsheet_text(_cut(text, MAX_VALUE_LABEL))
            for c, _, text in variable.levels
            if text
        }
        if variable.name in dont_know:
            labels[DONT_KNOW_CODE] = DONT_KNOW[language]
        if labels:
            value_labels[variable.name] = labels
    pyreadstat.write_sav(
        frame, str(path), file_label=spreadsheet_text(table.file_label),
        column_labels={v.name: spreadsheet_text(v.label) for v in table.variables},
        variable_value_labels=value_labels,
        missing_ranges={name: [DONT_KNOW_CODE] for name in dont_know},
        variable_measure={v.name: v.measure for v in table.variables},
        variable_format=_formats(table.variables),
        note=f"sprintlab: {study.id}; -9 = {DONT_KNOW[language]} (user-missing)",
    )  # fmt: skip
    return table


def _formats(variables):
    formats = {}
    for variable in variables:
        if variable.kind != "text":
            formats[variable.name] = "F8.1" if variable.measure == "scale" else "F8.0"
    return formats


def _r_value(variable, code):
    if code is None or (variable.dont_know and code == DONT_KNOW_CODE):
        return MISSING
    if variable.kind == "text":
        return spreadsheet_text(str(code))
    for level_code, value, _ in variable.levels:
        if level_code == code:
            return str(value)
    return str(code)


def codebook_path(path):
    """Where the codebook of the R CSV at PATH goes: NAME-codebook.csv beside it."""
    path = Path(path)
    return path.with_name(f"{path.stem}-codebook.csv")


def write_r_csv(db, study, path, language="nl"):
    """Write the wide table as CSV for R (NA, factor levels) and its codebook."""
    table = wide_table(db, study, language)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([v.name for v in table.variables])
        for row in table.rows:
            writer.writerow([_r_value(v, row[v.name]) for v in table.variables])
    with open(codebook_path(path), "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["variable", "label", "type", "level", "level_label"])
        for variable in table.variables:
            kind = {"flag": "logical", "text": "text"}.get(variable.kind, "number")
            if variable.kind == "number" and any(
                isinstance(v, str) for _, v, _ in variable.levels
            ):
                kind = "ordered" if variable.measure == "ordinal" else "factor"
            levels = [(value, text) for _, value, text in variable.levels]
            label = spreadsheet_text(variable.label)
            for value, text in levels or [(MISSING, MISSING)]:
                text = spreadsheet_text(text) if isinstance(text, str) else text
                writer.writerow([variable.name, label, kind, value, text])
    return table
