"""Shapes of values in content files: text, ids, numbers, texts per language.

A Shape says whether a value has it and, when it has not, notes one problem
that names what was expected and what was found. Tables of keys (schema.py)
are built from them.
"""

import math
import re

from sprintlab.languages import LANGUAGES

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def shown(value):
    """VALUE as it would be written in TOML, cut short: for 'got …' in messages."""
    if isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, str):
        text = '"' + value + '"'
    elif isinstance(value, dict):
        text = "a table"
    elif isinstance(value, list):
        text = "a list" if value else "an empty list"
    else:
        text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


class Shape:
    """A kind of value. NAME is its name in the reference (docs/studies.md)."""

    name = ""

    def expected(self, kind):
        """What a value must be, in words, for a table of KIND."""
        return self.name

    def accepts(self, value, kind):
        """Whether VALUE has this shape."""
        raise NotImplementedError

    def read(self, reader, value, where, kind):
        """VALUE when it has this shape, else None and a problem at WHERE."""
        if self.accepts(value, kind):
            return value
        reader.problem(where, f"must be {self.expected(kind)}; got {shown(value)}")
        return None


class Text(Shape):
    """A string that is not blank."""

    name = "text"

    def __init__(self, words="text in quotes", blank=False):
        self.words = words
        self.blank = blank

    def expected(self, kind):
        """What a value must be."""
        return self.words

    def accepts(self, value, kind):
        """A string; one with something in it unless blank ones are allowed."""
        return isinstance(value, str) and (self.blank or bool(value.strip()))


class Identifier(Shape):
    """An id: lower-case letters, digits, - and _."""

    name = "id"

    def expected(self, kind):
        """What a value must be."""
        return "an id in quotes: lower-case letters, digits, - or _ (at most 64)"

    def accepts(self, value, kind):
        """A string matching ID_PATTERN."""
        return isinstance(value, str) and bool(ID_PATTERN.match(value))


class Pattern(Shape):
    """A string matching a regular expression, such as a template name."""

    def __init__(self, name, pattern, words):
        self.name = name
        self.pattern = re.compile(pattern)
        self.words = words

    def expected(self, kind):
        """What a value must be."""
        return self.words

    def accepts(self, value, kind):
        """A string matching the pattern."""
        return isinstance(value, str) and bool(self.pattern.match(value))


class Whole(Shape):
    """A whole number, at least a minimum."""

    def __init__(self, minimum=1):
        self.minimum = minimum
        self.name = f"whole number ≥ {minimum}"

    def expected(self, kind):
        """What a value must be."""
        return f"a whole number, at least {self.minimum}"

    def accepts(self, value, kind):
        """An integer (not true/false) of at least the minimum."""
        is_whole = isinstance(value, int) and not isinstance(value, bool)
        return is_whole and value >= self.minimum


class Flag(Shape):
    """true or false."""

    name = "true or false"

    def expected(self, kind):
        """What a value must be."""
        return "true or false, without quotes"

    def accepts(self, value, kind):
        """A TOML boolean."""
        return isinstance(value, bool)


class OneOf(Shape):
    """One of a few fixed words."""

    name = "one of"

    def __init__(self, values):
        self.values = tuple(values)

    def expected(self, kind):
        """What a value must be."""
        return f"one of {', '.join(self.values)}"

    def accepts(self, value, kind):
        """A string among the values."""
        return isinstance(value, str) and value in self.values


