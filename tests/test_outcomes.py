"""The verdict outcomes of a study file: which questions, and their margins."""

import pytest

from sprintlab.content.outcomes import smallest_difference, verdict_questions
from sprintlab.content.problems import WARNING, ContentError
from sprintlab.content.studies import parse_study, read_study
from tests.conftest import ROOT

TEXT = (ROOT / "prototypes" / "vroegsignalering.toml").read_text(encoding="utf-8")
PRIMARY = 'primary_outcome = "helps"'


def question(qid, kind="likert7"):
    return f'id = "{qid}"\ntype = "{kind}"'


def study_with(*replacements):
    text = TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return parse_study(text, "prototypes/v.toml")


def test_the_shipped_study_uses_its_lower_is_better_item_and_default_margins():
    study = study_with()
    helpful, intrusive = verdict_questions(study)
    assert (helpful.id, intrusive.id) == ("helps", "intrusive")
    assert helpful.margin is None and smallest_difference(helpful) == 0.5
    yes_no = study_with((question("helps"), question("helps", "yes_no")))
    assert smallest_difference(yes_no.question("helps")) == 0.10
    assert smallest_difference(study.question("change")) is None  # free text


def test_an_explicit_intrusiveness_outcome_wins_and_none_means_none():
    chosen = study_with((PRIMARY, PRIMARY + '\nintrusiveness_outcome = "autonomy"'))
    assert verdict_questions(chosen)[1].id == "autonomy"
    # Without any lower-is-better rating question there is no intrusiveness claim.
    lower = ('better = "lower"', 'better = "higher"')
    none = study_with(lower, lower)  # intrusive and scam
    assert none.intrusiveness_outcome == "" and verdict_questions(none)[1] is None


def test_a_declared_margin_is_read_as_a_number():
    study = study_with((question("intrusive"), question("intrusive") +
                        "\nmargin = 1"))  # fmt: skip
    assert study.question("intrusive").margin == 1.0


@pytest.mark.parametrize(
    ("old", "new", "where", "words"),
    [
        (question("helps", "likert7"),
         question("helps", "yes_no") + "\nmargin = 1.5",
         "questions[2] (helps).margin", "below 1"),
        (question("intrusive"), question("intrusive") + "\nmargin = inf",
         "(intrusive).margin", "above 0"),
        (question("intrusive"), question("intrusive") + "\nmargin = true",
         "(intrusive).margin", "got true"),
        (question("levensgebeurtenis", "yes_no"),
         question("levensgebeurtenis", "yes_no") + "\nmargin = 0.1",
         "segments[5] (levensgebeurtenis).margin", "unknown key"),
        (PRIMARY, PRIMARY + "\nmargins_required = 1", "margins_required",
         "true or false"),
        (PRIMARY, PRIMARY + '\nintrusiveness_outcome = "helps"',
         "intrusiveness_outcome", "must differ from primary_outcome"),
        (PRIMARY, PRIMARY + '\nintrusiveness_outcome = "change"',
         "intrusiveness_outcome", "likert7 or yes_no"),
    ],
)  # fmt: skip
def test_unusable_outcome_settings_are_refused_naming_the_key(old, new, where, words):
    with pytest.raises(ContentError) as raised:
        study_with((old, new))
    (problem,) = raised.value.problems
    assert where in problem.where and words in problem.message
    assert "\n" not in str(problem)


def test_a_margin_on_a_text_question_is_a_warning_that_it_is_ignored():
    text = TEXT.replace(
        question("change", "text"), question("change", "text") + "\nmargin = 0.5", 1
    )
    reading = read_study(text, "prototypes/v.toml")
    assert reading.study is not None and reading.study.question("change").margin is None
    (problem,) = [p for p in reading.problems if p.where.endswith("margin")]
    assert problem.level == WARNING and "(change).margin" in problem.where
    assert "does not use margin" in problem.message and "ignored" in problem.message
