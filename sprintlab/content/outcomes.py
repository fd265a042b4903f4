"""The verdict outcomes of a study: helpfulness, intrusiveness and their margins.

A verdict reads two questions: the primary outcome (helpfulness) and the
intrusiveness outcome (the study key ``intrusiveness_outcome``, else the first
rating question where lower is better). Each rating question may declare
``margin``, the smallest difference that matters: scale points for a 7-point
question, a difference in the share of "yes" for a yes/no question. Without
one the defaults below apply, unless the study sets ``margins_required = true``.

Why these defaults: half a scale point is about a third of the spread of
7-point ratings (SD about 1.5), the size usually taken as the smallest change
people notice on such scales; ten percentage points is the yes/no
counterpart a policy team would still call a difference worth acting on.
"""

import math

#: The smallest difference that matters when a question declares none.
DEFAULT_MARGINS = {"likert7": 0.5, "yes_no": 0.10}
#: A margin must stay below the largest difference the scale allows.
LARGEST_DIFFERENCE = {"likert7": 6.0, "yes_no": 1.0}
UNITS = {"likert7": "scale points", "yes_no": "a difference in the share of yes"}


def margin_problem(value, question_type):
    """Why VALUE cannot be the margin of a QUESTION_TYPE question, or None."""
    if question_type not in DEFAULT_MARGINS:
        return "a margin applies only to likert7 and yes_no questions"
    example = "0.5" if question_type == "likert7" else "0.1"
    largest = LARGEST_DIFFERENCE[question_type]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return (
            f"must be a number ({UNITS[question_type]}, e.g. margin = {example}),"
            f" got {_shown(value)}"
        )
    if not math.isfinite(value) or not 0 < value < largest:
        return (
            f"must be above 0 and below {largest:g} ({UNITS[question_type]},"
            f" e.g. margin = {example}), got {_shown(value)}"
        )
    return None


def _shown(value):
    """VALUE as it was written in TOML."""
    if isinstance(value, bool):
        return str(value).lower()
    return repr(value) if isinstance(value, str) else str(value)


def default_intrusiveness(questions, primary_outcome):
    """The first rating question where lower is better, other than the primary."""
    for question in questions:
        if (
            question.type in DEFAULT_MARGINS
            and question.better == "lower"
            and question.id != primary_outcome
        ):
            return question.id
    return ""


def intrusiveness_problem(questions, chosen, primary_outcome):
    """Why CHOSEN cannot be the study's intrusiveness outcome, or None."""
    rated = {q.id: q for q in questions if q.type in DEFAULT_MARGINS}
    if not isinstance(chosen, str) or chosen not in rated:
        names = ", ".join(sorted(rated)) or "none"
        return f"must be the id of a likert7 or yes_no question: {names}"
    if chosen == primary_outcome:
        return "must differ from primary_outcome (helpfulness)"
    if rated[chosen].better not in ("higher", "lower"):
        return f"give question {chosen} better = 'higher' or 'lower'"
    return None


def smallest_difference(question):
    """The margin QUESTION declares, else the default for its type (None: unrated)."""
    if question.margin is not None:
        return question.margin
    return DEFAULT_MARGINS.get(question.type)


def verdict_questions(study):
    """The study's helpfulness question and its intrusiveness question (or None)."""
    intrusiveness = study.intrusiveness_outcome
    return (
        study.question(study.primary_outcome),
        study.question(intrusiveness) if intrusiveness else None,
    )


def read_margin(reader, raw, where, question_type, allowed_types):
    """The margin a question declares (None when it declares none or a bad one)."""
    if "margin" not in raw:
        return None
    value = raw["margin"]
    if "text" not in allowed_types:  # a segment question: asked once, not compared
        why = "a margin applies to the questions asked about each variant"
    else:
        why = margin_problem(value, question_type)
    if why:
        reader.problem(f"{where}.margin", why)
        return None
    return float(value)


def read_verdict_outcomes(reader, raw, questions):
    """The study's intrusiveness outcome and margins_required, checked."""
    primary = raw.get("primary_outcome")
    chosen = raw.get("intrusiveness_outcome")
    if chosen is None:
        chosen = default_intrusiveness(questions, primary)
    else:
        why = intrusiveness_problem(questions, chosen, primary)
        if why:
            reader.problem("intrusiveness_outcome", why, "intrusiveness_outcome =")
            chosen = ""
    required = raw.get("margins_required", False)
    if not isinstance(required, bool):
        reader.problem(
            "margins_required", "must be true or false", "margins_required ="
        )
        required = False
    if required:
        for index, question in enumerate(questions):
            if question.id in (primary, chosen) and question.margin is None:
                example = "0.5" if question.type == "likert7" else "0.1"
                reader.problem(
                    f"questions[{index}] ({question.id}).margin",
                    "missing: the study sets margins_required = true, so declare "
                    "the smallest difference that matters for this verdict "
                    f"outcome (e.g. margin = {example})",
                )
    return chosen, required
