"""Set up a study from the studio: write prototypes/<id>.toml, open, pause, close.

A new study takes its variants from existing templates and its questions,
segment questions and consent from an existing study, as a starting point.
The file is checked exactly as `sprintlab check` checks it before it is put
in place; a study with errors is never written.
"""

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from sprintlab import db as store
from sprintlab.content.check import check_study_file
from sprintlab.content.messages import is_template_id
from sprintlab.content.problems import Problem, errors_in
from sprintlab.content.studies import ID_PATTERN, LISTED
from sprintlab.languages import LANGUAGES

STATES = ("open", "paused", "closed")
MAX_VARIANTS = 12
INTRO = {
    "nl": (
        "U ziet straks {what}. Daarna stellen wij u een paar korte vragen.\n\n"
        "Er zijn geen goede of foute antwoorden. Wij vragen niet naar uw naam. "
        "U kunt op elk moment stoppen."
    ),
    "en": (
        "In a moment you will see {what}. After that we will ask you a few short "
        "questions.\n\nThere are no right or wrong answers. We do not ask for your "
        "name. You can stop at any time."
    ),
}
WHAT = {
    ("nl", "between"): "één bericht",
    ("en", "between"): "one message",
    ("nl", "within"): "{n} berichten, één voor één",
    ("en", "within"): "{n} messages, one at a time",
}
COPIED_FROM_BASE = (
    "minutes",
    "primary_outcome",
    "intrusiveness_outcome",
    "margins_required",
    "target_per_variant",
    "municipality",
    "layout",
    "opening",
    "organisation",
    "consent",
    "questions",
    "segments",
)


class StudyRefused(ValueError):
    """A study that cannot be created; PROBLEMS say where and why."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.where}: {p.message}" for p in self.problems))


@dataclass(frozen=True)
class StudyRequest:
    """What a designer asks for: id, titles, design, variants and a base study.

    VARIANTS are content.studies.Variant: the templates picked, with labels
    and scenarios. A variant's id may be left blank (""): it is then named
    after its template (variant_ids).
    """

    study_id: str
    title: dict
    design: str
    variants: tuple
    base: object
    intro: dict | None = None


def variant_ids(templates):
    """A unique variant id per template: its name, or channel-name when taken."""
    ids = []
    for template_id in templates:
        channel, name = template_id.split("/")
        candidate = name if name not in ids else f"{channel}-{name}"
        number = 2
        while candidate in ids:
            candidate, number = f"{channel}-{name}-{number}", number + 1
        ids.append(candidate)
    return ids


def _intro(request):
    given = request.intro or {}
    intro = {}
    for language in LANGUAGES:
        if (given.get(language) or "").strip():
            intro[language] = given[language].strip()
            continue
        what = WHAT[(language, request.design)].format(n=len(request.variants))
        intro[language] = INTRO[language].format(what=what)
    return intro


def study_definition(request):
    """The study as a TOML-ready dict: the request, with the base's questionnaire."""
    base = tomllib.loads(request.base.text)
    ids = variant_ids([v.template for v in request.variants])
    variants = []
    for variant_id, choice in zip(ids, request.variants, strict=True):
        variant = {"id": choice.id or variant_id, "template": choice.template}
        variant["label"] = dict(choice.label)
        if choice.scenario and any(s.strip() for s in choice.scenario.values()):
            variant["scenario"] = dict(choice.scenario)
        variants.append(variant)
    data = {
        "id": request.study_id,
        "version": 1,
        "design": request.design,
        "control": ids[0] if ids else "",
    }
    data.update({key: base[key] for key in COPIED_FROM_BASE if key in base})
    data["title"] = dict(request.title)
    data["intro"] = _intro(request)
    data["variants"] = variants
    order = ["id", "version", "design", "minutes", "control", "primary_outcome"]
    order += ["intrusiveness_outcome", "margins_required", "target_per_variant"]
    order += ["municipality", "layout", "opening", "title", "organisation", "intro"]
    order += ["consent", "variants"]
    order += ["questions", "segments"]
    return {key: data[key] for key in order if key in data}


