"""Problems found in content files, reported with where they are and what to do."""

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


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


def line_of(text, needle, start=1):
    """The 1-based number of the first line at or after START containing NEEDLE."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= start and needle in line:
            return number
    return None
