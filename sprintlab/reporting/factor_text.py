"""A factorial study's verdicts and interactions as plain text, in English or Dutch.

The text report (text_report) calls these in place of the per-variant
verdicts: each factor's level against its reference, on helpfulness and
intrusiveness, one family; then the interactions that hold.
"""

from sprintlab.reporting.text_numbers import level_text as _level
from sprintlab.reporting.text_numbers import p_text as _p
from sprintlab.reporting.text_numbers import signed as _signed

WORDS = {
    "en": {
        "family": (
            "One family of {m} claims: {k} factor(s), each level against its "
            "reference, averaged over the other factors, on helpfulness "
            "({helpful}){intrusive}. Each claim rests on its own interval at "
            "{level}, so the chance that any claim is wrong is at most "
            "{alpha:.0%}. Interactions and every other question are exploratory."
        ),
        "and_intrusive": " and intrusiveness ({intrusive})",
        "no_intrusive": "; the study asks no intrusiveness question",
        "factor": "{label}: {text}",
        "claim": "{role}: {name} {estimate} [{low}, {high}] at {level}; p {p}, "
        "adjusted p {p_adj}; margin {margin}",
        "no_test": "{role}: no estimate ({why})",
        "planned": "planned {planned} per cell; now about {now} per cell",
        "depends": "its effect depends on: {others} (an interaction holds)",
        "interactions": "Interactions (exploratory; Holm over every pair and question)",
        "interaction": "{a} x {b} on {question}: {estimate} [{low}, {high}]; "
        "Holm p {p_adj}",
        "none": "no interaction holds",
        "roles": {"helpfulness": "helpfulness", "intrusiveness": "intrusiveness"},
        "points": {
            "likert7": "{m:g} scale points",
            "yes_no": "{m:g} percentage points",
        },
    },
    "nl": {
        "family": (
            "Eén familie van {m} uitspraken: {k} factor(en), elk niveau tegenover "
            "het referentieniveau, gemiddeld over de andere factoren, op nut "
            "({helpful}){intrusive}. Elke uitspraak rust op een eigen interval "
            "van {level}, zodat de kans dat één van de uitspraken fout is "
            "hooguit {alpha:.0%} is. Interacties en alle andere vragen zijn "
            "verkennend."
        ),
        "and_intrusive": " en opdringerigheid ({intrusive})",
        "no_intrusive": "; de studie vraagt niet naar opdringerigheid",
        "factor": "{label}: {text}",
        "claim": "{role}: {name} {estimate} [{low}, {high}] bij {level}; p {p}, "
        "gecorrigeerde p {p_adj}; marge {margin}",
        "no_test": "{role}: geen schatting ({why})",
        "planned": "gepland {planned} per cel; nu ongeveer {now} per cel",
        "depends": "het effect hangt af van: {others} (een interactie houdt stand)",
        "interactions": "Interacties (verkennend; Holm over alle paren en vragen)",
        "interaction": "{a} x {b} op {question}: {estimate} [{low}, {high}]; "
        "Holm p {p_adj}",
        "none": "geen interactie houdt stand",
        "roles": {"helpfulness": "nut", "intrusiveness": "opdringerigheid"},
        "points": {"likert7": "{m:g} schaalpunten", "yes_no": "{m:g} procentpunten"},
    },
}


def factor_verdicts(out):
    """The factors' verdicts, written to OUT (text_report's writer)."""
    words, report = WORDS[out.language], out.report
    family = report.family
    intrusive = (
        words["and_intrusive"].format(intrusive=out.question_text(family.intrusiveness))
        if family.intrusiveness
        else words["no_intrusive"]
    )
    out.line(
        words["family"].format(
            m=family.size, k=len(family.variants), alpha=family.alpha,
            helpful=out.question_text(family.helpfulness), intrusive=intrusive,
            level=_level(family.confidence),
        )
    )  # fmt: skip
    for factor in report.factors:
        label = factor.factor.label[out.language]
        out.line(words["factor"].format(label=label, text=factor.text[out.language]), 2)
        for test in factor.tests:
            if test.role != "exploratory":
                _claim(out, words, test)
        if factor.interactions:
            others = ", ".join(
                report.study.factor(f).label[out.language] for f in factor.interactions
            )
            out.line(words["depends"].format(others=others), 4)
        if factor.planned_per_cell:
            cells = len(report.study.variants)
            now = min((t.n for t in factor.tests), default=0) // cells
            out.line(
                words["planned"].format(planned=factor.planned_per_cell, now=now), 4
            )


def _claim(out, words, test):
    role = words["roles"][test.role]
    if test.effect is None:
        out.line(words["no_test"].format(role=role, why=out.note(test.note)), 4)
        return
    low, high = test.interval
    margin = test.margin * (100 if test.question.type == "yes_no" else 1)
    out.line(
        words["claim"].format(
            role=role, name=out.name(test.estimate_name),
            estimate=_signed(test.effect.estimate),
            low=_signed(low), high=_signed(high), level=_level(test.confidence),
            p=_p(test.effect.p_value), p_adj=_p(test.p_adjusted),
            margin=words["points"][test.question.type].format(m=margin),
        ),
        4,
    )  # fmt: skip


def factor_interactions(out):
    """The interactions that hold, or that none does."""
    words, report = WORDS[out.language], out.report
    out.line("")
    out.line(words["interactions"])
    holding = [found for found in report.interactions if found.holds]
    for found in holding:
        a, b = (report.study.factor(f).label[out.language] for f in found.factors)
        low, high = found.interval
        out.line(
            words["interaction"].format(
                a=a, b=b, question=found.question.id,
                estimate=_signed(found.effect.estimate), low=_signed(low),
                high=_signed(high), p_adj=_p(found.p_adjusted),
            ),
            2,
        )  # fmt: skip
    if not holding:
        out.line(words["none"], 2)
