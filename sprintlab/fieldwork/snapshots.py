"""What a participant was assigned, as it was then: the study and message they saw.

Participant pages never read the current files. The study definition and
each template text are frozen in the database at consent, addressed by their
hash; these functions read them back, parsed once per hash. A participant's
rendered message is kept too, by (template hash, persona seed, date): consent
renders it once, under the render budget, before the assignment is committed,
and the message page shows that same rendering.
"""

import threading
from collections import OrderedDict

from sprintlab import db as store
from sprintlab.content.messages import parse_template
from sprintlab.content.personas import make_persona
from sprintlab.content.rendering import render_message
from sprintlab.content.studies import parse_study

STUDIES_KEPT = 64
TEMPLATES_KEPT = 256
# About the participants of the last hour or so on a busy test day: each has
# a persona of their own, so a rendering is reused by its participant only.
RENDERINGS_KEPT = 1024


class Kept:
    """A small least-recently-used store shared by the server's threads."""

    def __init__(self, size):
        self.size = size
        self._items = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, make):
        """The value kept for KEY, or MAKE()'s value, kept from now on."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


_studies = Kept(STUDIES_KEPT)
_templates = Kept(TEMPLATES_KEPT)
_renderings = Kept(RENDERINGS_KEPT)


def study_snapshot(db, study_hash):
    """The study definition a participant started under (KeyError if not stored)."""

    def load():
        row = store.study_version(db, study_hash)
        if row is None:
            raise KeyError(study_hash)
        return parse_study(
            row["definition"], f"stored study {study_hash[:12]}", stored=True
        )

    return _studies.get(study_hash, load)


def stored_template(db, template_hash):
    """The template version with TEMPLATE_HASH as stored (KeyError if not stored)."""

    def load():
        row = store.template_version(db, template_hash)
        if row is None:
            raise KeyError(template_hash)
        return parse_template(row["text"], row["template_id"], row["language"])

    return _templates.get(template_hash, load)


def rendering(template, seed, today, municipality=None, cell=None):
    """(message, persona) for TEMPLATE, the persona of SEED, on TODAY; kept.

    MUNICIPALITY is the study's, when it names one; CELL a factorial
    template's level per factor (its variant's). RenderError when the template
    does not render (nothing is kept then).
    """

    def render():
        persona = make_persona(seed, template.language, today, municipality)
        return render_message(template, persona, today, cell=cell), persona

    key = (
        template.hash,
        seed,
        today,
        municipality,
        tuple(sorted((cell or {}).items())),
    )
    return _renderings.get(key, render)
