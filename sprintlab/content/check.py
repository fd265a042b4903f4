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

from datetime import date
from pathlib import Path

from sprintlab.content.data_checks import data_problems
from sprintlab.content.messages import (
    is_template_id,
    read_template,
    split_front_matter,
)
from sprintlab.content.participant_checks import poster_warnings, study_problems
from sprintlab.content.personas import make_persona
from sprintlab.content.problems import WARNING, ContentError, Problem
from sprintlab.content.readability import analyse_text
from sprintlab.content.rendering import RenderError, compile_source, render_message
from sprintlab.content.sms import sms_segments
from sprintlab.content.studies import misnamed, read_study_file
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
        persona = make_persona(READING_PERSONA, language, READING_DAY)
        rendered = render_message(template, persona, READING_DAY)
    except SweepTooSlow as error:
        return [Problem(str(path), "body", error.message)]
    except RenderError as error:
        where = str(error.line) if error.line else "front matter"
        return problems + [Problem(str(path), where, error.message)]
    return problems + _reading_warnings(path, template, rendered)


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
    return _check_study(path, messages_dir)[1]


def _check_study(path, messages_dir):
    """(the study's id or None, the problems in the study file at PATH)."""
    reading = read_study_file(path)
    problems = list(reading.problems)
    if reading.study is not None:
        problems += study_problems(reading.study)
        problems += data_problems(reading.study, messages_dir)
    for variant in reading.variants:
        if not is_template_id(variant.template):
            continue
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
    return reading.study_id, problems


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
    problems = []
    files_by_id = {}
    for path in content_files(paths):
        if not path.exists():
            problems.append(Problem(str(path), "", "no such file or folder"))
        elif path.suffix == ".toml":
            study_id, found = _check_study(path, messages_dir)
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
    return problems + _shared_ids(files_by_id)


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
