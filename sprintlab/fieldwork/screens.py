"""One question per screen: answers kept as drafts, each message stored once.

GOV.UK's pattern for phones: one question per page, with big targets. Each
screen's answer is kept as a draft (answering a screen again replaces it),
so progress survives a closed browser, the back button and a language
switch. The last screen stores the message's answers all together, from the
drafts and its own answer, in one transaction that also deletes the drafts:
a message is never stored twice and never half. A required question still
open sends the participant to its screen first.
"""

from dataclasses import dataclass

from sprintlab import db as store
from sprintlab.content.data_sources import split_item
from sprintlab.fieldwork.answers import (
    DONT_KNOW,
    field_name,
    item_field,
    parse_answers,
    stored_ids,
)
from sprintlab.fieldwork.participation import store_page

LAYOUT = "one-per-screen"


@dataclass(frozen=True)
class ScreenResult:
    """What became of one screen's answer.

    `kept`: the draft or the page was stored (False: the message's answers
    were stored already, nothing changed); `errors`: slips on this screen;
    `missing`: the screen of a required question still open (last screen
    only); `done`: the message's answers are stored now.
    """

    kept: bool
    errors: dict
    missing: int | None = None
    done: bool = False


def screen_count(questions):
    """How many screens QUESTIONS, those about one message, take."""
    return len(questions)


def screen_question(questions, number):
    """The question on screen NUMBER (1-based), or None when there is none."""
    if 1 <= number <= len(questions):
        return questions[number - 1]
    return None


def submit_screen(
    db, participant, study, questions, position, number, form, now=None, shown=None
):
    """Keep the answer on screen NUMBER; on the last screen, store the message.

    QUESTIONS are those asked about the message (participation's
    message_questions). BadAnswer for input no honest form sends. SHOWN is
    when the message was first shown, if that view could not be recorded.
    """
    question = screen_question(questions, number)
    answers, errors = parse_answers((question,), form)
    if errors:
        return ScreenResult(kept=False, errors=errors)
    given = {answer.question_id: answer.row()[1:] for answer in answers}
    at = store.now(now)
    pid = participant["id"]
    with store.write_transaction(db):
        # A data_use screen keeps a draft per row; a row left open forgets one.
        for stored in stored_ids(question):
            kept = store.save_draft(db, pid, position, stored, given.get(stored), at)
            if not kept:
                return ScreenResult(kept=False, errors={})
        if number < screen_count(questions):
            return ScreenResult(kept=True, errors={})
        drafts = store.drafts_of(db, pid, position)
        missing = _first_missing(questions, drafts)
        if missing is not None:
            return ScreenResult(kept=True, errors={}, missing=missing)
        rows = [
            (stored, *drafts[stored])
            for q in questions
            for stored in stored_ids(q)
            if stored in drafts
        ]
        done = store_page(db, participant, study, position, rows, LAYOUT, now, shown)
    return ScreenResult(kept=done, errors={}, done=done)


def _answered(question, drafts):
    return all(stored in drafts for stored in stored_ids(question))


def _first_missing(questions, drafts):
    for number, question in enumerate(questions, start=1):
        if question.required and not _answered(question, drafts):
            return number
    return None


def resume_screen(db, participant, questions, position):
    """The first screen of POSITION without an answer, or None when none is kept."""
    drafts = store.drafts_of(db, participant["id"], position)
    if not drafts:
        return None
    for number, question in enumerate(questions, start=1):
        if not _answered(question, drafts):
            return number
    return screen_count(questions)


def draft_form(db, participant, study, position):
    """The kept answers of POSITION as the form fields that would send them."""
    fields = {}
    for stored, (value, text, dont_know) in store.drafts_of(
        db, participant["id"], position
    ).items():
        question_id, source = split_item(stored)
        try:
            question = study.question(question_id)
        except KeyError:
            continue
        if source is not None:  # a data_use row: yes, no or don't know
            raw = DONT_KNOW if dont_know else ("yes" if value == 1.0 else "no")
            fields[item_field(question, source)] = raw
        else:
            fields[field_name(question)] = _raw(question, value, text, dont_know)
    return fields


def _raw(question, value, text, dont_know):
    if dont_know:
        return DONT_KNOW
    if question.type == "likert7":
        return str(int(value))
    if question.type == "yes_no":
        return "yes" if value == 1.0 else "no"
    return text
