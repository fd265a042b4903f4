"""Read a participant's submitted form into answers, or say what is wrong.

Two kinds of wrong: a person's slip (a required question left open) is shown
back on the page; input no honest form can send (an unknown question, a value
outside the scale, broken characters) is refused outright. Either way nothing
is stored.
"""

from dataclasses import dataclass

from sprintlab.content.cleaning import clean_text
from sprintlab.content.data_sources import item_id
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


def item_field(question, option_id):
    """The form field of one row of a data_use or rank question (one per option)."""
    return FIELD_PREFIX + item_id(question.id, option_id)


def form_fields(question):
    """Every form field QUESTION may send."""
    if question.type in ("data_use", "rank"):
        return [item_field(question, option_id) for option_id in question.option_ids()]
    return [field_name(question)]


def stored_ids(question):
    """The ids QUESTION's answers are stored under: a data_use row each, else one."""
    if question.type == "data_use":
        return [item_id(question.id, source) for source in question.option_ids()]
    return [question.id]


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


def _data_use(question, form):
    """(answers, error): one yes/no/don't-know answer per data source row."""
    answers = []
    for source in question.option_ids():
        raw = _one(form, item_field(question, source))
        if raw is None:
            continue
        if raw not in (DONT_KNOW, "yes", "no"):
            raise BadAnswer(f"{raw[:20]!r} is not an answer to {question.id}")
        stored = item_id(question.id, source)
        if raw == DONT_KNOW:
            answers.append(Answer(stored, dont_know=True))
        else:
            answers.append(Answer(stored, value=1.0 if raw == "yes" else 0.0))
    if question.required and len(answers) < len(question.option_ids()):
        return [], "required"
    return answers, None


def _rank(question, form):
    """(answers, error): the options in the order given, as one answer."""
    places = {}
    for option in question.option_ids():
        raw = _one(form, item_field(question, option)) or ""
        if raw and raw not in {str(n) for n in range(1, len(question.options) + 1)}:
            raise BadAnswer(f"{raw[:20]!r} is not a place in {question.id}")
        if raw:
            places[option] = int(raw)
    if not places:
        return [], "required" if question.required else None
    if len(places) < len(question.options):
        return [], "rank_incomplete"
    if len(set(places.values())) < len(places):
        return [], "rank_twice"
    order = sorted(places, key=places.get)
    return [Answer(question.id, text=",".join(order))], None


def parse_answers(questions, form):
    """Answers to QUESTIONS from FORM, and errors by question id (slips only).

    Raises BadAnswer for input no honest form sends.
    """
    known = {name for q in questions for name in form_fields(q)}
    for name in form:
        if name not in known and name not in ALLOWED_EXTRA_FIELDS:
            raise BadAnswer(f"unexpected field {name[:40]!r}")
    answers, errors = [], {}
    for question in questions:
        if question.type in ("data_use", "rank"):
            found, error = (_data_use if question.type == "data_use" else _rank)(
                question, form
            )
            answers += found
            if error:
                errors[question.id] = error
            continue
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
