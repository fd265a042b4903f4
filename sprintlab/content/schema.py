"""Declared keys: what each table of a content file may hold, said once.

A Table lists its Keys: the shape of each key's value (shapes.py), whether
it is required or what is assumed when it is left out, and which kinds of
the table use it (question types, template channels). The loaders read files
by these tables (read_table), `sprintlab check` reports by them, and
tests/test_study_docs.py holds docs/studies.md to them.
"""

from dataclasses import dataclass, field

from sprintlab.content.shapes import ID_PATTERN, Shape, shown


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

    def __init__(self, table, minimum, too_few, maximum=None):
        self.table = table
        self.minimum = minimum
        self.too_few = too_few
        self.maximum = maximum or {}  # kind -> the most tables it may hold

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
        most = self.maximum.get(kind)
        if most is not None and len(value) > most:
            reader.problem(
                where, f"at most {most} for a {kind} question; got {len(value)}"
            )
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
        """'required', or what is assumed when the key is left out (and if noted)."""
        if self.required:
            return "required"
        return f"default: {self.assumed or 'none'}" + (", noted" if self.noted else "")


@dataclass(frozen=True)
class Table:
    """The keys a table may hold. KIND_KEY names the key that says its kind."""

    name: str
    keys: tuple
    written: str
    kind_key: str = ""
    kinds: tuple = ()
    noun: str = "{a} {kind} {name}"
    # The kind read when the kind key is missing or wrong (that is its own
    # problem): its other keys are still checked, as for this kind.
    default_kind: str | None = None

    def kind_noun(self, kind):
        """A table of KIND in words: 'a likert7 question', 'an sms'."""
        article = "an" if kind[0] in "aeiou" or kind == "sms" else "a"
        return self.noun.format(a=article, kind=kind, name=self.name)

    def key(self, name):
        """The Key called NAME; KeyError when there is none."""
        for key in self.keys:
            if key.name == name:
                return key
        raise KeyError(name)

    def names(self, kind=None):
        """The names of the keys tables of KIND use (every key when KIND is None)."""
        return tuple(k.name for k in self.keys if kind is None or k.used_by(kind))


def read_table(reader, raw, table, where="", kind=None, may_lack=()):
    """RAW read by TABLE: {key: value}, defaults filled in; None when not a table.

    Every problem goes to READER: unknown keys, keys this KIND does not use
    (a warning), missing required keys, values of the wrong shape, and
    defaults worth saying (a note). KIND defaults to the value of the table's
    kind key, when that is one of its kinds. Required keys named in MAY_LACK
    may be left out (a definition stored before they were required).
    """
    if not isinstance(raw, dict):
        reader.problem(
            where, f"must be a table, like {table.written}; got {shown(raw)}"
        )
        return None
    guessed = False
    if kind is None and table.kind_key:
        stated = raw.get(table.kind_key)
        known = isinstance(stated, str) and stated in table.kinds
        kind = stated if known else table.default_kind
        guessed = not known
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
        if key.required and key.name not in may_lack:
            _missing(reader, table, key, at, None if guessed else kind)
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
            f"{table.kind_noun(kind)} does not use {name} (used by {users} only):"
            " it is ignored; remove it",
        )


def _missing(reader, table, key, at, kind):
    if key.uses is not None and kind is not None:
        message = (
            f"{table.kind_noun(kind)} needs {key.name}: add it, e.g. {key.example}"
        )
    else:
        message = f"missing: add it, e.g. {key.example}"
    reader.problem(at, message)
