"""Parts of participant pages that are the same for every participant, kept.

A study version's landing page, its blank question fields and its segment
page (but for the participant's form token) look the same to everyone who
sees them in one language. They are rendered once per app and kept, so a
participant's page costs a lookup instead of a render. Anything that differs
per participant is never kept: a form token is filled in per page, and
answers shown back with slips to fix are rendered for that participant.
"""

import secrets

from flask import current_app, render_template
from markupsafe import Markup

from sprintlab.fieldwork.answers import field_name
from sprintlab.i18n import translator

# At most this many of a kind (old study versions are dropped in one go).
KEPT_PER_KIND = 64
# Stands for a participant's form token in a page kept for everyone; random,
# so no study or template text can contain it.
FORM_TOKEN_SLOT = f"form-token-{secrets.token_hex(16)}"


def kept(kind, key, make):
    """MAKE(): made once per KIND and KEY, then kept for every participant."""
    pages = current_app.extensions.setdefault(f"sprintlab.kept.{kind}", {})
    value = pages.get(key)
    if value is None:
        if len(pages) >= KEPT_PER_KIND:
            pages.clear()  # the current versions come back at the next view
        value = pages[key] = make()
    return value


def with_form_token(kind, key, token, render):
    """RENDER(form token) as HTML, rendered once per KEY, with TOKEN filled in."""
    return kept(kind, key, lambda: render(FORM_TOKEN_SLOT)).replace(
        FORM_TOKEN_SLOT, token
    )


def question_fields(study, questions, language, errors, form):
    """The form fields of QUESTIONS, with any answers and slips shown back.

    Blank fields are the same for every participant of a study version, so
    they are rendered once per (study hash, questions, language) and kept.
    """
    if errors or form:
        return _render_fields(questions, language, errors, form)
    return kept(
        "blank fields",
        (study.hash, tuple(q.id for q in questions), language),
        lambda: _render_fields(questions, language, {}, {}),
    )


def _render_fields(questions, language, errors, form):
    html = render_template(
        "participant/_questions.html",
        questions=questions,
        language=language,
        t=translator(language),
        errors=errors,
        form=form,
        field_name=field_name,
    )
    return Markup(html)  # noqa: S704 -- an autoescaped template of ours
