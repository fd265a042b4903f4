"""Studies: one TOML file per prototype test under prototypes/.

A study names its variants (each a message template, optionally framed by a
scenario), the questions asked about each variant, the segment questions asked
once, and its design. Reading follows the tables declared in study_schema.py
and reports every problem with the file and key, so a researcher can fix
them all at once.
"""

import itertools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sprintlab.content.outcomes import default_intrusiveness, intrusiveness_problem
from sprintlab.content.problems import ContentError, Problem, ProblemLog
from sprintlab.content.schema import read_table
from sprintlab.content.shapes import ID_PATTERN  # noqa: F401 - for set-up
from sprintlab.content.study_schema import (  # noqa: F401 - re-exported
    CATEGORICAL_SEGMENT_TYPES,
    DESIGNS,
    LISTED,
    MAX_FACTORS,
    QUESTION_TYPES,
    SEGMENT_TYPES,
    STUDY,
)
from sprintlab.content.study_settings import Settings, settings_from
from sprintlab.hashing import content_hash
from sprintlab.languages import LANGUAGES

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
# Questions without one rating per message: free text, and data_use (a row
# per data source).
NOT_RATED = ("text", "data_use")
YES_NO = {"nl": ("Ja", "Nee"), "en": ("Yes", "No")}


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
    margin: float | None = None  # as declared (see outcomes.smallest_difference)
    profile: dict | None = None  # segment questions: words for the two ends
    tested: bool = True  # segment questions: tested per segment
    # What the option for no answer says: "dont_know" (Weet ik niet) or
    # "prefer_not" (Dat zeg ik liever niet); stored as don't know either way.
    no_answer: str = "dont_know"

    @property
    def is_ordered(self):
        """Do the answers run from one end to the other (all but unordered choice)?"""
        return self.type in ("likert7", "yes_no") or self.ordered

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
    factor: str = ""  # the one factor it changes ("" for the control)
    level: str = ""  # that factor's level in this variant
    cell: tuple = ()  # a factorial cell: ((factor, level), …) for every factor

    @property
    def levels(self):
        """A factorial cell's {factor: level}; {} for other variants."""
        return dict(self.cell)


@dataclass(frozen=True)
class Factor:
    """A factor of a factorial study: its label and its levels, the reference first."""

    id: str
    label: dict
    levels: tuple  # of Option

    @property
    def reference(self):
        """The level the control cell has."""
        return self.levels[0].id

    def level(self, level_id):
        """The level (an Option) with LEVEL_ID; KeyError when there is none."""
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)


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
    intrusiveness_outcome: str = ""  # "" when the study has none
    margins_required: bool = False
    settings: Settings = Settings()
    factors: tuple = ()  # a factorial study's Factors; its variants are the cells

    @property
    def between_subjects(self):
        """Whether each participant sees one variant (between or factorial)."""
        return self.design != "within"

    def factor(self, factor_id):
        """The Factor with FACTOR_ID; KeyError when there is none."""
        for factor in self.factors:
            if factor.id == factor_id:
                return factor
        raise KeyError(factor_id)

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
        """The questions with one rating or choice per message (see NOT_RATED)."""
        return tuple(q for q in self.questions if q.type not in NOT_RATED)

    @property
    def data_use_questions(self):
        """The data_use questions (asked about each message that lists data)."""
        return tuple(q for q in self.questions if q.type == "data_use")

    @property
    def rank_questions(self):
        """The rank segment questions."""
        return tuple(q for q in self.segments if q.type == "rank")

    @property
    def tested_segments(self):
        """The segment questions tested for a variant x group interaction."""
        return tuple(
            q for q in self.segments if q.type in CATEGORICAL_SEGMENT_TYPES and q.tested
        )

    @property
    def indicators(self):
        """The segment questions that latent segments are found from."""
        return tuple(q for q in self.segments if q.type in CATEGORICAL_SEGMENT_TYPES)


@dataclass(frozen=True)
class StudyReading:
    """What reading a study file found, errors or not.

    STUDY is None when the file has errors; VARIANTS are those that could be
    read (their templates are checked all the same), STUDY_ID the id it states.
    """

    study: Study | None
    problems: list
    variants: tuple
    study_id: str | None = None


