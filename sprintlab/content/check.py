"""`sprintlab check`: validate studies and message templates before use.

Errors make content unusable (bad TOML, unknown keys, missing translations,
variants naming missing templates, template syntax, unknown variables, and a
template that fails on any date of a year or for any of many personas, or
goes over its render budget).
Warnings flag what a reader would struggle with (readability against B1, SMS
length and sender IDs).
"""

from datetime import date
from pathlib import Path

from sprintlab.content.messages import parse_template
from sprintlab.content.participant_checks import poster_warnings, study_problems
from sprintlab.content.personas import make_persona
from sprintlab.content.problems import WARNING, ContentError, Problem
from sprintlab.content.readability import analyse_text
from sprintlab.content.rendering import RenderError, render_message
from sprintlab.content.sms import sms_segments
from sprintlab.content.studies import load_study
from sprintlab.content.sweep import SweepTooSlow, render_across
from sprintlab.languages import LANGUAGES

# Reading warnings are measured on one fixed rendering, so they do not change
# with the day a check runs.
READING_PERSONA, READING_DAY = 2, date(2026, 1, 15)
SMS_SENDER_ID_MAX = 11
SMS_SEGMENTS_MAX = 2


def check_template_file(path, today=None):
    """Problems in one template file, rendered across a year and many personas.

    The year of dates starts at TODAY (default: today); see sweep.py.
    """
    path = Path(path)
    name, _, language = path.stem.rpartition(".")
    template_id = f"{path.parent.name}/{name}"
    if language not in LANGUAGES or not name:
        return [
            Problem(
                str(path), "", "name template files <name>.<lang>.md, lang nl or en"
            )
        ]
    try:
        text = path.read_text(encoding="utf-8")
        template = parse_template(text, template_id, language, str(path))
    except ContentError as error:
        return error.problems
    except (UnicodeDecodeError, ValueError) as error:
        return [Problem(str(path), "", f"cannot read the file: {error}")]
    try:
        render_across(template, today)
        persona = make_persona(READING_PERSONA, language, READING_DAY)
        rendered = render_message(template, persona, READING_DAY)
    except SweepTooSlow as error:
        return [Problem(str(path), "body", error.message)]
    except RenderError as error:
        where = str(error.line) if error.line else "front matter"
        return [Problem(str(path), where, error.message)]
    return _reading_warnings(path, template, rendered)


def _reading_warnings(path, template, rendered):
    warnings = []
    if template.channel == "sms":
        count = sms_segments(rendered.text)
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
        if count.encoding != "GSM-7":
            offending = "".join(sorted(set(count.offending)))
            warnings.append(
                Problem(
                    str(path),
                    "body",
                    f"characters {offending!r} force UCS-2: 70 instead of 160 per"
                    " segment; replace them",
                    WARNING,
                )
            )
        if len(rendered.sender) > SMS_SENDER_ID_MAX:
            warnings.append(
                Problem(
                    str(path),
                    "sender",
                    f"an SMS sender ID has at most {SMS_SENDER_ID_MAX} characters;"
                    f" networks cut {rendered.sender!r}",
                    WARNING,
                )
            )
    if template.channel == "poster":
        warnings.extend(poster_warnings(path, rendered))
    if template.language == "nl":
        warnings.extend(_b1_warnings(path, rendered.text))
    return warnings


def _b1_warnings(path, text):
    try:
        reading = analyse_text(text)
    except ValueError:
        return []
    if reading.meets_b1:
        return []
    advice = "; ".join(reading.advice) or "shorten sentences and words"
    return [
        Problem(
            str(path),
            "body",
            f"above B1: Flesch-Douma {reading.flesch_douma:.0f}, "
            f"{reading.mean_sentence_length:.1f} words per sentence; {advice}",
            WARNING,
        )
    ]


def check_study_file(path, messages_dir):
    """Problems in one study file, including the templates its variants name."""
    try:
        study = load_study(path)
    except ContentError as error:
        return error.problems
    problems = study_problems(study)
    for variant in study.variants:
        for language in LANGUAGES:
            template_file = Path(messages_dir) / f"{variant.template}.{language}.md"
            if not template_file.exists():
                problems.append(
                    Problem(
                        str(path),
                        f"variants ({variant.id}).template",
                        f"no template {variant.template} in {language}: create "
                        f"{template_file}",
                    )
                )
    return problems


def content_files(paths):
    """The study (.toml) and template (.md) files in PATHS, folders walked."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(path.rglob("*.toml")))
            files.extend(sorted(path.rglob("*.md")))
        else:
            files.append(path)
    return files


def check_paths(paths, messages_dir):
    """Problems in every content file under PATHS."""
    problems = []
    for path in content_files(paths):
        if not path.exists():
            problems.append(Problem(str(path), "", "no such file or folder"))
        elif path.suffix == ".toml":
            problems.extend(check_study_file(path, messages_dir))
        elif path.suffix == ".md":
            problems.extend(check_template_file(path))
        else:
            problems.append(
                Problem(str(path), "", "not a study (.toml) or template (.md)")
            )
    return problems
