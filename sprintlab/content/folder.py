"""Where the content lives: a folder holding prototypes/ and messages/.

Files are the source of truth for content. Parsed files are cached by their
modification time and size, so an edit is seen at the next request (a study
file's within a second: participant pages look at it at most once a second).
"""

import os
import time
from dataclasses import dataclass
from pathlib import Path

from sprintlab.content.messages import load_template, template_ids, template_path
from sprintlab.content.problems import ContentError, Problem
from sprintlab.content.studies import Study, load_study, misnamed, study_files

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
# Seconds a study file, once looked at, is trusted without looking again: an
# edit is seen within this time.
STUDY_FRESH_FOR = 1.0


def find_content_root(explicit=None):
    """The content folder: EXPLICIT, $SPRINTLAB_CONTENT, the cwd, or the checkout."""
    for candidate in (explicit, os.environ.get("SPRINTLAB_CONTENT"), Path.cwd()):
        if candidate and (Path(candidate) / "prototypes").is_dir():
            return Path(candidate).resolve()
    if explicit:
        raise FileNotFoundError(f"{explicit} has no prototypes/ folder")
    return PACKAGE_ROOT


def _loaded(path):
    """The study in the file at PATH, or the ContentError that says what is wrong."""
    try:
        study = load_study(path)
    except ContentError as error:
        return error
    except OSError as error:
        if isinstance(error, FileNotFoundError):
            raise
        return ContentError([Problem(str(path), "", f"cannot read the file: {error}")])
    # A study is found by its id at prototypes/<id>.toml (the studio and the
    # participant pages); a file under another name would be a second copy.
    wrong_name = misnamed(path, study.id)
    return ContentError([wrong_name]) if wrong_name else study


def _stamp(path):
    stat = Path(path).stat()
    return (stat.st_mtime_ns, stat.st_size)


@dataclass
class Content:
    """The studies and message templates under one content root."""

    root: Path

    def __post_init__(self):
        self.root = Path(self.root)
        self._cache = {}
        self._paths = {}
        self._broken = {}

    @property
    def prototypes_dir(self):
        """The folder of study files."""
        return self.root / "prototypes"

    @property
    def messages_dir(self):
        """The folder of message templates, one sub-folder per channel."""
        return self.root / "messages"

    def _cached(self, key, path, load, fresh_for=0.0):
        """LOAD()'s value for PATH, loaded again when the file changed.

        Within FRESH_FOR seconds of the last look, the file is not even
        looked at (no stat).
        """
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit and now - hit[2] < fresh_for:
            return hit[1]
        stamp = _stamp(path)
        value = hit[1] if hit and hit[0] == stamp else load()
        self._cache[key] = (stamp, value, now)
        return value

    def studies(self):
        """Every study that loads, by id, in file-name order (see broken_studies)."""
        found, broken = {}, {}
        for path in study_files(self.prototypes_dir):
            try:
                study = self._cached(("study", path), path, lambda p=path: _loaded(p))
            except FileNotFoundError:
                continue
            if isinstance(study, ContentError):
                # A bad file takes only its own study out of service.
                broken[path.stem] = study.problems
            else:
                found[study.id] = study
        self._paths = {study_id: Path(study.path) for study_id, study in found.items()}
        self._broken = broken
        return found

    def broken_studies(self):
        """{file name without .toml: problems} of the study files that do not load."""
        self.studies()
        return dict(self._broken)

    def study(self, study_id):
        """The study with STUDY_ID; KeyError when there is none."""
        # The hot path of every participant request: look at one known file,
        # at most once a second, instead of listing the folder.
        path = self._paths.get(study_id)
        if path is not None:
            try:
                study = self._cached(
                    ("study", path), path, lambda: _loaded(path), STUDY_FRESH_FOR
                )
            except FileNotFoundError:
                study = None
            if isinstance(study, Study) and study.id == study_id:
                return study
        return self.studies()[study_id]

    def template(self, template_id, language):
        """The message template TEMPLATE_ID in LANGUAGE (ContentError if missing)."""
        path = template_path(self.messages_dir, template_id, language)
        try:
            return self._cached(
                ("template", template_id, language),
                path,
                lambda: load_template(self.messages_dir, template_id, language),
            )
        except FileNotFoundError:  # says so as a ContentError, with the file
            return load_template(self.messages_dir, template_id, language)

    def template_ids(self):
        """Every template id under messages/."""
        return template_ids(self.messages_dir)
