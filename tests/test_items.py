"""The shipped questionnaire: one thing per item, a neutral start, sensitive skips."""

import re

import numpy as np
import pytest

from sprintlab import db as store
from sprintlab.i18n import STRINGS
from sprintlab.reporting.evidence import NO_ANSWER, load_evidence
from sprintlab.reporting.indicators import code_matrix, indicators_of
from tests.bot import Bot, forms
from tests.evidence import app_rows as conn_rows

# Words that name what is measured; said before the message, they prime it.
OUTCOME_WORDS = re.compile(
    r"help|hulp|bemoei|meddl|opdring|intrus|vertrouw|trust|respect|oordeel|judg",
    re.I,
)


@pytest.mark.parametrize("study_id", ["vroegsignalering", "sprint-sms"])
def test_the_intro_and_the_stated_purpose_name_no_outcome(content, study_id):
    study = content.study(study_id)
    for language in ("nl", "en"):
        assert not OUTCOME_WORDS.search(study.intro[language]), study.intro[language]
    for text in STRINGS["consent_why"]:
        assert not OUTCOME_WORDS.search(text), text


@pytest.mark.parametrize("study_id", ["vroegsignalering", "sprint-sms"])
def test_each_item_asks_one_thing(content, study_id):
    study = content.study(study_id)
    for question in study.questions:
        dutch = question.text["nl"]
        # "en" joining two claims, or "of" offering two answers to one yes
        assert not re.search(r"\b(en|of)\b", dutch), dutch
    helps = study.question(study.primary_outcome)
    assert helps.text["nl"] == "Als ik deze rekening had, zou dit bericht mij helpen."
    intrusive = study.question(study.intrusiveness_outcome)
    assert intrusive.text["nl"] == "Dit bericht bemoeit zich te veel met mij."
    assert study.question("legitimacy").text["nl"] == (
        "Ik denk dat dit bericht echt van de gemeente komt."
    )
    scam = study.question("scam")
    assert scam.type == "yes_no" and scam.better == "lower"


def test_sensitive_segment_questions_offer_to_say_nothing(app, client, content):
    study = content.study("vroegsignalering")
    kinds = {q.id: q.no_answer for q in study.segments}
    assert kinds["levensgebeurtenis"] == kinds["slechte_ervaring"] == "prefer_not"
    assert kinds["vertrouwen"] == "dont_know"
    assert "Toeslagen" in study.question("slechte_ervaring").text["nl"]
    bot = Bot(client, "vroegsignalering", seed=3)
    location = bot.consent().headers["Location"]
    html = client.get(location).get_data(as_text=True)
    _, answers = bot.answers_for(html, dont_know=0)
    assert client.post(location, data=answers).status_code == 303
    page = client.get("/s/vroegsignalering/about-you").get_data(as_text=True)
    # A ranking has no answer to skip: it is left open (tests of the rank type).
    answerable = [q for q in study.segments if q.type != "rank"]
    for question in answerable:
        fieldset = page.split(f'id="q-{question.id}"', 1)[1].split("</fieldset>")[0]
        label = fieldset.split('value="dk"', 1)[1].split("</label>")[0]
        expected = {"prefer_not": "Dat zeg ik liever niet", "dont_know": "Weet ik niet"}
        assert expected[question.no_answer] in label, question.id
    form = forms(page)[-1]
    data = dict(form["hidden"], **{f"q-{q.id}": "dk" for q in answerable})
    assert client.post("/s/vroegsignalering/about-you", data=data).status_code == 303
    conn = store.connect(app.config["DATABASE"])
    try:
        stored = conn.execute(
            "SELECT question_id, value, dont_know FROM segment_answers"
        ).fetchall()
    finally:
        conn.close()
    assert {(q, v, d) for q, v, d in stored} == {(q.id, None, 1) for q in answerable}
    # Saying nothing is missing in the analyses, never an answer at one end:
    # the segment comparisons see no group and the latent class model no code.
    conn = store.connect(app.config["DATABASE"])
    try:
        evidence = load_evidence(conn, study)
    finally:
        conn.close()
    (person,) = {p for p, *_ in conn_rows(app, "SELECT id FROM participants")}
    for question in answerable:
        codes, _ = evidence.segment_codes(question.id, list(question.option_ids()))
        assert codes[person] == NO_ANSWER, question.id
    matrix = code_matrix(evidence, indicators_of(study), [person])
    assert matrix.shape == (1, len(study.indicators))
    assert np.isnan(matrix).all()
