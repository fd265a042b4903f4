"""What `check` says about the data a study's messages say they used.

- The Dutch and English versions of a message must list the same data, and
  say the same about telling the reader: they are one message, and a
  participant who switches language answers about the same rows.
- A data_use question asked about no message (none of the variants lists
  any data) is never shown: a warning.
"""

from pathlib import Path

from sprintlab.content.data_sources import data_explained, data_used
from sprintlab.content.messages import read_template
from sprintlab.content.problems import WARNING, Problem
from sprintlab.languages import LANGUAGES


def _front_matter(messages_dir, template_id, language):
    path = Path(messages_dir) / f"{template_id}.{language}.md"
    try:
        template, _ = read_template(path.read_text(encoding="utf-8"), template_id,
                                    language, str(path))  # fmt: skip
    except (OSError, UnicodeDecodeError):
        return None  # reported where the file is checked
    return None if template is None else template.front_matter


def data_problems(study, messages_dir):
    """Problems with the data the variants of STUDY say they used."""
    problems, any_data = [], False
    for variant in study.variants:
        fronts = [
            _front_matter(messages_dir, variant.template, lang) for lang in LANGUAGES
        ]
        if any(front is None for front in fronts):
            continue
        said = {(data_used(f), data_explained(f)) for f in fronts}
        any_data = any_data or any(data_used(f) for f in fronts)
        if len(said) > 1:
            problems.append(
                Problem(
                    study.path,
                    f"variants ({variant.id}).template",
                    f"{variant.template} lists other data_used or data_explained in"
                    f" {' and '.join(LANGUAGES)}: give both languages the same",
                )
            )
    if study.data_use_questions and not any_data:
        problems.append(
            Problem(
                study.path,
                f"questions ({study.data_use_questions[0].id})",
                "no variant's template lists data_used, so this data_use question"
                " is never asked: add data_used to the templates' front matter",
                WARNING,
            )
        )
    return problems
