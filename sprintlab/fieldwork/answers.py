"""Read a participant's submitted form into answers, or say what is wrong.

Two kinds of wrong: a person's slip (a required question left open) is shown
back on the page; input no honest form can send (an unknown question, a value
outside the scale, broken characters) is refused outright. Either way nothing
is stored.
"""

from dataclasses import dataclass

from sprintlab.content.cleaning import clean_text
from sprintlab.fieldwork.scrub import scrub_identifiers

DONT_KNOW = "dk"
MAX_TEXT = 2000
FIELD_PREFIX = "q-"
# The form token, and the signed time a page was shown if it was not recorded.
ALLOWED_EXTRA_FIELDS = {"csrf_token", "shown"}


class BadAnswer(ValueError):
    """Input that no honest form sends; refused with a 400, nothing stored."""


@dataclass(frozen=True)
class Answer:
    """One answer: a number on a scale, a chosen option or text, or don't know."""

    question_id: str
    value: float | None = None
    text: str | None = None
    dont_know: bool = False

    def row(self):
        """The answer as stored: (question_id, value, text, dont_know)."""
        return (self.question_id, self.value, self.text, int(self.dont_know))


def field_name(question):
    """The form field that carries QUESTION's answer."""
    return FIELD_PREFIX + question.id


def _one(form, name):
    values = form.getlist(name) if hasattr(form, "getlist") else [form.get(name)]
    values = [v for v in values if v is not None]
    if len(values) > 1:
        raise BadAnswer(f"{name} was sent more than once")
    value = values[0] if values else None
    if value is not None and "\ufffd" in value:
        raise BadAnswer(f"{name} contains characters that are not valid text")
    return value


def _parse_one(question, raw):
    if question.type == "text":
        text = clean_text(raw).strip()
        if len(text) > MAX_TEXT:
            return None, "too_long"
        return Answer(question.id, text=scrub_identifiers(text).text), None
    if raw == DONT_KNOW:
        return Answer(question.id, dont_know=True), None
    if raw not in question.option_ids():
        raise BadAnswer(f"{raw[:20]!r} is not an answer to {question.id}")
    if question.type == "likert7":
        return Answer(question.id, value=float(raw)), None
    if question.type == "yes_no":
        return Answer(question.id, value=1.0 if raw == "yes" else 0.0), None
    return Answer(question.id, text=raw), None


def parse_answers(questions, form):
    """Answers to QUESTIONS from FORM, and errors by question id (slips only).

    Raises BadAnswer for input no honest form sends.
    """
    known = {field_name(q) for q in questions}
    for name in form:
        if name not in known and name not in ALLOWED_EXTRA_FIELDS:
            raise BadAnswer(f"unexpected field {name[:40]!r}")
    answers, errors = [], {}
    for question in questions:
        raw = _one(form, field_name(question))
        if raw is None or (question.type == "text" and not raw.strip()):
            if question.required:
                errors[question.id] = "required"
            continue
        answer, error = _parse_one(question, raw)
        if error:
            errors[question.id] = error
        else:
            answers.append(answer)
    return answers, errors
