"""The words of a pre-registration's deviations, in English and plain Dutch.

A deviation (or an analysis outside the plan) is stored as its kind, a
wording and the values that fill it; the English wording is what the JSON
report carries, and each report says it in its own language.
"""

DEVIATIONS = {
    "en": {
        "late": "registered late: {n} participant(s) had started before",
        "study_file": "the study file changed since the registration; none of "
        "its planned elements did",
        "study_changed": "{key} changed: planned {was}, now {now}",
        "outcome_added": "outcome {question} was added after the registration",
        "outcome_removed": "planned outcome {question} is no longer asked",
        "other_study_version": "{n} participant(s) took part under another "
        "version of the study file ({digest})",
        "template_changed": "{n} participant(s) saw variant {variant} in a "
        "version that was not registered ({digest})",
        "n_not_reached": "planned {planned} per variant; not reached by {listed}",
        "software": "registered with sprintlab {registered}, analysed with {now}",
    },
    "nl": {
        "late": "te laat geregistreerd: {n} deelnemer(s) waren al begonnen",
        "study_file": "het studiebestand is veranderd na de registratie; geen "
        "van de geplande onderdelen",
        "study_changed": "{key} veranderd: gepland {was}, nu {now}",
        "outcome_added": "uitkomst {question} is toegevoegd na de registratie",
        "outcome_removed": "geplande uitkomst {question} wordt niet meer gevraagd",
        "other_study_version": "{n} deelnemer(s) deden mee met een andere "
        "versie van het studiebestand ({digest})",
        "template_changed": "{n} deelnemer(s) zagen variant {variant} in een "
        "versie die niet geregistreerd is ({digest})",
        "n_not_reached": "gepland {planned} per variant; niet gehaald door {listed}",
        "software": "geregistreerd met sprintlab {registered}, geanalyseerd met {now}",
    },
}
OUTSIDE = {
    "en": {
        "added_question": "question {question} (added after the registration)",
        "verdicts": "the verdicts (their outcomes, margins or family changed)",
        "segment_questions": "segment tests on {question} (not in the plan)",
        "data_use": "data-use question {question} (not in the plan)",
        "rankings": "rank question {question} (not in the plan)",
        "segmentation": "the segmentation (its indicators changed)",
    },
    "nl": {
        "added_question": "vraag {question} (toegevoegd na de registratie)",
        "verdicts": "de oordelen (hun uitkomsten, marges of familie zijn veranderd)",
        "segment_questions": "groepstoetsen op {question} (niet in het plan)",
        "data_use": "vraag over gebruik van gegevens {question} (niet in het plan)",
        "rankings": "volgordevraag {question} (niet in het plan)",
        "segmentation": "de segmentatie (de vragen die de groepen vormen zijn "
        "veranderd)",
    },
}
KINDS = {
    "en": {
        "late": "late", "study_changed": "study changed",
        "other_study_version": "other study version",
        "template_changed": "template changed", "n_not_reached": "n not reached",
        "outcome_added": "outcome added", "outcome_removed": "outcome removed",
        "software": "software",
    },
    "nl": {
        "late": "te laat", "study_changed": "studie veranderd",
        "other_study_version": "andere versie van de studie",
        "template_changed": "bericht veranderd", "n_not_reached": "n niet gehaald",
        "outcome_added": "uitkomst toegevoegd",
        "outcome_removed": "uitkomst verwijderd", "software": "software",
    },
}  # fmt: skip
PLAN_KEYS = (
    "study", "primary_outcome", "intrusiveness_outcome", "alpha", "family",
    "planned_n_per_variant", "n_for_margins", "segment_questions", "segment_tests",
    "segmentation", "data_use", "rankings",
)  # fmt: skip
# The elements of the plan as a reader knows them (English: their keys).
PLAN_PARTS = {
    "en": {key: key for key in PLAN_KEYS},
    "nl": {
        "study": "de studie (study)",
        "primary_outcome": "de hoofduitkomst (primary_outcome)",
        "intrusiveness_outcome": "de uitkomst opdringerigheid (intrusiveness_outcome)",
        "alpha": "alfa (alpha)",
        "family": "de familie van uitspraken (family)",
        "planned_n_per_variant": "de geplande n per variant (planned_n_per_variant)",
        "n_for_margins": "de n die de marges nodig hebben (n_for_margins)",
        "segment_questions": "de getoetste groepsvragen (segment_questions)",
        "segment_tests": "de groepstoetsen (segment_tests)",
        "segmentation": "de segmentatie (segmentation)",
        "data_use": "de vragen over gebruik van gegevens (data_use)",
        "rankings": "de volgordevragen (rankings)",
    },
}


def deviation_text(deviation, language="en"):
    """DEVIATION in words, in LANGUAGE."""
    values = dict(deviation.values)
    if "key" in values:
        values["key"] = PLAN_PARTS[language].get(values["key"], values["key"])
    return DEVIATIONS[language][deviation.wording].format(**values)


def deviation_kind(deviation, language="en"):
    """The kind of DEVIATION as a short label, in LANGUAGE."""
    return KINDS[language].get(deviation.kind, deviation.kind.replace("_", " "))


def outside_text(analysis, language="en"):
    """An analysis outside the plan in words, in LANGUAGE."""
    return OUTSIDE[language][analysis.wording].format(**dict(analysis.values))
