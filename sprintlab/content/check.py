"""`sprintlab check`: validate studies and message templates before use.

Errors make content unusable (bad TOML, unknown keys, values of the wrong
shape, missing keys and translations, variants naming missing templates, two
studies with one id or a study file not named after its id, template syntax,
unknown variables, and a template that fails on any date of a year or for
any of many personas, or goes over its render budget).
Warnings flag what a reader would struggle with (readability against B1, SMS
length and sender IDs) and keys that are ignored. Notes say which defaults
were assumed. Every file is read to the end, so one run reports everything.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from sprintlab.content.data_checks import data_problems
from sprintlab.content.manipulation import study_manipulations
from sprintlab.content.messages import (
    is_template_id,
    load_template,
    read_template,
    split_front_matter,
)
from sprintlab.content.participant_checks import poster_warnings, study_problems
from sprintlab.content.personas import make_persona
from sprintlab.content.problems import NOTE, WARNING, ContentError, Problem
from sprintlab.content.readability import analyse_text
from sprintlab.content.rendering import RenderError, compile_message, compile_source
from sprintlab.content.sms import sms_segments
from sprintlab.content.studies import misnamed, read_study_file
from sprintlab.content.sweep import SweepTooSlow, all_cells, render_across
from sprintlab.languages import LANGUAGES

# Reading warnings are measured on a fixed day, so they do not change with the
# day a check runs, and over READING_PERSONAS people: names, amounts and
# phone numbers change a short text's score, and the worst reader counts.
READING_PERSONAS, READING_DAY = 20, date(2026, 1, 15)
SMS_SENDER_ID_MAX = 11
SMS_SEGMENTS_MAX = 2


def check_template_file(path, today=None):
    """Problems in one template file, rendered across a year and many personas.

    The year of dates starts at TODAY (default: today); see sweep.py.
    """
    path = Path(path)
    name, _, language = path.stem.rpartition(".")
    template_id = f"{path.parent.name}/{name}"
    if language not in LANGUAGES or not is_template_id(template_id):
        return [
            Problem(
                str(path),
                "",
                "name template files messages/<channel>/<name>.<lang>.md: channel"
                " letter, sms, poster or email; name of lower-case letters, digits"
                " and -; lang nl or en",
            )
        ]
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, ValueError) as error:
        return [Problem(str(path), "", f"cannot read the file: {error}")]
    template, problems = read_template(text, template_id, language, str(path))
    if template is None:
        return problems + _body_problems(text, path, language, template_id)
    try:
        render_across(template, today)
        renderings = reading_renderings(template)
    except SweepTooSlow as error:
        return [Problem(str(path), "body", error.message)]
    except RenderError as error:
        where = str(error.line) if error.line else "front matter"
        return problems + [Problem(str(path), where, error.message)]
    return problems + _reading_warnings(path, template, renderings)


@lru_cache(maxsize=128)
def _reader(seed, language):
    # The same readers for every template of a check (personas are immutable
    # to templates).
    return make_persona(seed, language, READING_DAY)


def reading_renderings(template):
    """TEMPLATE rendered for READING_PERSONAS people on READING_DAY, every cell.

    A factorial template is read in each of its cells, in turn over the people.
    """
    cells = all_cells(template.factors)
    count = max(READING_PERSONAS, len(cells))
    compiled = compile_message(template)  # text only: no Markdown to HTML
    return [
        compiled.render(
            _reader(seed, template.language),
            READING_DAY,
            html=False,
            cell=cells[seed % len(cells)],
        )
        for seed in range(count)
    ]


def _body_problems(text, path, language, template_id):
    """Syntax problems in the body of a template whose front matter has errors."""
    try:
        _, body, body_line = split_front_matter(text, str(path))
        if body.strip():
            sms = template_id.startswith("sms/")
            compile_source(body, language, body_line, sms)
    except ContentError:
        return []  # the front matter's own problems are reported already
    except RenderError as error:
        return [Problem(str(path), str(error.line or "body"), error.message)]
    return []


def _reading_warnings(path, template, renderings):
    """Warnings for the worst of RENDERINGS (one per persona)."""
    warnings = []
    if template.channel == "sms":
        warnings.extend(_sms_warnings(path, template, renderings))
    if template.channel == "poster":
        longest = max(renderings, key=lambda r: len(r.text.split()))
        warnings.extend(poster_warnings(path, longest))
    if template.language == "nl":
        warnings.extend(_b1_warnings(path, [reading_text(r) for r in renderings]))
    return warnings


def reading_text(rendered):
    """What a reader reads of a message: a poster's headline is most of it."""
    if rendered.channel == "poster":
        return f"{rendered.headline}\n\n{rendered.text}"
    return rendered.text


