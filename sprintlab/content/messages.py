"""Message templates: files under messages/<channel>/<name>.<lang>.md.

A file is a TOML front matter block between two ``+++`` lines, then a Jinja
body: Markdown for letters, posters and e-mails, plain text for SMS.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sprintlab.content.problems import ContentError, Problem, line_of
from sprintlab.hashing import content_hash
from sprintlab.languages import LANGUAGES

CHANNELS = ("letter", "sms", "poster", "email")
FENCE = "+++"
TEMPLATE_ID_PATTERN = re.compile(r"^(letter|sms|poster|email)/[a-z0-9][a-z0-9-]{0,63}$")
REQUIRED_KEYS = {"channel", "sender", "language", "description"}
OPTIONAL_KEYS = {"subject", "title", "signature", "signature_role", "setting"}
POSTER_SETTINGS = ("bus-shelter", "waiting-room")
HEADLINE_KEY = {"letter": "subject", "email": "subject", "poster": "title"}


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


def parse_template(text, template_id, language, path="<text>"):
    """Parse and validate a template file's TEXT; raise ContentError on problems."""
    front, body, body_line = split_front_matter(text, path)
    problems = []
    for key in sorted(set(front) - REQUIRED_KEYS - OPTIONAL_KEYS):
        allowed = ", ".join(sorted(REQUIRED_KEYS | OPTIONAL_KEYS))
        line = line_of(text, f"{key} =") or line_of(text, key)
        problems.append(
            Problem(path, f"{line} ({key})", f"unknown key; use one of {allowed}")
        )
    for key in sorted(REQUIRED_KEYS - set(front)):
        problems.append(Problem(path, key, "missing: add it to the front matter"))
    for key, value in front.items():
        if not isinstance(value, str):
            problems.append(Problem(path, key, "must be text in quotes"))
    channel = front.get("channel")
    expected_channel = template_id.split("/")[0]
    if channel is not None and channel != expected_channel:
        problems.append(
            Problem(
                path,
                "channel",
                f"is {channel!r} but the file is in messages/{expected_channel}/",
            )
        )
    if front.get("language", language) != language:
        problems.append(
            Problem(
                path,
                "language",
                f"is {front['language']!r} but the file name ends in .{language}.md",
            )
        )
    headline = HEADLINE_KEY.get(expected_channel)
    if headline and headline not in front:
        problems.append(
            Problem(path, headline, f"a {expected_channel} needs a {headline}")
        )
    if front.get("setting", POSTER_SETTINGS[0]) not in POSTER_SETTINGS:
        problems.append(
            Problem(path, "setting", f"must be one of {', '.join(POSTER_SETTINGS)}")
        )
    if not body.strip():
        problems.append(Problem(path, str(body_line), "the message body is empty"))
    if problems:
        raise ContentError(problems)
    return MessageTemplate(
        template_id=template_id,
        language=language,
        channel=expected_channel,
        front_matter=front,
        body=body,
        body_line=body_line,
        text=text,
        path=str(path),
    )


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
