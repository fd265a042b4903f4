"""Template drafts in the studio: checked, previewed and screened as they are typed.

The studio edits a template as two fields, its front matter and its body. A
draft is checked exactly as `sprintlab check` checks a file (it is written to
a temporary file and handed to `check_template_file`), so the studio and the
command line never disagree about what is an error.
"""

import re
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sprintlab.content.check import check_template_file
from sprintlab.content.manipulation import compare_variant
from sprintlab.content.messages import FENCE, is_template_id, parse_template
from sprintlab.content.previews import preview_template
from sprintlab.content.problems import ERROR, ContentError
from sprintlab.content.readability import analyse_text
from sprintlab.content.rendering import RenderError
from sprintlab.content.sms import sms_segments
from sprintlab.studio.textdiff import word_diff

FRONT, BODY = "front", "body"
FIELD_LABELS = {FRONT: "Front matter", BODY: "Message text"}
LEADING_NUMBER = re.compile(r"^(\d+)\b")
TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Finding:
    """An error or warning, placed at a field and line of the editor if it can be."""

    message: str
    level: str = ERROR
    field: str | None = None
    line: int | None = None
    file_line: int | None = None
    line_text: str = ""
    key: str = ""

    @property
    def where(self):
        """Where to look, in words a designer uses: 'Message text, line 3'."""
        if self.field and self.line:
            return f"{FIELD_LABELS[self.field]}, line {self.line}"
        if self.key:
            return f"{FIELD_LABELS[FRONT]}: {self.key}"
        return FIELD_LABELS.get(self.field, "The template")


@dataclass(frozen=True)
class DraftReport:
    """Everything the editor shows about a draft: errors, warnings and preview."""

    text: str
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    preview: object = None
    readability: object = None
    sms: object = None

    @property
    def ok(self):
        """Whether the draft can be saved."""
        return not self.errors


def compose(front, body):
    """The file text of a template from its front matter and body fields."""
    front = front.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    if body and not body.endswith("\n"):
        body += "\n"
    return f"{FENCE}\n{front}\n{FENCE}\n{body}"


def split(text):
    """The (front matter, body) fields of a template's file TEXT, as typed."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].strip() == FENCE:
        for index in range(1, len(lines)):
            if lines[index].strip() == FENCE:
                front = "".join(lines[1:index]).rstrip("\n")
                return front, "".join(lines[index + 1 :])
    return "", text


def body_first_line(text):
    """The file line number where the body starts (after the second fence)."""
    lines = text.splitlines()
    fences = [n for n, line in enumerate(lines, start=1) if line.strip() == FENCE]
    return fences[1] + 1 if len(fences) > 1 else 1


def locate(text, message, level=ERROR, where="", line=None):
    """A Finding for MESSAGE at a file LINE or a Problem's WHERE, placed in a field."""
    key = ""
    toml_line = TOML_LINE.search(message) if where == "front matter" else None
    if line is None and toml_line:
        line = int(toml_line.group(1)) + 1  # the TOML starts on file line 2
    if line is None:
        number = LEADING_NUMBER.match(where or "")
        if number:
            line = int(number.group(1))
        elif where and where not in ("body", "front matter"):
            key = where
            line = _key_line(text, where)
        elif where == "body":
            return Finding(message, level, field=BODY)
    if line is None:
        return Finding(message, level, field=FRONT if where else None, key=key)
    lines = text.splitlines()
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    first_body = body_first_line(text)
    if line >= first_body:
        return Finding(message, level, BODY, line - first_body + 1, line, line_text)
    return Finding(message, level, FRONT, max(line - 1, 1), line, line_text, key)


def _key_line(text, key):
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(f"{key} ") or line.strip().startswith(f"{key}="):
            return number
    return None


def check_text(text, template_id, language):
    """Problems in a template's TEXT, found by `check_template_file` itself."""
    if not is_template_id(template_id):
        raise ValueError(f"{template_id!r} is not a template name")
    channel, name = template_id.split("/")
    with tempfile.TemporaryDirectory(prefix="sprintlab-draft-") as folder:
        path = Path(folder) / channel / f"{name}.{language}.md"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        return check_template_file(path)