def _sms_warnings(path, template, renderings):
    """Segments and sender ID for the longest rendering; characters the text types."""
    warnings = []
    counts = [sms_segments(r.text) for r in renderings]
    count = max(counts, key=lambda c: (c.segments, c.characters))
    sender = max((r.sender for r in renderings), key=len)
    # A persona's name may force UCS-2 ("Zoë"); only what the designer typed is
    # theirs to replace.
    offending = sorted(
        {c for found in counts for c in found.offending if c in template.text}
    )
    if count.segments > SMS_SEGMENTS_MAX:
        warnings.append(
            Problem(
                str(path),
                "body",
                f"{count.segments} SMS segments ({count.characters} characters,"
                f" {count.encoding}); keep it to {SMS_SEGMENTS_MAX}",
                WARNING,
            )
        )
    if offending:
        offending = "".join(offending)
        warnings.append(
            Problem(
                str(path),
                "body",
                f"characters {offending!r} force UCS-2: 70 instead of 160 per"
                " segment; replace them",
                WARNING,
            )
        )
    if len(sender) > SMS_SENDER_ID_MAX:
        warnings.append(
            Problem(
                str(path),
                "sender",
                f"an SMS sender ID has at most {SMS_SENDER_ID_MAX} characters;"
                f" networks cut {sender!r}",
                WARNING,
            )
        )
    return warnings


def worst_reading(texts):
    """(the hardest reading of TEXTS, how many of them are above B1); None if none.

    Hardest: the lowest Flesch-Douma among those above B1, else overall.
    """
    readings = []
    for text in texts:
        try:
            readings.append(analyse_text(text))
        except ValueError:
            continue
    if not readings:
        return None
    failing = [r for r in readings if not r.meets_b1]
    worst = min(failing or readings, key=lambda r: r.flesch_douma)
    return worst, len(failing), len(readings)


def _b1_warnings(path, texts):
    found = worst_reading(texts)
    if found is None or not found[1]:
        return []
    reading, failing, total = found
    advice = "; ".join(reading.advice) or "shorten sentences and words"
    return [
        Problem(
            str(path),
            "body",
            f"above B1 for {failing} of {total} personas; the hardest: Flesch-Douma"
            f" {reading.flesch_douma:.0f}, {reading.mean_sentence_length:.1f} words"
            f" per sentence; {advice}",
            WARNING,
        )
    ]


@dataclass
class CheckResult:
    """What `check` found: problems, and each study's manipulation check."""

    problems: list = field(default_factory=list)
    manipulations: dict = field(default_factory=dict)  # study path -> [Manipulation]


def check_study_file(path, messages_dir):
    """Problems in one study file, including the templates its variants name."""
    return _check_study(path, messages_dir, CheckResult())[1]


def _check_study(path, messages_dir, result):
    """(the study's id or None, the problems in the study file at PATH).

    The study's manipulation check goes into RESULT.
    """
    reading = read_study_file(path)
    problems = list(reading.problems)
    if reading.study is not None:
        problems += study_problems(reading.study)
        problems += data_problems(reading.study, messages_dir)
        found, more = _manipulation_check(reading.study, messages_dir)
        result.manipulations[str(path)] = found
        problems += more
    problems += _template_problems(path, reading, messages_dir)
    return reading.study_id, problems