def _question(values):
    options = tuple(
        Option(option["id"], {language: option[language] for language in LANGUAGES})
        for option in values.get("options") or ()
    )
    return Question(
        id=values["id"] or f"?{values.where}",
        type=values["type"],
        text=values["text"],
        better=values.get("better"),
        required=values["required"] is not False,
        options=options,
        anchors=values.get("anchors"),
        ordered=values.get("ordered") is True,
        margin=values.get("margin"),
        profile=values.get("profile"),
        tested=values.get("tested") is not False,
        no_answer=values.get("no_answer") or "dont_know",
    )


def _variant(values):
    factor = values.get("factor") or ""
    variant_id = values["id"] or f"?{values.where}"
    return Variant(
        id=variant_id,
        template=values["template"] or "",
        label=values["label"],
        scenario=values["scenario"],
        factor=factor,
        level=(values.get("level") or variant_id) if factor else "",
    )


def _factor(values):
    levels = tuple(
        Option(
            level["id"] or "?", {language: level[language] for language in LANGUAGES}
        )
        for level in values.get("levels") or ()
    )
    return Factor(values["id"] or f"?{values.where}", values["label"], levels)


def cells(factors, template, scenario):
    """The variants of a factorial study: one per combination of levels.

    The first, every factor at its reference level, is the control. A cell's
    id joins its levels ("gemeente-formeel-zonder"), its label the factors'.
    """
    found = []
    for levels in itertools.product(*(factor.levels for factor in factors)):
        label = {
            language: " · ".join(
                f"{(factor.label or {}).get(language) or factor.id}:"
                f" {level.text.get(language) or level.id}"
                for factor, level in zip(factors, levels, strict=True)
            )
            for language in LANGUAGES
        }
        found.append(
            Variant(
                id="-".join(level.id for level in levels),
                template=template or "",
                label=label,
                scenario=scenario,
                cell=tuple(
                    (factor.id, level.id)
                    for factor, level in zip(factors, levels, strict=True)
                ),
            )
        )
    return tuple(found)


def _check_factors(log, values, factors, variants):
    """A factorial study's factors: two levels each, at most MAX_FACTORS, ids unique."""
    tables = values.get("factors") or ()
    _no_duplicates(log, tables)
    for table, factor in zip(tables, factors, strict=True):
        _no_duplicates(log, table.get("levels") or ())
        if len(factor.levels) > 2:
            log.problem(
                f"{table.where}.levels",
                "a factor has exactly two levels here, the reference first: for"
                " more, split it into two-level factors or use a between design",
            )
    if len(factors) > MAX_FACTORS:
        log.problem(
            "factors",
            f"at most {MAX_FACTORS} factors ({2**MAX_FACTORS} cells): every cell"
            " needs its own participants",
        )
    seen = set()
    for variant in variants:
        if variant.id in seen:
            log.problem(
                "factors",
                f"two cells are both called '{variant.id}': give the levels ids"
                " that do not run into each other",
            )
        seen.add(variant.id)


def _no_duplicates(log, tables):
    """Note every table among TABLES (read values) whose id an earlier one has."""
    seen = set()
    for table in tables:
        if table["id"] in seen:
            log.problem(
                f"{table.where}.id",
                f"the id '{table['id']}' is used twice: give each its own",
            )
        if table["id"] is not None:
            seen.add(table["id"])


def _check_references(log, values, variants, questions, segments):
    """The rules between keys: ids unique, control and outcome naming real ones."""
    _no_duplicates(log, values.get("variants") or ())
    for variant in values.get("variants") or ():
        if variant.get("level") is not None and variant.get("factor") is None:
            log.problem(
                f"{variant.where}.level",
                'a level belongs to a factor: add factor = "…" too (e.g. factor ='
                ' "tone", level = "warm")',
            )
    _no_duplicates(log, [*values["questions"], *values["segments"]])
    for question in (*values["questions"], *values["segments"]):
        _no_duplicates(log, question.get("options") or ())
    if questions and not any(q.type not in NOT_RATED for q in questions):
        log.problem("questions", "ask at least one rating question per variant")
    ids = {v.id for v in variants}
    if values.get("control") is not None and values["control"] not in ids:
        log.problem(
            "control", f"must be one of the variant ids: {', '.join(sorted(ids))}"
        )
    rated = {q.id for q in questions if q.type not in NOT_RATED}
    if values["primary_outcome"] is not None and values["primary_outcome"] not in rated:
        log.problem(
            "primary_outcome",
            f"must be a rating question id: {', '.join(sorted(rated))}",
        )


