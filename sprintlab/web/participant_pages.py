"""Parts of participant pages that are the same for every participant, kept.

A study version's landing page, its blank question fields and its segment
page (but for the participant's form token) look the same to everyone who
sees them in one language. They are rendered once per app and kept, so a
participant's page costs a lookup instead of a render. Anything that differs
per participant is never kept: a form token is filled in per page, and
answers shown back with slips to fix are rendered for that participant.
"""

import secrets

from flask import current_app, g, make_response, render_template
from markupsafe import Markup

from sprintlab.content.mockups import demote_headings
from sprintlab.content.rendering import markdown
from sprintlab.fieldwork.answers import field_name, item_field
from sprintlab.i18n import translator
from sprintlab.web.kiosk_slots import slot_label_for
from sprintlab.web.participant_session import form_token

# At most this many of a kind (old study versions are dropped in one go).
KEPT_PER_KIND = 64
# Stands for a participant's form token in a page kept for everyone; random,
# so no study or template text can contain it.
FORM_TOKEN_SLOT = f"form-token-{secrets.token_hex(16)}"


def page(template, study, language, status=200, **context):
    """A participant page as a response no browser or proxy keeps.

    A page for someone taking part carries their form token (for its forms
    and the language switch) and the Stop link; pages before consent carry
    neither.
    """
    participant = g.get("participant")
    if "form_token" not in context:
        context["form_token"] = (
            form_token(participant["token"]) if participant else None
        )
    context.setdefault("started", participant is not None)
    # The test-day slot ("P3") on kiosk pages, for the facilitator.
    context.setdefault(
        "slot_label", slot_label_for(study, participant, context.get("kiosk", False))
    )
    body = render_template(
        f"participant/{template}.html",
        study=study,
        language=language,
        t=translator(language),
        **context,
    )
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def no_store(body):
    """A page as a response that no browser or proxy keeps."""
    response = make_response(body)
    response.headers["Cache-Control"] = "no-store"
    return response


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


def consent_text(study, language):
    """The study's own consent text as HTML: its paragraphs and lists (Markdown).

    Raw HTML and links are off, as in letters; kept per study version.
    """
    return kept(
        "consent text",
        (study.hash, language),
        lambda: Markup(  # noqa: S704 -- Markdown with raw HTML off
            demote_headings(markdown().render(study.consent[language]), 2)
        ),
    )


def question_fields(study, questions, language, errors, form, heading=False):
    """The form fields of QUESTIONS, with any answers and slips shown back.

    Blank fields are the same for every participant of a study version, so
    they are rendered once per (study hash, questions, language) and kept; a
    data_use question's rows (the message's data) are part of the key.
    HEADING makes the question the page's heading (one question per screen).
    """
    if errors or form:
        return _render_fields(questions, language, errors or {}, form or {}, heading)
    return kept(
        "blank fields",
        (
            study.hash,
            tuple((q.id, q.option_ids()) for q in questions),
            language,
            heading,
        ),  # fmt: skip
        lambda: _render_fields(questions, language, {}, {}, heading),
    )


def _render_fields(questions, language, errors, form, heading=False):
    html = render_template(
        "participant/_questions.html",
        questions=questions,
        language=language,
        t=translator(language),
        errors=errors,
        form=form,
        field_name=field_name,
        item_field=item_field,
        heading=heading,
    )
    return Markup(html)  # noqa: S704 -- an autoescaped template of ours