class Below(Shape):
    """A number above 0 and below a largest value that depends on the kind."""

    name = "number"

    def __init__(self, largest, units):
        self.largest = largest
        self.units = units

    def expected(self, kind):
        """What a value must be for KIND."""
        return f"a number above 0 and below {self.largest[kind]:g} ({self.units[kind]})"

    def accepts(self, value, kind):
        """A finite number strictly between 0 and the kind's largest."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return math.isfinite(value) and 0 < value < self.largest[kind]

    def read(self, reader, value, where, kind):
        """The number as a float, or None and a problem."""
        value = super().read(reader, value, where, kind)
        return None if value is None else float(value)


class Localized(Shape):
    """A text in every language: a table with nl and en."""

    name = "text in nl and en"

    def expected(self, kind):
        """What a value must be."""
        return 'a table of texts: nl = "…" and en = "…"'

    def accepts(self, value, kind):
        """A table (its texts are read one by one)."""
        return isinstance(value, dict)

    def read(self, reader, value, where, kind):
        """{language: text}, noting every missing or unknown language."""
        if super().read(reader, value, where, kind) is None:
            return None
        for language in LANGUAGES:
            text = value.get(language)
            if text is not None and not isinstance(text, str):
                reader.problem(
                    f"{where}.{language}", f"must be text in quotes; got {shown(text)}"
                )
            elif not (text or "").strip():
                reader.problem(f"{where}.{language}", "missing translation: add it")
        _unknown_languages(reader, value, where)
        return {
            language: value[language].strip()
            if isinstance(value.get(language), str)
            else ""
            for language in LANGUAGES
        }


def _unknown_languages(reader, value, where):
    """Note every key of a text table that is not a language.

    TOML puts every key after a [table] header into that table, so a key
    meant for the question, written after [questions.text], lands here.
    """
    header = re.sub(r"\[\d+\]| \([^)]*\)", "", where)
    for extra in sorted(set(value) - set(LANGUAGES)):
        message = f"unknown language; use {', '.join(LANGUAGES)}"
        if not re.fullmatch(r"[a-z]{2}", extra):
            message += (
                f". A key written after the [{header}] line belongs to that table:"
                f" if {extra} is meant for the table above it, write it before"
                " that line"
            )
        reader.problem(f"{where}.{extra}", message)


class LabelPairs(Shape):
    """Two labels (the ends of a scale) in every language."""

    name = "two labels in nl and en"

    def __init__(self, ends="for 1 and 7"):
        self.ends = ends

    def expected(self, kind):
        """What a value must be."""
        return 'a table with two labels per language: nl = ["…", "…"], en = […]'

    def accepts(self, value, kind):
        """A table (its pairs are read one by one)."""
        return isinstance(value, dict)

    def read(self, reader, value, where, kind):
        """{language: (low, high)}, or None and a problem per language."""
        if super().read(reader, value, where, kind) is None:
            return None
        pairs = {}
        for language in LANGUAGES:
            pair = value.get(language)
            if (
                isinstance(pair, list)
                and len(pair) == 2
                and all(isinstance(label, str) and label.strip() for label in pair)
            ):
                pairs[language] = tuple(pair)
            else:
                reader.problem(
                    f"{where}.{language}",
                    f'give two labels, {self.ends}: ["…", "…"]; got {shown(pair)}',
                )
        _unknown_languages(reader, value, where)
        return pairs if len(pairs) == len(LANGUAGES) else None


class LevelLists(Shape):
    """A table of ids, each with a list of at least two ids: factors and levels."""

    name = "factors and their levels"

    def expected(self, kind):
        """What a value must be."""
        return (
            "a table of factors, each a list of its level ids, the reference first:"
            ' factors = { toon = ["formeel", "warm"] }'
        )

    def accepts(self, value, kind):
        """A table whose keys are ids and values lists of two or more distinct ids."""
        return (
            isinstance(value, dict)
            and bool(value)
            and all(
                isinstance(factor, str)
                and ID_PATTERN.match(factor)
                and isinstance(levels, list)
                and len(levels) >= 2
                and len(set(levels)) == len(levels)
                and all(isinstance(x, str) and ID_PATTERN.match(x) for x in levels)
                for factor, levels in value.items()
            )
        )

    def read(self, reader, value, where, kind):
        """{factor: (level, …)}, or None and a problem."""
        value = super().read(reader, value, where, kind)
        return None if value is None else {f: tuple(ls) for f, ls in value.items()}
