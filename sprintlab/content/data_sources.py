"""The data a message says it used, and the question that asks about each.

A template's front matter lists the data its sender says it used
(`data_used = ["betalingsachterstand", "naam-adres"]`) and whether the
message itself tells the reader so (`data_explained = true`, a "why you get
this letter" box). Every id has a label in Dutch and English in one shared
vocabulary, data_sources.toml beside this module: a template names ids, a
participant reads labels. It ships with the code, like the participant
pages' own sentences, so a label shown to a participant cannot change under
a running study by an edit to the content folder.

A `data_use` question is asked about each message that lists data: one row
per source ("Vindt u het goed dat de gemeente dit gegeven hiervoor
gebruikt?"), yes / no / don't know. Each row is stored as an answer of its
own, under the item id `<question>:<source>`.
"""

import functools
import tomllib
from pathlib import Path

from sprintlab.content.shapes import Shape, shown
from sprintlab.languages import LANGUAGES

VOCABULARY_FILE = Path(__file__).with_name("data_sources.toml")
ITEM_SEPARATOR = ":"  # never in an id (see shapes.ID_PATTERN)


@functools.cache
def vocabulary():
    """{source id: {language: label}}, in the file's order."""
    with VOCABULARY_FILE.open("rb") as stream:
        raw = tomllib.load(stream)
    return {
        source: {language: labels[language] for language in LANGUAGES}
        for source, labels in raw.items()
    }


def label(source, language):
    """The label of SOURCE in LANGUAGE (the id itself for an unknown source)."""
    return vocabulary().get(source, {}).get(language, source)


class DataSources(Shape):
    """A list of data source ids from the shared vocabulary, each once."""

    name = "list of data sources"

    def expected(self, kind):
        """What a value must be."""
        return 'a list of data source ids in quotes, e.g. ["naam-adres"]'

    def accepts(self, value, kind):
        """A list of strings (each is checked against the vocabulary in read)."""
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    def read(self, reader, value, where, kind):
        """The ids as a tuple, noting unknown and repeated ones."""
        if super().read(reader, value, where, kind) is None:
            return None
        known = vocabulary()
        for source in value:
            if source not in known:
                reader.problem(
                    where,
                    f"unknown data source {shown(source)}; use one of"
                    f" {', '.join(known)} (sprintlab/content/data_sources.toml)",
                )
        repeated = sorted({source for source in value if value.count(source) > 1})
        if repeated:
            reader.problem(where, f"names {', '.join(repeated)} more than once")
        return tuple(dict.fromkeys(value))


def data_used(front_matter):
    """The data sources a template's FRONT_MATTER says it used (a tuple)."""
    return tuple(front_matter.get("data_used") or ())


def data_explained(front_matter):
    """Whether the message itself tells the reader which data were used."""
    return front_matter.get("data_explained") is True


def item_id(question_id, source):
    """The id one source's answer to a data_use question is stored under."""
    return f"{question_id}{ITEM_SEPARATOR}{source}"


def split_item(answer_id):
    """(question id, source) of a stored data_use item id; (id, None) otherwise."""
    question_id, _, source = answer_id.partition(ITEM_SEPARATOR)
    return question_id, source or None