def review_draft(text, template_id, language, seed=0, today=None):
    """Check, preview (for the persona of SEED) and screen a draft's TEXT."""
    findings = [
        locate(text, p.message, p.level, p.where)
        for p in check_text(text, template_id, language)
    ]
    errors = [f for f in findings if f.level == ERROR]
    warnings = [f for f in findings if f.level != ERROR]
    if errors:
        return DraftReport(text, errors, warnings)
    try:
        template = parse_template(text, template_id, language)
        preview = preview_template(
            template, seed, today or date.today(), show_meta=True
        )
    except ContentError as error:
        errors = [locate(text, p.message, p.level, p.where) for p in error.problems]
        return DraftReport(text, errors, warnings)
    except RenderError as error:
        where = "" if error.line else "front matter"
        return DraftReport(
            text, [locate(text, error.message, where=where, line=error.line)], warnings
        )
    message = preview.message
    return DraftReport(
        text,
        [],
        warnings,
        preview=preview,
        readability=_readability(message) if language == "nl" else None,
        sms=sms_segments(message.text) if message.channel == "sms" else None,
    )


def _readability(message):
    try:
        return analyse_text(message.text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Column:
    """One template in a side-by-side comparison, with what differs from the first."""

    template_id: str
    preview: object = None
    error: str = ""
    runs: tuple = ()
    readability: object = None
    sms: object = None
    template: object = None
    manipulation: object = None  # content.manipulation.Manipulation, not the first
    cell: dict | None = None  # a factorial template's levels, when a cell is shown
    label: str = ""  # what the column is called: the cell's id, else the template's

    @property
    def name(self):
        """The column's heading: the cell it shows, or its template id."""
        return self.label or self.template_id

    @property
    def text(self):
        """The words a reader sees: sender, headline and message."""
        if self.preview is None:
            return ""
        message = self.preview.message
        heading = "\n".join(p for p in (message.sender, message.headline) if p)
        return f"{heading}\n\n{message.text}"


def compare_templates(
    load, template_ids, seed=0, today=None, factors=None, cells=None, labels=None
):
    """Columns for TEMPLATE_IDS (read with LOAD), each word-diffed with the first.

    Each other column also carries the manipulation check against the first,
    as `check` makes it; FACTORS maps a column's name (its label, else its
    template id) to the (factor, level) a study declares for it (unknown: no
    factor). CELLS, beside TEMPLATE_IDS: a factorial template's levels for
    that column (None: the reference cell); LABELS name those columns.
    """
    cells = cells or [None] * len(template_ids)
    labels = labels or [""] * len(template_ids)
    columns = []
    for template_id, cell, label in zip(template_ids, cells, labels, strict=True):
        try:
            template = load(template_id)
            preview = preview_template(
                template, seed, today or date.today(), True, cell=cell
            )
        except ContentError as error:
            message = str(error.problems[0].message)
            columns.append(Column(template_id, error=message, label=label))
            continue
        except RenderError as error:
            columns.append(Column(template_id, error=str(error), label=label))
            continue
        dutch, message = template.language == "nl", preview.message
        columns.append(
            Column(
                template_id,
                preview,
                readability=_readability(message) if dutch else None,
                sms=sms_segments(message.text) if message.channel == "sms" else None,
                template=template,
                cell=cell,
                label=label,
            )
        )
    base = columns[0] if columns else Column("")
    return [
        _against(base, column, (factors or {}).get(column.name, ("", "")))
        if n
        else column
        for n, column in enumerate(columns)
    ]


def _against(base, column, factor):
    """COLUMN with its word diff and manipulation check against BASE."""
    runs = tuple(word_diff(base.text, column.text))
    if base.template is None or column.template is None:
        return replace(column, runs=runs)
    try:
        found = compare_variant(
            base.template,
            column.template,
            column.name,
            *factor,
            control_cell=base.cell,
            variant_cell=column.cell,
        )
    except RenderError:
        found = None  # the column says why it cannot be shown
    return replace(column, runs=runs, manipulation=found)
