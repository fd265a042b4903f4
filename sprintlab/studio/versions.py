"""Template versions: save a template file from the studio, with its history.

The file under messages/ stays the source of truth (it lives in git); every
text ever saved or shown is kept in the database by its hash, and each studio
save records who saved which hash, when and why. Answers point at the hash a
participant saw, so editing a template never changes what earlier answers
were about.
"""

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sprintlab import db as store
from sprintlab.content.cleaning import clean_text
from sprintlab.content.messages import parse_template, template_path
from sprintlab.content.problems import ERROR
from sprintlab.hashing import content_hash
from sprintlab.studio.drafts import check_text, locate

FROM_FILE = "from the file (not saved in the studio)"
MAX_MESSAGE = 200


class SaveRefused(ValueError):
    """A draft that cannot be saved; FINDINGS say where and why."""

    def __init__(self, findings):
        self.findings = list(findings)
        super().__init__("; ".join(f"{f.where}: {f.message}" for f in self.findings))


class StaleDraft(ValueError):
    """The file changed since the draft was opened (someone else saved it)."""

    def __init__(self, current_hash):
        self.current_hash = current_hash
        super().__init__("the template was saved by someone else in the meantime")


@dataclass(frozen=True)
class Saved:
    """The outcome of a save: the new hash, or unchanged when the text was the same."""

    hash: str
    changed: bool


@dataclass(frozen=True)
class Version:
    """One entry of a template's history, newest first on the page."""

    hash: str
    at: str | None
    author: str | None
    message: str
    restored_from: str | None
    answers: int
    participants: int
    current: bool


def current_text(messages_dir, template_id, language):
    """The template file's text as it is on disk now."""
    path = template_path(messages_dir, template_id, language)
    return path.read_text(encoding="utf-8")


def write_atomically(path, text):
    """Write TEXT to PATH so a reader sees the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def save_template(db, messages_dir, template_id, language, text, author, **options):
    """Check TEXT, write it as the template's file and record the version.

    Options: message (why), base_hash (the file's hash when the draft was
    opened: StaleDraft if it changed since), restored_from (a hash), now.
    SaveRefused (nothing written) when the draft has errors.
    """
    path = template_path(messages_dir, template_id, language)
    problems = check_text(text, template_id, language)
    errors = [locate(text, p.message, p.level, p.where) for p in problems]
    errors = [f for f in errors if f.level == ERROR]
    if errors:
        raise SaveRefused(errors)
    template = parse_template(text, template_id, language, str(path))
    with store.write_transaction(db):
        old = path.read_text(encoding="utf-8") if path.exists() else None
        old_hash = content_hash(old) if old is not None else None
        base_hash = options.get("base_hash")
        if base_hash and old_hash and base_hash != old_hash and old != text:
            raise StaleDraft(old_hash)
        if old == text:
            return Saved(old_hash, changed=False)
        if old is not None:
            # Keep the text being replaced, so it can be compared and restored.
            store.store_template_version(
                db, template_id, language, template.channel, old
            )
        # Stamped after the replaced text was recorded, so history never shows
        # the save as older than the version it replaced.
        at = store.now(options.get("now"))
        digest = store.store_template_version(
            db, template_id, language, template.channel, text
        )
        store.record_template_edit(
            db,
            {
                "template_id": template_id,
                "language": language,
                "hash": digest,
                "author": author,
                "message": clean_text(options.get("message") or "").strip()[
                    :MAX_MESSAGE
                ],
                "restored_from": options.get("restored_from"),
                "saved_at": at,
            },
        )
        write_atomically(path, text)
    return Saved(digest, changed=True)


def restore(db, messages_dir, template_id, language, digest, author, **options):
    """Save an earlier version's text again, as a new version."""
    stored = stored_version(db, template_id, language, digest)
    if stored is None:
        raise KeyError(digest)
    message = options.pop("message", "") or f"Restored version {digest[:12]}"
    return save_template(
        db,
        messages_dir,
        template_id,
        language,
        stored["text"],
        author,
        message=message,
        restored_from=digest,
        **options,
    )


def stored_version(db, template_id, language, digest):
    """The stored version DIGEST of this template and language, or None."""
    row = store.template_version(db, digest)
    if row is None or (row["template_id"], row["language"]) != (template_id, language):
        return None
    return row


def history(db, template_id, language, current_hash=None):
    """Every version of a template in one language, newest first, with answer counts.

    A studio save is one entry (a restore saves an old hash again, so a hash
    can appear twice); a version recorded without a save (the file before the
    first studio edit, or one first shown to a participant) is one entry too.
    """
    counts = store.answer_counts_by_version(db, template_id, language)
    edits = store.template_edits(db, template_id, language)
    saved = {edit["hash"] for edit in edits}
    entries = [
        (row["first_seen"], row["hash"], None, FROM_FILE, None)
        for row in store.template_versions(db, template_id)
        if row["language"] == language and row["hash"] not in saved
    ]
    entries += [
        (e["saved_at"], e["hash"], e["author"], e["message"], e["restored_from"])
        for e in edits
    ]
    if current_hash and current_hash not in {entry[1] for entry in entries}:
        entries.append((None, current_hash, None, FROM_FILE, None))
    entries.sort(key=lambda entry: entry[0] or "~")
    versions, marked = [], False
    for at, digest, author, message, restored_from in reversed(entries):
        is_current = digest == current_hash and not marked
        marked = marked or is_current
        answers, participants = counts.get(digest, (0, 0))
        versions.append(
            Version(
                digest,
                at,
                author,
                message,
                restored_from,
                answers,
                participants,
                is_current,
            )
        )
    return versions


def studies_using(studies, template_id):
    """The studies (from an iterable) with a variant that shows TEMPLATE_ID."""
    return [
        study
        for study in studies
        if any(variant.template == template_id for variant in study.variants)
    ]


def running_studies_using(db, studies, template_id):
    """The open studies that show TEMPLATE_ID: saving it changes what they show."""
    return [
        study
        for study in studies_using(studies, template_id)
        if store.study_state(db, study.id) == "open"
    ]


def distinct_versions(entries):
    """The newest history entry of each distinct hash, in history order."""
    seen, distinct = set(), []
    for entry in entries:
        if entry.hash not in seen:
            seen.add(entry.hash)
            distinct.append(entry)
    return distinct
