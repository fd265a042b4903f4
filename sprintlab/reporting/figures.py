"""The figures of a report, with their words: forest plot, map and rating bars.

Geometry comes from reporting.charts; this module chooses what to show and
says it in words (titles, and a description that lists every number, the
text alternative of each chart). Pure of Flask and the database.
"""

from sprintlab.content.outcomes import verdict_questions
from sprintlab.reporting.charts import (
    bars_chart,
    finite,
    forest_panel,
    interval_text,
    map_chart,
)
from sprintlab.reporting.summary import GROUP_WORDS, UNITS, Difference, Ranked

WORDS = {
    "en": {
        "helpfulness": "Helpfulness",
        "intrusiveness": "Intrusiveness",
        "forest_title": "{outcome}: each variant's difference from the control, "
        "with {level} intervals",
        "forest_description": "Differences from the control ({control}) in "
        "{unit}, with {level} intervals (one family of {m} claims); the grey "
        "band is ± the margin ({margin} {unit}), the smallest difference that "
        "matters. ",
        "axis": "difference from the control ({unit})",
        "less_helpful": "← less helpful",
        "more_helpful": "more helpful →",
        "less_intrusive": "← less intrusive",
        "more_intrusive": "more intrusive →",
        "more_helpful_up": "↑ more helpful",
        "map_title": "Helpfulness against intrusiveness: each variant's "
        "difference from the control, with {level} intervals",
        "map_description": "Each variant's difference from the control "
        "({control}, at 0, 0): up is more helpful, left is less intrusive. "
        "Intervals at {level}, kept within what the scale allows. ",
        "segment_title": "Helpfulness against intrusiveness for {group} only "
        "({segment}): differences from the control, with 95% intervals",
        "segment_description": "Exploratory: each variant's difference from the "
        "control within this group only; markers keep each variant's overall "
        "verdict. ",
        "x_name": "Intrusiveness: difference ({unit})",
        "y_name": "Helpfulness: difference ({unit})",
        "control": "control",
        "bars_title": "Answers to “{question}” per variant",
        "bars_description": "Share of answers per scale point, from "
        "{low} (1) to {high} (7); the left total is 1–3, the right total 5–7. ",
        "no_interval": "no estimate",
        "map_point": "{number} {label}: helpfulness {helpfulness}, intrusiveness "
        "{intrusiveness}.",
        "group_point": "{number} {label} (n = {n}): helpfulness {helpfulness}, "
        "intrusiveness {intrusiveness}.",
    },
    "nl": {
        "helpfulness": "Nut",
        "intrusiveness": "Opdringerigheid",
        "forest_title": "{outcome}: verschil van elke variant met de controle, "
        "met {level}-intervallen",
        "forest_description": "Verschillen met de controle ({control}) in "
        "{unit}, met {level}-intervallen (één familie van {m} uitspraken); de grijze "
        "band is ± de marge ({margin} {unit}), het kleinste verschil dat ertoe "
        "doet. ",
        "axis": "verschil met de controle ({unit})",
        "less_helpful": "← minder nuttig",
        "more_helpful": "nuttiger →",
        "less_intrusive": "← minder opdringerig",
        "more_intrusive": "opdringeriger →",
        "more_helpful_up": "↑ nuttiger",
        "map_title": "Nut tegen opdringerigheid: verschil van elke variant met "
        "de controle, met {level}-intervallen",
        "map_description": "Verschil van elke variant met de controle "
        "({control}, op 0, 0): omhoog is nuttiger, links minder opdringerig. "
        "Intervallen op {level}, binnen wat de schaal toelaat. ",
        "segment_title": "Nut tegen opdringerigheid voor alleen {group} "
        "({segment}): verschillen met de controle, met 95%-intervallen",
        "segment_description": "Verkennend: verschil van elke variant met de "
        "controle binnen alleen deze groep; de tekens houden het oordeel over "
        "iedereen. ",
        "x_name": "Opdringerigheid: verschil ({unit})",
        "y_name": "Nut: verschil ({unit})",
        "control": "controle",
        "bars_title": "Antwoorden op “{question}” per variant",
        "bars_description": "Deel van de antwoorden per schaalpunt, van {low} "
        "(1) tot {high} (7); links het totaal van 1–3, rechts van 5–7. ",
        "no_interval": "geen schatting",
        "map_point": "{number} {label}: nut {helpfulness}, opdringerigheid "
        "{intrusiveness}.",
        "group_point": "{number} {label} (n = {n}): nut {helpfulness}, "
        "opdringerigheid {intrusiveness}.",
    },
}


def level_words(confidence):
    """An interval's level as text: '99.69%'."""
    return f"{100 * confidence:.4g}%"


def _listing(ranked, outcome, language):
    return " ".join(
        f"{r.number} {r.label}: {interval_text(getattr(r, outcome))}"
        f" ({GROUP_WORDS[language][r.group]})."
        for r in ranked
    )


