"""Reading a study file's tables: each problem noted with its key and line."""

import re

from sprintlab.content.problems import Problem, line_of
from sprintlab.languages import LANGUAGES

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class StudyReader:
    """Collects problems while reading one study file."""

    def __init__(self, text, path):
        self.text = text
        self.path = path
        self.problems = []

    def problem(self, key, message, needle=None):
        """Note a problem at KEY, on the line holding NEEDLE when it is found."""
        line = line_of(self.text, needle) if needle else None
        where = f"{line} ({key})" if line else key
        self.problems.append(Problem(self.path, where, message))

    def known_keys(self, table, allowed, key):
        """Note every key of TABLE (at KEY) that is not in ALLOWED."""
        for extra in sorted(set(table) - allowed):
            prefix = f"{key}." if key else ""
            self.problem(
                f"{prefix}{extra}",
                f"unknown key; use one of {', '.join(sorted(allowed))}",
                f"{extra} =",
            )

    def localized(self, table, key, required=True):
        """TABLE's text at KEY in every language, noting what is missing."""
        value = table.get(key.rsplit(".", 1)[-1])
        if value is None:
            if required:
                self.problem(key, "missing: give the text in nl and en")
            return None
        if not isinstance(value, dict):
            self.problem(key, 'give a table with nl = "…" and en = "…"')
            return None
        for language in LANGUAGES:
            if not isinstance(value.get(language), str) or not value[language].strip():
                self.problem(f"{key}.{language}", "missing translation: add it")
        for extra in sorted(set(value) - set(LANGUAGES)):
            self.problem(f"{key}.{extra}", f"unknown language; use {LANGUAGES}")
        return {lang: str(value.get(lang, "")).strip() for lang in LANGUAGES}

    def identifier(self, table, key, label):
        """TABLE's id, or a placeholder and a problem when it is not one."""
        value = table.get("id")
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.problem(
                f"{key}.id",
                f"give each {label} an id of lower-case letters, digits, - or _",
            )
            return f"?{key}"
        return value

    def integer(self, table, key, default=None, minimum=1):
        """TABLE's whole number at KEY, at least MINIMUM, or DEFAULT and a problem."""
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(key, f"must be a whole number >= {minimum}", f"{key} =")
            return default or minimum
        return value
