"""The questions asked about one message: the study's, with its data_use rows.

A data_use question asks about the data the message's sender says it used
(its template's `data_used`), so what is asked depends on the message: one
row per source, and no question at all for a message that lists none. The
sources are read from the template version the participant was assigned
(frozen at consent), never from the current file.
"""

from dataclasses import replace

from sprintlab.content.data_sources import data_used, label
from sprintlab.content.studies import Option
from sprintlab.fieldwork import snapshots
from sprintlab.languages import LANGUAGES


def about_message(questions, front_matter):
    """QUESTIONS as asked about a message with FRONT_MATTER.

    A data_use question gets one option per source the message lists (with
    its label from the shared vocabulary) and is left out when it lists none.
    """
    sources = data_used(front_matter)
    asked = []
    for question in questions:
        if question.type != "data_use":
            asked.append(question)
        elif sources:
            options = tuple(
                Option(source, {lang: label(source, lang) for lang in LANGUAGES})
                for source in sources
            )
            asked.append(replace(question, options=options))
    return tuple(asked)


def questions_about(db, study, assignment):
    """The questions of STUDY asked about the message of ASSIGNMENT."""
    if not study.data_use_questions:
        return study.questions
    template = snapshots.stored_template(db, assignment["template_hash"])
    return about_message(study.questions, template.front_matter)
