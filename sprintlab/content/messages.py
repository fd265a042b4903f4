"""Message templates: files under messages/<channel>/<name>.<lang>.md.

A file is a TOML front matter block between two ``+++`` lines, then a Jinja
body: Markdown for letters, posters and e-mails, plain text for SMS.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sprintlab.content.data_sources import DataSources
from sprintlab.content.problems import ContentError, Problem, ProblemLog
from sprintlab.content.schema import Key, Table, read_table
from sprintlab.content.shapes import Flag, LevelLists, OneOf, Text
from sprintlab.hashing import content_hash
from sprintlab.languages import LANGUAGES

CHANNELS = ("letter", "sms", "poster", "email")
FENCE = "+++"
TEMPLATE_ID_PATTERN = re.compile(r"^(letter|sms|poster|email)/[a-z0-9][a-z0-9-]{0,63}$")
POSTER_SETTINGS = ("bus-shelter", "waiting-room")
SIGNED = ("letter", "email")
# Blank texts were always accepted here, and versions that participants saw
# are read again with these rules, so they stay accepted.
_TEMPLATE_TEXT = Text("text in quotes (it may use {{ persona.… }})", blank=True)

#: The keys of a template's front matter, by channel (see schema.py).
FRONT_MATTER = Table(
    "front matter",
    (
        Key("channel", OneOf(CHANNELS), 'channel = "letter"', required=True),
        Key(
            "sender",
            _TEMPLATE_TEXT,
            'sender = "Gemeente {{ persona.municipality }}"',
            required=True,
        ),
        Key(
            "subject",
            _TEMPLATE_TEXT,
            'subject = "Hulp bij een rekening"',
            required=True,
            uses=SIGNED,
        ),
        Key(
            "title",
            _TEMPLATE_TEXT,
            'title = "Geldzorgen? Praat erover."',
            required=True,
            uses=("poster",),
        ),
        Key("language", OneOf(LANGUAGES), 'language = "nl"', required=True),
        Key(
            "description",
            Text(blank=True),
            'description = "Control: neutral letter"',
            required=True,
        ),
        Key(
            "signature",
            _TEMPLATE_TEXT,
            'signature = "{{ persona.case_worker }}"',
            uses=SIGNED,
            assumed="signed by the sender",
        ),
        Key(
            "signature_role",
            _TEMPLATE_TEXT,
            'signature_role = "Schuldhulpverlener"',
            uses=SIGNED,
            assumed="none",
        ),
        Key(
            "setting",
            OneOf(POSTER_SETTINGS),
            'setting = "waiting-room"',
            default=POSTER_SETTINGS[0],
            uses=("poster",),
            assumed=f'"{POSTER_SETTINGS[0]}"',
        ),
        Key(
            "data_used",
            DataSources(),
            'data_used = ["betalingsachterstand", "naam-adres"]',
            default=(),
            assumed="no personal data (a data_use question is not asked)",
        ),
        Key(
            "data_explained",
            Flag(),
            "data_explained = true",
            default=False,
            assumed="false",
        ),
        Key(
            "factors",
            LevelLists(),
            'factors = { toon = ["formeel", "warm"] }',
            assumed="none: not a factorial template",
        ),
    ),
    written="+++ front matter +++",
    kind_key="channel",
    kinds=CHANNELS,
    noun="{a} {kind}",
)


@dataclass(frozen=True)
class MessageTemplate:
    """One variant's message in one language, exactly as its file holds it."""

    template_id: str
    language: str
    channel: str
    front_matter: dict
    body: str
    body_line: int
    text: str
    path: str

    @property
    def hash(self):
        """The content hash of the whole file: what a participant saw."""
        return content_hash(self.text)

    @property
    def factors(self):
        """A factorial template's {factor: (levels, reference first)}; else {}."""
        declared = self.front_matter.get("factors") or {}
        return {factor: tuple(levels) for factor, levels in declared.items()}

    @property
    def description(self):
        """The designer's one-line description."""
        return self.front_matter["description"]


def is_template_id(template_id):
    """Whether TEMPLATE_ID is a well-formed '<channel>/<name>' identifier."""
    return bool(TEMPLATE_ID_PATTERN.match(template_id or ""))


def template_path(messages_dir, template_id, language):
    """The file of TEMPLATE_ID in LANGUAGE; refuses anything but an identifier."""
    if not is_template_id(template_id) or language not in LANGUAGES:
        raise ValueError(
            f"{template_id!r} is not a template name: use '<channel>/<name>' with "
            "lower-case letters, digits and dashes"
        )
    return Path(messages_dir) / f"{template_id}.{language}.md"


def split_front_matter(text, path):
    """Split TEXT into (front matter dict, body, first body line number)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(
            [
                Problem(
                    path, "1", f"start the file with a '{FENCE}' line and front matter"
                )
            ]
        )
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            break
    else:
        raise ContentError(
            [Problem(path, "1", f"close the front matter with a second '{FENCE}' line")]
        )
    try:
        front = tomllib.loads("".join(lines[1:index]))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(
            [Problem(path, "front matter", f"TOML error: {error}")]
        ) from None
    return front, "".join(lines[index + 1 :]), index + 2


def read_template(text, template_id, language, path="<text>"):
    """(the MessageTemplate or None when it has errors, every problem in TEXT)."""
    try:
        front, body, body_line = split_front_matter(text, path)
    except ContentError as error:
        return None, error.problems
    log = ProblemLog(text, path, locate=False)
    channel = template_id.split("/")[0]
    values = read_table(
        log, front, FRONT_MATTER, kind=channel if channel in CHANNELS else None
    )
    if values["channel"] is not None and values["channel"] != channel:
        log.problem(
            "channel",
            f"is {values['channel']!r} but the file is in messages/{channel}/",
        )
    if values["language"] is not None and values["language"] != language:
        log.problem(
            "language",
            f"is {values['language']!r} but the file name ends in .{language}.md",
        )
    if not body.strip():
        log.problem(str(body_line), "the message body is empty")
    if log.errors:
        return None, log.problems
    template = MessageTemplate(
        template_id=template_id,
        language=language,
        channel=channel,
        front_matter=front,
        body=body,
        body_line=body_line,
        text=text,
        path=str(path),
    )
    return template, log.problems


def parse_template(text, template_id, language, path="<text>"):
    """Parse and validate a template file's TEXT; raise ContentError on errors."""
    template, problems = read_template(text, template_id, language, path)
    if template is None:
        raise ContentError(problems)
    return template


def load_template(messages_dir, template_id, language):
    """Load TEMPLATE_ID in LANGUAGE from MESSAGES_DIR."""
    path = template_path(messages_dir, template_id, language)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(
            [Problem(str(path), "", f"no template file for {template_id} ({language})")]
        ) from None
    except UnicodeDecodeError as error:
        raise ContentError(
            [Problem(str(path), "", f"not UTF-8 text ({error.reason})")]
        ) from None
    return parse_template(text, template_id, language, str(path))


def template_files(messages_dir):
    """Every (template_id, language, path) under MESSAGES_DIR, sorted."""
    found = []
    for path in sorted(Path(messages_dir).glob("*/*.md")):
        channel = path.parent.name
        name, _, language = path.stem.rpartition(".")
        found.append((f"{channel}/{name}", language, path))
    return found


def template_ids(messages_dir):
    """The distinct template ids under MESSAGES_DIR, sorted by channel and name."""
    return sorted({template_id for template_id, _, _ in template_files(messages_dir)})
