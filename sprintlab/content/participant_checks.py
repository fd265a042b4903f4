"""What `check` says about a participant's experience of a study and a poster.

- A study must say who is asking ([organisation] with a contact): without it
  no one can give informed consent, so the study schema requires it.
- A message page with many rating items is a heavy burden on a phone, and a
  reverse-keyed item in the middle of the others is easily misread: both are
  warnings.
- A poster is read in passing: a short headline and few words, a warning
  past about thirty.
"""

from sprintlab.content.problems import WARNING, Problem

MAX_RATING_ITEMS = 8
MAX_POSTER_WORDS = 30
MAX_POSTER_HEADLINE_WORDS = 12


def study_problems(study):
    """Warnings about the burden of a message page."""
    problems = []
    rated = [q for q in study.questions if q.type == "likert7"]
    if len(rated) > MAX_RATING_ITEMS:
        problems.append(
            Problem(
                study.path,
                "questions",
                f"{len(rated)} rating items per message; keep it to"
                f" {MAX_RATING_ITEMS}: every item is a tap or a screen on a phone",
                WARNING,
            )
        )
    for position, question in enumerate(rated):
        if question.better == "lower" and 0 < position < len(rated) - 1:
            problems.append(
                Problem(
                    study.path,
                    f"questions ({question.id})",
                    "a reverse-keyed item (better = 'lower') in the middle of the"
                    " rating items is easily answered the wrong way round;"
                    " put it first or last",
                    WARNING,
                )
            )
    return problems


def poster_warnings(path, rendered):
    """A poster with a long headline or more words than a passer-by reads."""
    headline = len(rendered.headline.split())
    words = headline + len(rendered.text.split()) + len(rendered.sender.split())
    warnings = []
    if headline > MAX_POSTER_HEADLINE_WORDS:
        warnings.append(
            Problem(
                str(path),
                "title",
                f"the headline has {headline} words; keep it to"
                f" {MAX_POSTER_HEADLINE_WORDS}",
                WARNING,
            )
        )
    if words > MAX_POSTER_WORDS:
        warnings.append(
            Problem(
                str(path),
                "body",
                f"the poster has {words} words (headline, text and sender); a"
                f" passer-by reads about {MAX_POSTER_WORDS}: one short line is enough",
                WARNING,
            )
        )
    return warnings
