"""The words of a verdict, in plain English or Dutch: exactly what the tests hold."""

from sprintlab.content.outcomes import smallest_difference
from sprintlab.reporting.note_words import note_text

OK_FOR_INTRUSIVENESS = ("better", "not_worse", "equivalent")

PHRASES = {
    "en": {
        ("helpfulness", "better"): "more helpful than the control",
        ("helpfulness", "worse"): "less helpful than the control",
        ("helpfulness", "equivalent"): "as helpful as the control (within ±{m})",
        ("helpfulness", "not_worse"): "at most {m} less helpful than the control",
        ("helpfulness", "unclear"): "helpfulness unclear",
        ("intrusiveness", "better"): "less intrusive than the control",
        ("intrusiveness", "worse"): "more intrusive than the control",
        ("intrusiveness", "equivalent"): "as intrusive as the control (within ±{m})",
        ("intrusiveness", "not_worse"): "at most {m} more intrusive than the control",
        ("intrusiveness", "unclear"): "intrusiveness unclear",
        "both": "more helpful than the control and not more intrusive",
        ("both", "better"): " (in fact less intrusive)",
        ("both", "equivalent"): " (intrusiveness within ±{m})",
        ("both", "not_worse"): " (at most {m} more)",
        "not_measured": " (the study asks no intrusiveness question)",
        "too_few": "not enough participants to tell yet",
        "planned": " (planned {planned} per variant; now {now})",
        "no_difference": "no clear difference from the control, and none ruled out",
        "likert7": "{m:g} scale points",
        "yes_no": "{m:g} percentage points",
    },
    "nl": {
        ("helpfulness", "better"): "nuttiger dan de controle",
        ("helpfulness", "worse"): "minder nuttig dan de controle",
        ("helpfulness", "equivalent"): "even nuttig als de controle (binnen ±{m})",
        ("helpfulness", "not_worse"): "hooguit {m} minder nuttig dan de controle",
        ("helpfulness", "unclear"): "nut onduidelijk",
        ("intrusiveness", "better"): "minder opdringerig dan de controle",
        ("intrusiveness", "worse"): "opdringeriger dan de controle",
        ("intrusiveness", "equivalent"): (
            "even opdringerig als de controle (binnen ±{m})"
        ),
        ("intrusiveness", "not_worse"): "hooguit {m} opdringeriger dan de controle",
        ("intrusiveness", "unclear"): "opdringerigheid onduidelijk",
        "both": "nuttiger dan de controle en niet opdringeriger",
        ("both", "better"): " (zelfs minder opdringerig)",
        ("both", "equivalent"): " (opdringerigheid binnen ±{m})",
        ("both", "not_worse"): " (hooguit {m} meer)",
        "not_measured": " (de studie vraagt niet naar opdringerigheid)",
        "too_few": "nog te weinig deelnemers om iets te zeggen",
        "planned": " (gepland {planned} per variant; nu {now})",
        "no_difference": (
            "geen duidelijk verschil met de controle, en ook niet uitgesloten"
        ),
        "likert7": "{m:g} schaalpunten",
        "yes_no": "{m:g} procentpunten",
    },
}


def margin_words(claim, language="en"):
    """The claim's margin in words: '0.5 scale points', '10 percentage points'."""
    if claim.question is None or claim.test is None:
        return ""
    margin = claim.test.margin * (100 if claim.question.type == "yes_no" else 1)
    return PHRASES[language][claim.question.type].format(m=margin)


def claim_words(claim, language="en"):
    """One outcome's claim in words, e.g. 'at most 0.5 scale points more intrusive'."""
    words = PHRASES[language][(claim.role, claim.decision)]
    words = words.format(m=margin_words(claim, language))
    if claim.question is None:
        words += PHRASES[language]["not_measured"]
    return words


def verdict_text(helpfulness, intrusiveness, planned, now, language="en"):
    """The verdict sentence from the two claims (see reporting.verdicts)."""
    phrases = PHRASES[language]
    if helpfulness.decision == "better" and (
        intrusiveness.decision in OK_FOR_INTRUSIVENESS
    ):
        detail = phrases[("both", intrusiveness.decision)]
        return phrases["both"] + detail.format(m=margin_words(intrusiveness, language))
    if helpfulness.decision == intrusiveness.decision == "unclear":
        if planned and now < planned:
            return phrases["too_few"] + phrases["planned"].format(
                planned=planned, now=now
            )
        if intrusiveness.question is not None:
            return phrases["no_difference"]
    return (
        f"{claim_words(helpfulness, language)}; {claim_words(intrusiveness, language)}"
    )


# Why a claim could not be made, and what limits it (the verdict's notes).
NOTES = {
    "en": {
        "claim": "{role}: {why}",
        "dont_know": "{role}: don't-know rates differ between variants on "
        "“{question}”, so this claim rests on different shares of people",
        "no_intrusiveness": "the study asks no intrusiveness question: "
        "intrusiveness is unclear",
        "not_rated": "“{question}” is a {type} question: no difference to test",
        "helpfulness": "helpfulness",
        "intrusiveness": "intrusiveness",
        "choice": "choice",
        "text": "text",
    },
    "nl": {
        "claim": "{role}: {why}",
        "dont_know": "{role}: het aandeel 'weet ik niet' verschilt tussen de "
        "varianten bij “{question}”, dus deze uitspraak rust op verschillende "
        "delen van de mensen",
        "no_intrusiveness": "de studie vraagt niet naar opdringerigheid: "
        "opdringerigheid is onduidelijk",
        "not_rated": "“{question}” is een {type}: er is geen verschil te toetsen",
        "helpfulness": "nut",
        "intrusiveness": "opdringerigheid",
        "choice": "keuzevraag",
        "text": "open vraag",
    },
}


def claim_why(claim, language="en"):
    """Why CLAIM could not be made, or what limits it, in LANGUAGE ('' if nothing)."""
    notes = NOTES[language]
    if claim.question is None:
        return notes["no_intrusiveness"]
    if claim.test is None and smallest_difference(claim.question) is None:
        kind = notes.get(claim.question.type, claim.question.type)
        return notes["not_rated"].format(
            question=claim.question.text[language], type=kind
        )
    return note_text(claim.note, language)


def verdict_notes(claims, says_why, language="en"):
    """The notes of a verdict's CLAIMS ({role: Claim}); SAYS_WHY picks the claims."""
    notes = NOTES[language]
    found = [
        notes["claim"].format(role=notes[role], why=claim_why(claim, language))
        for role, claim in claims.items()
        if says_why(claim)
    ]
    found += [
        notes["dont_know"].format(
            role=notes[role], question=claim.question.text[language]
        )
        for role, claim in claims.items()
        if claim.dont_know_flag
    ]
    return "; ".join(found)