def _template_problems(path, reading, messages_dir):
    """Each variant's template, in every language; a factorial one with its factors.

    A factorial study's template must declare the study's factors and levels
    in its front matter.
    """
    problems, seen = [], set()
    factorial = reading.study is not None and reading.study.design == "factorial"
    for variant in reading.variants:
        if not is_template_id(variant.template) or variant.template in seen:
            continue
        seen.add(variant.template)
        where = "template" if variant.cell else f"variants ({variant.id}).template"
        for language in LANGUAGES:
            template_file = Path(messages_dir) / f"{variant.template}.{language}.md"
            if not template_file.exists():
                problems.append(
                    Problem(
                        str(path),
                        where,
                        f"no template {variant.template} in {language}: create "
                        f"{template_file}",
                    )
                )
            elif factorial:
                problems += _factor_mismatch(path, reading.study, template_file)
    return problems


def _factor_mismatch(path, study, template_file):
    """An error when the template's `factors` are not the study's, level for level."""
    name, _, language = template_file.stem.rpartition(".")
    try:
        template = load_template(
            template_file.parent.parent, f"{template_file.parent.name}/{name}", language
        )
    except ContentError:
        return []  # the template's own problems are reported with it
    wanted = {f.id: tuple(level.id for level in f.levels) for f in study.factors}
    if template.factors == wanted:
        return []
    written = ", ".join(
        f"{factor} = [{', '.join(repr(level) for level in levels)}]"
        for factor, levels in wanted.items()
    ).replace("'", '"')
    return [
        Problem(
            str(path),
            "template",
            f"{template_file.name} must declare the study's factors and levels, the"
            f" reference first: factors = {{ {written} }} in its front matter",
        )
    ]


def _manipulation_check(study, messages_dir):
    """(each variant's manipulation check, the warnings and notes it gives)."""
    try:
        found = study_manipulations(
            study,
            lambda template_id, language: load_template(
                messages_dir, template_id, language
            ),
        )
    except (ContentError, RenderError, ValueError):
        return [], []  # the templates' own problems say why
    problems = []
    for manipulation in found:
        where = _variant_where(study, manipulation)
        problems += [
            Problem(study.path, where, warning, WARNING)
            for warning in manipulation.warnings
        ]
    for variant in study.variants:
        if variant.id != study.control and not variant.factor and not variant.cell:
            problems.append(
                Problem(
                    study.path,
                    f"variants ({variant.id}).factor",
                    "declares no factor, so the manipulation check cannot say what"
                    ' it may change: write factor = "…" and level = "…" (e.g.'
                    ' factor = "tone", level = "warm")',
                    NOTE,
                )
            )
    return found, problems


def _variant_where(study, manipulation):
    if study.factors:
        return f"factors ({manipulation.factor})"
    return f"variants ({manipulation.variant})"


def content_files(paths):
    """The study (.toml) and template (.md) files in PATHS, folders walked, once."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.rglob("*.toml")))
            files.extend(sorted(path.rglob("*.md")))
        else:
            files.append(path)
    return list({path.resolve(): path for path in files}.values())


def check_paths(paths, messages_dir):
    """Problems in every content file under PATHS, and between its study files."""
    return check_content(paths, messages_dir).problems


def check_content(paths, messages_dir):
    """The CheckResult of every content file under PATHS."""
    result = CheckResult()
    problems = result.problems
    files_by_id = {}
    for path in content_files(paths):
        if not path.exists():
            problems.append(Problem(str(path), "", "no such file or folder"))
        elif path.suffix == ".toml":
            study_id, found = _check_study(path, messages_dir, result)
            problems.extend(found)
            if study_id is not None:
                problems.extend(filter(None, [misnamed(path, study_id)]))
                files_by_id.setdefault(study_id, []).append(path)
        elif path.suffix == ".md":
            problems.extend(check_template_file(path))
        else:
            problems.append(
                Problem(str(path), "", "not a study (.toml) or template (.md)")
            )
    problems.extend(_shared_ids(files_by_id))
    return result


def _shared_ids(files_by_id):
    """An error in each study file whose id another file has too."""
    problems = []
    for study_id, paths in files_by_id.items():
        for path in paths if len(paths) > 1 else ():
            others = ", ".join(str(other) for other in paths if other != path)
            problems.append(
                Problem(
                    str(path),
                    "id",
                    f"the id '{study_id}' is also the id of {others}: give every"
                    " study an id of its own",
                )
            )
    return problems