def forest(report, ranked, language="en"):
    """{outcome: ForestPanel}: helpfulness and, if the study asks, intrusiveness."""
    words, study = WORDS[language], report.study
    level = level_words(report.family.confidence)
    control = study.variant(study.control).label[language]
    panels = {}
    for outcome, question in zip(("helpfulness", "intrusiveness"),
                                 verdict_questions(study), strict=True):  # fmt: skip
        if question is None or not ranked:
            continue
        first = getattr(ranked[0], outcome)
        unit = UNITS[language][first.unit]
        margin = f"{first.margin:g}" if first.margin is not None else "–"
        towards = ("less_helpful", "more_helpful") if outcome == "helpfulness" else (
            "less_intrusive", "more_intrusive")  # fmt: skip
        panels[outcome] = forest_panel(ranked, outcome, {
            "title": words["forest_title"].format(outcome=words[outcome], level=level),
            "description": words["forest_description"].format(
                control=control, unit=unit, level=level, m=report.family.size,
                margin=margin,
            ) + _listing(ranked, outcome, language),
            "axis_name": words["axis"].format(unit=unit),
            "towards_low": words[towards[0]],
            "towards_high": words[towards[1]],
        })  # fmt: skip
    return panels


def _map_words(language, ranked, title, description):
    words, units = WORDS[language], UNITS[language]
    help_unit = ranked[0].helpfulness.unit if ranked else "likert7"
    intrusive_unit = ranked[0].intrusiveness.unit if ranked else "likert7"
    return {
        "title": title,
        "description": description,
        "x_name": words["x_name"].format(unit=units[intrusive_unit]),
        "y_name": words["y_name"].format(unit=units[help_unit]),
        "x_less": words["less_intrusive"],
        "x_more": words["more_intrusive"],
        "y_more": words["more_helpful_up"],
        "control": words["control"],
    }


def _both(ranked):
    return [r for r in ranked if r.helpfulness.estimate is not None
            and r.intrusiveness.estimate is not None]  # fmt: skip


def overview_map(report, ranked, language="en"):
    """The map of every variant, or None when the study has no two rated outcomes."""
    shown = _both(ranked)
    if not shown:
        return None
    words, study = WORDS[language], report.study
    level = level_words(report.family.confidence)
    control = study.variant(study.control).label[language]
    listing = " ".join(
        words["map_point"].format(
            number=r.number, label=r.label,
            helpfulness=interval_text(r.helpfulness),
            intrusiveness=interval_text(r.intrusiveness),
        )
        for r in shown
    )  # fmt: skip
    return map_chart(shown, _map_words(
        language, shown, words["map_title"].format(level=level),
        words["map_description"].format(control=control, level=level) + listing,
    ))  # fmt: skip


def _group_difference(segment_report, variant_id, level, more):
    """A variant's difference from the control in one group, turned towards MORE."""
    outcome = segment_report.outcome
    scale = 100.0 if outcome.type == "yes_no" else 1.0
    widest = (1.0 if outcome.type == "yes_no" else 6.0) * scale
    for group, comparison in segment_report.per_segment(variant_id):
        if str(group) != level:
            continue
        towards = 1.0 if (outcome.better != "lower") == (more == "helpful") else -1.0
        low, high = comparison.mean_difference_ci or (None, None)
        if finite(low, high):
            low, high = sorted((towards * scale * low, towards * scale * high))
        else:
            low = high = None
        estimate = comparison.mean_difference
        return Difference("unclear", None if estimate is None else
                          towards * scale * estimate, low, high, None,
                          outcome.type, widest)  # fmt: skip
    return Difference("unclear", None, None, None, None, outcome.type, widest)


def segment_ranking(report, ranked, segment_id, level):
    """RANKED with each variant's differences within one group of one segment."""
    by_outcome = {s.outcome.id: s for s in report.segments
                  if s.segment.id == segment_id}  # fmt: skip
    helpful, intrusive = verdict_questions(report.study)
    if helpful is None or intrusive is None:
        return []
    if helpful.id not in by_outcome or intrusive.id not in by_outcome:
        return []
    return [
        Ranked(
            r.number,
            r.variant,
            r.label,
            r.group,
            r.verdict,
            _group_difference(by_outcome[helpful.id], r.variant, level, "helpful"),
            _group_difference(by_outcome[intrusive.id], r.variant, level, "intrusive"),
            min(
                by_outcome[q.id].means[(r.variant, level)].n
                for q in (helpful, intrusive)
            ),
            r.planned_n,
        )  # fmt: skip
        for r in ranked
    ]


def segment_map(report, in_group, group_label, segment_text, language="en"):
    """The map for one group of a segment (IN_GROUP from segment_ranking), or None."""
    shown = _both(in_group)
    if not shown:
        return None
    words = WORDS[language]
    listing = " ".join(
        words["group_point"].format(
            number=r.number, label=r.label, n=r.current_n,
            helpfulness=interval_text(r.helpfulness),
            intrusiveness=interval_text(r.intrusiveness),
        )
        for r in shown
    )  # fmt: skip
    title = words["segment_title"].format(group=group_label, segment=segment_text)
    return map_chart(shown, _map_words(
        language, shown, title, words["segment_description"] + listing,
    ))  # fmt: skip


def question_bars(report, question_report, language="en"):
    """Diverging bars of one 7-point question's answers, one bar per variant."""
    study, question = report.study, question_report.question
    rows = [
        (study.variant(s.variant).label[language],
         [s.distribution.get(p, 0) for p in range(1, 8)])
        for s in question_report.summaries
    ]  # fmt: skip
    labels = question.labels(language)
    words = WORDS[language]
    listing = " ".join(
        f"{label} (n = {sum(counts)}): "
        + ", ".join(f"{point}: {count}" for point, count in enumerate(counts, 1))
        + "."
        for label, counts in rows
    )
    return bars_chart(rows, {
        "title": words["bars_title"].format(question=question.text[language]),
        "description": words["bars_description"].format(low=labels[0],
                                                        high=labels[6]) + listing,
    })  # fmt: skip
