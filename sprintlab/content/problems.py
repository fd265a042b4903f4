"""Problems found in content files, reported with where they are and what to do."""

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
# Not wrong, but worth saying: a default that was assumed without being written.
NOTE = "note"


@dataclass(frozen=True)
class Problem:
    """One finding in a content file: its file, the key or line, and advice."""

    path: str
    where: str
    message: str
    level: str = ERROR

    def __str__(self):
        where = f":{self.where}" if self.where else ""
        return f"{self.path}{where}: {self.level}: {self.message}"


class ContentError(Exception):
    """A content file that cannot be used, with every problem found in it."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def errors_in(problems):
    """The problems in PROBLEMS that are errors (not warnings or notes)."""
    return [problem for problem in problems if problem.level == ERROR]


def line_of(text, needle, start=1):
    """The 1-based number of the first line at or after START containing NEEDLE."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and needle in line:
            return number
    return None


class ProblemLog:
    """Collects the problems found while reading one file, in the order found.

    With LOCATE, a problem at a top-level key is placed on the line that
    writes it (`minutes = …`), as `12 (minutes)`.
    """

    def __init__(self, text, path, locate=True):
        self.text = text
        self.path = str(path)
        self.locate = locate
        self.problems = []

    def problem(self, key, message, needle=None):
        """Note an error at KEY, on the line holding NEEDLE when it is found."""
        self._add(key, message, needle, ERROR)

    def warning(self, key, message, needle=None):
        """Note a warning at KEY."""
        self._add(key, message, needle, WARNING)

    def note(self, key, message):
        """Note something worth saying at KEY."""
        self._add(key, message, None, NOTE)

    @property
    def errors(self):
        """The errors noted so far."""
        return errors_in(self.problems)

    def _add(self, key, message, needle, level):
        if needle is not None:
            line = line_of(self.text, needle)
        elif self.locate and key.isidentifier():
            line = self._top_level_line(key)
        else:
            line = None
        where = f"{line} ({key})" if line else key
        self.problems.append(Problem(self.path, where, message, level))

    def _top_level_line(self, key):
        """The line of top-level KEY: `key = …` before the first [table], or [key]."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith(f"[{key}]"):
                return number
            if stripped.startswith("["):
                break
            if stripped.split("=")[0].strip() == key and "=" in stripped:
                return number
        return line_of(self.text, f"[{key}]")