def _pre_check(db, prototypes_dir, request):
    problems = []

    def refuse(where, message):
        problems.append(Problem("", where, message))

    if not ID_PATTERN.match(request.study_id or ""):
        refuse("id", "use lower-case letters, digits, - or _ (at most 64)")
    elif (Path(prototypes_dir) / f"{request.study_id}.toml").exists():
        refuse("id", "there is already a study with this id: choose another")
    elif store.study_versions(db, request.study_id):
        refuse("id", "this id was used before and has evidence: choose another")
    if request.design not in LISTED:  # a factorial study is written by hand
        refuse("design", f"choose one of {', '.join(LISTED)}")
    templates = [v.template for v in request.variants]
    if not 2 <= len(templates) <= MAX_VARIANTS:
        refuse("variants", f"pick between 2 and {MAX_VARIANTS} templates")
    if any(not is_template_id(t) for t in templates):
        refuse("variants", "pick templates from the list")
    if len(set(templates)) != len(templates):
        refuse("variants", "pick each template once")
    return problems


def create_study(db, prototypes_dir, messages_dir, request, author, now=None):
    """Write prototypes/<id>.toml after `sprintlab check` passes it; it starts paused.

    StudyRefused (nothing written) when the request or the file has problems.
    """
    problems = _pre_check(db, prototypes_dir, request)
    if problems:
        raise StudyRefused(problems)
    at = store.now(now)
    comment = (
        f"Created in the sprintlab studio by {author} on {at[:10]}.\n"
        f"Questions, segment questions and consent come from {request.base.id}."
    )
    text = to_toml(study_definition(request), comment=comment)
    final = Path(prototypes_dir) / f"{request.study_id}.toml"
    handle, temporary = tempfile.mkstemp(
        dir=prototypes_dir, prefix=f".{request.study_id}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        problems = errors_in(check_study_file(temporary, messages_dir))
        if problems:
            raise StudyRefused(
                [Problem("", _plain(p.where), p.message) for p in problems]
            )
        try:
            # A hard link never replaces a study someone created meanwhile.
            os.link(temporary, final)
        except FileExistsError:
            raise StudyRefused(
                [Problem("", "id", "there is already a study with this id")]
            ) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    store.set_study_state(db, request.study_id, "paused", author, at)
    return final


def _plain(where):
    """A checker's key in the form's words: 'variant 2 (keuze).label in Dutch'."""
    where = re.sub(
        r"variants\[(\d+)\]", lambda m: f"variant {int(m.group(1)) + 1}", where
    )
    where = re.sub(r"^variants (\()", r"variant \1", where)
    for suffix, words in ((".nl", " in Dutch"), (".en", " in English")):
        if where.endswith(suffix):
            where = where[: -len(suffix)] + words
    return where


def change_state(db, study_id, state, author, now=None):
    """Open, pause or close a study; ValueError for any other state."""
    if state not in STATES:
        raise ValueError(f"a study can be {', '.join(STATES)}, not {state!r}")
    store.set_study_state(db, study_id, state, author, store.now(now))


def accepts_participants(db, study_id):
    """Whether new participants may start the study (it is open)."""
    return store.study_state(db, study_id) == "open"


def to_toml(data, comment=""):
    """DATA as TOML text (tomli-w), with COMMENT lines on top."""
    header = "".join(f"# {line}".rstrip() + "\n" for line in comment.splitlines())
    # A TOML reader turns a line break inside a multi-line string into "\n",
    # so text holding a carriage return is written escaped, on one line.
    body = tomli_w.dumps(data, multiline_strings=not _holds_carriage_return(data))
    return f"{header}\n{body}" if header else body


def _holds_carriage_return(value):
    """Whether any string inside VALUE (dicts, lists, keys) holds a carriage return."""
    if isinstance(value, str):
        return "\r" in value
    if isinstance(value, dict):
        return any(map(_holds_carriage_return, [*value, *value.values()]))
    if isinstance(value, list | tuple):
        return any(map(_holds_carriage_return, value))
    return False
