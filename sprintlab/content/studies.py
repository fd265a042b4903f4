"""Studies: one TOML file per prototype test under prototypes/.

A study names its variants (each a message template, optionally framed by a
scenario), the questions asked about each variant, the segment questions asked
once, and its design. Loading validates everything and reports each problem
with the file and key, so a researcher can fix it.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from sprintlab.content.messages import is_template_id
from sprintlab.content.problems import ContentError, Problem
from sprintlab.content.study_reader import (  # noqa: F401 - ID_PATTERN for set-up
    ID_PATTERN,
    StudyReader,
)
from sprintlab.content.study_settings import Settings, read_settings
from sprintlab.hashing import content_hash
from sprintlab.languages import LANGUAGES

DESIGNS = ("between", "within")
QUESTION_TYPES = ("likert7", "yes_no", "choice", "text")
SEGMENT_TYPES = ("likert7", "yes_no", "choice")
AGREE_SCALE = {
    "nl": (
        "Helemaal mee oneens",
        "Mee oneens",
        "Een beetje mee oneens",
        "Niet eens, niet oneens",
        "Een beetje mee eens",
        "Mee eens",
        "Helemaal mee eens",
    ),
    "en": (
        "Strongly disagree",
        "Disagree",
        "Somewhat disagree",
        "Neither agree nor disagree",
        "Somewhat agree",
        "Agree",
        "Strongly agree",
    ),
}
DONT_KNOW = {"nl": "Weet ik niet", "en": "Don't know"}
YES_NO = {"nl": ("Ja", "Nee"), "en": ("Yes", "No")}
STUDY_KEYS = {
    "id", "version", "design", "minutes", "control", "primary_outcome",
    "target_per_variant", "title", "intro", "consent", "variants", "questions",
    "segments",
}  # fmt: skip
# What the participants' pages show: who asks, where from, how (study_settings.py).
STUDY_KEYS |= {"organisation", "municipality", "layout", "opening"}
VARIANT_KEYS = {"id", "template", "label", "scenario"}
QUESTION_KEYS = {
    "id", "type", "text", "better", "required", "options", "anchors", "ordered",
}  # fmt: skip


@dataclass(frozen=True)
class Option:
    """One answer option of a choice question."""

    id: str
    text: dict


LIKERT7_OPTIONS = ("1", "2", "3", "4", "5", "6", "7")
YES_NO_OPTIONS = ("yes", "no")


@dataclass(frozen=True)
class Question:
    """A question about a variant, or a segment question asked once."""

    id: str
    type: str
    text: dict
    better: str | None = None
    required: bool = True
    options: tuple = ()
    anchors: dict | None = None
    ordered: bool = False

    def labels(self, language):
        """The seven labels of a likert7 question, low to high, in LANGUAGE."""
        if self.anchors:
            low, high = self.anchors[language]
            return (low, "", "", "", "", "", high)
        return AGREE_SCALE[language]

    def option_ids(self):
        """The values a participant may give (not counting don't know)."""
        if self.type == "likert7":
            return LIKERT7_OPTIONS
        if self.type == "yes_no":
            return YES_NO_OPTIONS
        return tuple(option.id for option in self.options)


@dataclass(frozen=True)
class Variant:
    """One message variant: a template, a label and an optional scenario.

    Also what a designer picks in the studio before the study exists; its id
    is then "" until the study set-up names it after its template.
    """

    id: str
    template: str
    label: dict
    scenario: dict | None = None


@dataclass(frozen=True)
class Study:
    """A prototype test, exactly as its file defines it."""

    id: str
    version: int
    design: str
    minutes: int
    control: str
    primary_outcome: str
    target_per_variant: int
    title: dict
    intro: dict
    consent_version: str
    consent: dict
    variants: tuple
    questions: tuple
    segments: tuple
    text: str
    path: str
    settings: Settings = Settings()

    @property
    def hash(self):
        """The content hash of the definition, recorded with every participant."""
        return content_hash(self.text)

    def variant(self, variant_id):
        """The variant with VARIANT_ID; KeyError when there is none."""
        for variant in self.variants:
            if variant.id == variant_id:
                return variant
        raise KeyError(variant_id)

    def question(self, question_id):
        """The question or segment question with QUESTION_ID."""
        for question in self.questions + self.segments:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    @property
    def rated_questions(self):
        """The questions with a numeric or categorical answer (not free text)."""
        return tuple(q for q in self.questions if q.type != "text")


def _read_question(reader, raw, key, allowed_types):
    if not isinstance(raw, dict):
        reader.problem(key, "must be a table")
        return None
    reader.known_keys(raw, QUESTION_KEYS, key)
    qid = reader.identifier(raw, key, "question")
    where = f"{key} ({qid})"
    qtype = raw.get("type")
    if qtype not in allowed_types:
        reader.problem(f"{where}.type", f"must be one of {', '.join(allowed_types)}")
    better = raw.get("better")
    if qtype in ("likert7", "yes_no") and better not in ("higher", "lower", None):
        reader.problem(f"{where}.better", "must be 'higher' or 'lower'")
    options = ()
    if qtype == "choice":
        options = _read_options(reader, raw.get("options") or [], f"{where}.options")
    anchors = None
    if "anchors" in raw:
        anchors = raw["anchors"]
        for language in LANGUAGES:
            pair = anchors.get(language) if isinstance(anchors, dict) else None
            if not (isinstance(pair, list) and len(pair) == 2):
                reader.problem(
                    f"{where}.anchors.{language}", "give two labels: 1 and 7"
                )
    return Question(
        id=qid,
        type=qtype,
        text=reader.localized(raw, f"{where}.text"),
        better=better,
        required=bool(raw.get("required", qtype != "text")),
        options=options,
        anchors=_anchors(anchors),
        ordered=bool(raw.get("ordered", False)),
    )


def _anchors(anchors):
    """The labels of 1 and 7 per language, when they are given as a table."""
    if not isinstance(anchors, dict):
        return None
    return {k: tuple(v) for k, v in anchors.items() if isinstance(v, list)}


def _read_options(reader, raw_options, key):
    """The options of a choice question: each a table with an id, nl and en."""
    if not isinstance(raw_options, list) or len(raw_options) < 2:
        reader.problem(key, "a choice question needs >= 2 options")
        return ()
    options = []
    for n, option in enumerate(raw_options):
        if not isinstance(option, dict):
            message = 'each option must be a table: { id = "…", nl = "…", en = "…" }'
            reader.problem(f"{key}[{n}]", message, "options")
            continue
        text = {k: v for k, v in option.items() if k != "id"}
        options.append(
            Option(
                id=reader.identifier(option, f"{key}[{n}]", "option"),
                text=reader.localized({"text": text}, f"{key}[{n}].text"),
            )
        )
    _no_duplicates(reader, [o.id for o in options], key)
    return tuple(options)


def _read_variant(reader, raw, key):
    if not isinstance(raw, dict):
        reader.problem(key, "must be a table")
        return None
    reader.known_keys(raw, VARIANT_KEYS, key)
    vid = reader.identifier(raw, key, "variant")
    template = raw.get("template")
    if not is_template_id(template):
        reader.problem(
            f"{key} ({vid}).template",
            "name a template as '<channel>/<name>', e.g. 'letter/controle'",
            f'"{template}"' if template else None,
        )
    return Variant(
        id=vid,
        template=template or "",
        label=reader.localized(raw, f"{key} ({vid}).label"),
        scenario=reader.localized(raw, f"{key} ({vid}).scenario", required=False),
    )


def _no_duplicates(reader, ids, key):
    seen = set()
    for item in ids:
        if item in seen:
            reader.problem(key, f"the id '{item}' is used twice", f'"{item}"')
        seen.add(item)


def parse_study(text, path="<text>"):
    """Parse and validate a study file's TEXT; raise ContentError on problems."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError([Problem(path, "", f"TOML error: {error}")]) from None
    reader = StudyReader(text, str(path))
    reader.known_keys(raw, STUDY_KEYS, "")
    study_id = reader.identifier(raw, "study", "study")
    design = raw.get("design")
    if design not in DESIGNS:
        reader.problem("design", f"must be one of {', '.join(DESIGNS)}", "design =")
    consent = raw.get("consent") if isinstance(raw.get("consent"), dict) else {}
    if not isinstance(consent.get("version"), str) or not consent.get("version"):
        reader.problem("consent.version", "give the consent text a version string")
    variants = [
        _read_variant(reader, v, f"variants[{n}]")
        for n, v in enumerate(raw.get("variants", []))
    ]
    questions = [
        _read_question(reader, q, f"questions[{n}]", QUESTION_TYPES)
        for n, q in enumerate(raw.get("questions", []))
    ]
    segments = [
        _read_question(reader, q, f"segments[{n}]", SEGMENT_TYPES)
        for n, q in enumerate(raw.get("segments", []))
    ]
    variants = tuple(v for v in variants if v)
    questions = tuple(q for q in questions if q)
    segments = tuple(q for q in segments if q)
    _check_references(reader, raw, design, variants, questions, segments)
    study = Study(
        id=study_id,
        version=reader.integer(raw, "version", 1),
        design=design,
        minutes=reader.integer(raw, "minutes", 5),
        control=raw.get("control", ""),
        primary_outcome=raw.get("primary_outcome", ""),
        target_per_variant=reader.integer(raw, "target_per_variant", 20),
        title=reader.localized(raw, "title"),
        intro=reader.localized(raw, "intro"),
        consent_version=str(consent.get("version", "")),
        consent=reader.localized(
            {"consent": {k: v for k, v in consent.items() if k != "version"}},
            "consent",
        ),
        variants=variants,
        questions=questions,
        segments=segments,
        text=text,
        path=str(path),
        settings=read_settings(reader, raw),
    )
    if reader.problems:
        raise ContentError(reader.problems)
    return study


def _check_references(reader, raw, design, variants, questions, segments):
    minimum = 2
    if len(variants) < minimum:
        reader.problem("variants", f"a study needs at least {minimum} variants")
    _no_duplicates(reader, [v.id for v in variants], "variants")
    _no_duplicates(reader, [q.id for q in questions + segments], "questions")
    if not any(q.type != "text" for q in questions):
        reader.problem("questions", "ask at least one rating question per variant")
    ids = {v.id for v in variants}
    if str(raw.get("control")) not in ids:
        reader.problem(
            "control",
            f"must be one of the variant ids: {', '.join(sorted(ids))}",
            "control =",
        )
    rated = {q.id for q in questions if q.type != "text"}
    if str(raw.get("primary_outcome")) not in rated:
        reader.problem(
            "primary_outcome",
            f"must be a rating question id: {', '.join(sorted(rated))}",
            "primary_outcome =",
        )


def load_study(path):
    """Load and validate the study file at PATH."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problem = Problem(str(path), "", f"not UTF-8 ({error.reason})")
        raise ContentError([problem]) from None
    return parse_study(text, str(path))


def study_files(prototypes_dir):
    """The study files under PROTOTYPES_DIR, sorted by name."""
    return sorted(Path(prototypes_dir).glob("*.toml"))


def load_studies(prototypes_dir):
    """Every valid study under PROTOTYPES_DIR by id; raise on the first bad one."""
    studies = {}
    for path in study_files(prototypes_dir):
        study = load_study(path)
        studies[study.id] = study
    return studies