def _intrusiveness(log, values, questions):
    """The study's intrusiveness outcome ("" when it has none), checked."""
    primary = values["primary_outcome"]
    chosen = values.get("intrusiveness_outcome")
    if chosen is None:
        return default_intrusiveness(questions, primary)
    why = intrusiveness_problem(questions, chosen, primary)
    if why:
        log.problem("intrusiveness_outcome", why, "intrusiveness_outcome =")
        return ""
    return chosen


def _check_margins(log, values, questions, intrusiveness):
    """With margins_required, the verdict's two outcomes must declare their margin."""
    if values["margins_required"] is not True:
        return
    outcomes = {values["primary_outcome"], intrusiveness} - {""}
    for question in values["questions"]:
        if question["id"] in outcomes and question.get("margin") is None:
            example = "0.5" if question["type"] == "likert7" else "0.1"
            log.problem(
                f"{question.where}.margin",
                "missing: the study sets margins_required = true, so declare the"
                f" smallest difference that matters (e.g. margin = {example})",
            )


# Keys that became required after studies were stored with participants: a
# stored definition (what a participant consented to) may lack them.
STORED_MAY_LACK = ("organisation",)


def read_study(text, path="<text>", stored=False):
    """Read a study file's TEXT: a StudyReading with every problem found in it.

    STORED: TEXT is a definition stored when a participant consented, read
    again to show them what they started (see STORED_MAY_LACK).
    """
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problem = Problem(str(path), "", f"TOML error: {error}")
        return StudyReading(None, [problem], ())
    log = ProblemLog(text, path)
    values = read_table(log, raw, STUDY, may_lack=STORED_MAY_LACK if stored else ())
    factors = tuple(_factor(f) for f in values.get("factors") or ())
    if values["design"] == "factorial":
        variants = cells(factors, values.get("template"), values.get("scenario"))
        _check_factors(log, values, factors, variants)
        if variants:
            values["control"] = variants[0].id
    else:
        variants = tuple(_variant(v) for v in values.get("variants") or ())
    questions = tuple(_question(q) for q in values["questions"])
    segments = tuple(_question(q) for q in values["segments"])
    _check_references(log, values, variants, questions, segments)
    intrusiveness = _intrusiveness(log, values, questions)
    _check_margins(log, values, questions, intrusiveness)
    if log.errors:
        return StudyReading(None, log.problems, variants, values["id"])
    consent = values["consent"]
    study = Study(
        id=values["id"],
        version=values["version"],
        design=values["design"],
        minutes=values["minutes"],
        control=values["control"],
        primary_outcome=values["primary_outcome"],
        target_per_variant=values["target_per_variant"],
        title=values["title"],
        intro=values["intro"],
        consent_version=consent["version"],
        consent={language: consent[language].strip() for language in LANGUAGES},
        variants=variants,
        questions=questions,
        segments=segments,
        text=text,
        path=str(path),
        intrusiveness_outcome=intrusiveness,
        margins_required=values["margins_required"],
        settings=settings_from(values),
        factors=factors,
    )
    return StudyReading(study, log.problems, variants, study.id)


def parse_study(text, path="<text>", stored=False):
    """Parse and validate a study file's TEXT; raise ContentError on errors."""
    reading = read_study(text, path, stored)
    if reading.study is None:
        raise ContentError(reading.problems)
    return reading.study


def read_study_file(path):
    """Read the study file at PATH: a StudyReading (see read_study)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        problem = Problem(str(path), "", f"not UTF-8 ({error.reason})")
        return StudyReading(None, [problem], ())
    return read_study(text, str(path))


def load_study(path):
    """Load and validate the study file at PATH; raise ContentError on errors."""
    reading = read_study_file(path)
    if reading.study is None:
        raise ContentError(reading.problems)
    return reading.study


def misnamed(path, study_id):
    """A problem when the file at PATH is not called <STUDY_ID>.toml, else None."""
    if Path(path).stem == study_id:
        return None
    return Problem(
        str(path),
        "id",
        f"the study's id is '{study_id}' but its file is {Path(path).name}: name"
        f" the file {study_id}.toml (or change the id)",
    )


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
