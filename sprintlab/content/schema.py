"""Declared keys: what each table of a content file may hold, said once.

A Table lists its Keys: the shape of each key's value, whether it is
required or what is assumed when it is left out, and which kinds of the
table use it (question types, template channels). The loaders read files by
these tables (read_table), `sprintlab check` reports by them, and
tests/test_study_docs.py holds docs/studies.md to them.
"""

import math
import re
from dataclasses import dataclass, field

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

    def __init__(self, words="text in quotes"):
        self.words = words

    def expected(self, kind):
        """What a value must be."""
        return self.words

    def accepts(self, value, kind):
        """A string with something in it."""
        return isinstance(value, str) and bool(value.strip())


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
                    f'give two labels, for 1 and 7: ["…", "…"]; got {shown(pair)}',
                )
        _unknown_languages(reader, value, where)
        return pairs if len(pairs) == len(LANGUAGES) else None


class Nested(Shape):
    """A table of its own, read by its Table (such as [consent])."""

    name = "table"

    def __init__(self, table):
        self.table = table

    def accepts(self, value, kind):
        """A table."""
        return isinstance(value, dict)

    def read(self, reader, value, where, kind):
        """The table's values, read by its Table."""
        return read_table(reader, value, self.table, where)


class Tables(Shape):
    """A list of tables, each read by one Table ([[variants]], [[questions]])."""

    name = "list of tables"

    def __init__(self, table, minimum, too_few):
        self.table = table
        self.minimum = minimum
        self.too_few = too_few

    def expected(self, kind):
        """What a value must be."""
        return f"a list of tables, each like {self.table.written}"

    def accepts(self, value, kind):
        """A list (its tables are read one by one)."""
        return isinstance(value, list)

    def read(self, reader, value, where, kind):
        """[values of each table that could be read], noting what is not a table."""
        if super().read(reader, value, where, kind) is None:
            return []
        loose = [n for n, item in enumerate(value) if not isinstance(item, dict)]
        if loose:
            items = ", ".join(str(n) for n in loose)
            which = f"items {items} are" if len(loose) > 1 else f"item {items} is"
            reader.problem(
                where,
                f"must be a list of tables, each like {self.table.written};"
                f" {which} not: got {shown(value[loose[0]])}",
            )
        if len(value) < self.minimum:
            reader.problem(where, self.too_few)
        read = [
            read_table(reader, item, self.table, f"{where}[{n}]")
            for n, item in enumerate(value)
            if isinstance(item, dict)
        ]
        return [values for values in read if values is not None]


class TableValues(dict):
    """The values read from one table, by key; WHERE says which table it is."""

    where = ""


@dataclass(frozen=True)
class Key:
    """One key of a table: its shape, and what holds when it is left out.

    EXAMPLE is a line as written in a file, for messages. USES names the kinds
    of the table that use the key (None: every kind); a key is REQUIRED for
    those kinds. When it is left out, DEFAULT is read (KIND_DEFAULTS per kind),
    ASSUMED says in words what that means, and NOTED makes `check` say so.
    """

    name: str
    shape: Shape
    example: str
    required: bool = False
    default: object = None
    kind_defaults: dict = field(default_factory=dict)
    uses: tuple | None = None
    assumed: str = ""
    noted: bool = False

    def used_by(self, kind):
        """Whether tables of KIND use this key (an unknown KIND: only common keys)."""
        return self.uses is None or kind in self.uses

    def default_for(self, kind):
        """The value read when the key is left out of a table of KIND."""
        return self.kind_defaults.get(kind, self.default)

    @property
    def default_text(self):
        """'required', or what is assumed when the key is left out."""
        return "required" if self.required else f"default: {self.assumed or 'none'}"


@dataclass(frozen=True)
class Table:
    """The keys a table may hold. KIND_KEY names the key that says its kind."""

    name: str
    keys: tuple
    written: str
    kind_key: str = ""
    kinds: tuple = ()
    noun: str = "a {kind} {name}"

    def kind_noun(self, kind):
        """A table of KIND in words: 'a likert7 question', 'a letter'."""
        return self.noun.format(kind=kind, name=self.name)

    def key(self, name):
        """The Key called NAME; KeyError when there is none."""
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)

    def names(self, kind=None):
        """The names of the keys tables of KIND use (every key when KIND is None)."""
        return tuple(k.name for k in self.keys if kind is None or k.used_by(kind))


def read_table(reader, raw, table, where="", kind=None):
    """RAW read by TABLE: {key: value}, defaults filled in; None when not a table.

    Every problem goes to READER: unknown keys, keys this KIND does not use
    (a warning), missing required keys, values of the wrong shape, and
    defaults worth saying (a note). KIND defaults to the value of the table's
    kind key, when that is one of its kinds.
    """
    if not isinstance(raw, dict):
        reader.problem(
            where, f"must be a table, like {table.written}; got {shown(raw)}"
        )
        return None
    if kind is None and table.kind_key:
        stated = raw.get(table.kind_key)
        kind = stated if isinstance(stated, str) and stated in table.kinds else None
    label = raw.get("id")
    if where and isinstance(label, str) and ID_PATTERN.match(label):
        where = f"{where} ({label})"
    _unused_keys(reader, raw, table, where, kind)
    values = TableValues()
    values.where = where
    for key in table.keys:
        at = f"{where}.{key.name}" if where else key.name
        if not key.used_by(kind):
            continue
        if key.name in raw:
            values[key.name] = key.shape.read(reader, raw[key.name], at, kind)
            continue
        values[key.name] = key.default_for(kind)
        if key.required:
            _missing(reader, table, key, at, kind)
        elif key.noted:
            reader.note(
                at,
                f"not given, so {key.assumed} is assumed; write {key.example} to"
                " say so",
            )
    return values


def _unused_keys(reader, raw, table, where, kind):
    prefix = f"{where}." if where else ""
    for name in sorted(set(raw) - set(table.names())):
        allowed = ", ".join(table.names(kind))
        reader.problem(
            f"{prefix}{name}", f"unknown key; use one of {allowed}", f"{name} ="
        )
    if kind is None:
        return
    for name in sorted(set(raw) & set(table.names()) - set(table.names(kind))):
        users = ", ".join(table.key(name).uses)
        reader.warning(
            f"{prefix}{name}",
            f"{table.kind_noun(kind)} does not use {name} (only {users} do): it is"
            " ignored; remove it",
        )


def _missing(reader, table, key, at, kind):
    if key.uses is not None:
        message = (
            f"{table.kind_noun(kind)} needs {key.name}: add it, e.g. {key.example}"
        )
    else:
        message = f"missing: add it, e.g. {key.example}"
    reader.problem(at, message)
