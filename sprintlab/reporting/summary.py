"""The answer first: which variant helps without intruding, ranked, in one sentence.

Built from the verdicts alone (reporting.verdicts), so the summary says no
more than the tested claims do. Variants are ranked by what their verdict
claims, group by group (GROUPS, best first); within a group by the
helpfulness difference seen, which is an order to read in, not a claim.

Differences are turned for reading: helpfulness positive = more helpful,
intrusiveness positive = more intrusive, in scale points or (yes/no
questions) percentage points.
"""

import math
from dataclasses import dataclass

from sprintlab.content.outcomes import LARGEST_DIFFERENCE
from sprintlab.reporting.wording import OK_FOR_INTRUSIVENESS, verdict_text

# Best first. A claim of "worse" on either outcome puts a variant last: a
# letter to thousands of people in money trouble must not intrude more.
GROUPS = ("helps", "helps_unclear", "no_harm", "unclear", "trade_off", "worse")
GROUP_WORDS = {
    "en": {
        "helps": "helps without intruding",
        "helps_unclear": "helps; intrusiveness unclear",
        "no_harm": "no worse than the control",
        "unclear": "unclear",
        "trade_off": "helps but intrudes",
        "worse": "worse than the control",
    },
    "nl": {
        "helps": "helpt zonder op te dringen",
        "helps_unclear": "helpt; opdringerigheid onduidelijk",
        "no_harm": "niet slechter dan de controle",
        "unclear": "onduidelijk",
        "trade_off": "helpt maar dringt op",
        "worse": "slechter dan de controle",
    },
}
SENTENCES = {
    "en": {
        "none_helps": "No variant is shown yet to be more helpful than the control.",
        "none_clean": "No variant is shown yet to help without intruding.",
        "others": "Other variants: unclear",
        "all": "All variants: unclear",
        "not_reached": "; planned n not yet reached (planned {planned} per "
        "variant; now {now})",
        "no_difference": "; no clear difference from the control, and none ruled out",
        "no_variants": "The study has no variant to compare with the control.",
    },
    "nl": {
        "none_helps": "Nog geen variant is aantoonbaar nuttiger dan de controle.",
        "none_clean": "Nog geen variant helpt aantoonbaar zonder op te dringen.",
        "others": "Andere varianten: onduidelijk",
        "all": "Alle varianten: onduidelijk",
        "not_reached": "; geplande n nog niet bereikt (gepland {planned} per "
        "variant; nu {now})",
        "no_difference": "; geen duidelijk verschil met de controle, en ook "
        "niet uitgesloten",
        "no_variants": "De studie heeft geen variant om met de controle te "
        "vergelijken.",
    },
}
UNITS = {
    "en": {"likert7": "scale points", "yes_no": "percentage points"},
    "nl": {"likert7": "schaalpunten", "yes_no": "procentpunten"},
}


@dataclass(frozen=True)
class Difference:
    """One verdict outcome of one variant: its difference from the control.

    Turned for reading (see the module docstring); None where there is no
    test or the interval has no bound at its confidence. ``widest`` is the
    largest difference the scale allows, in the same units.
    """

    decision: str
    estimate: float | None
    low: float | None
    high: float | None
    margin: float | None
    unit: str  # "likert7" or "yes_no"
    widest: float


@dataclass(frozen=True)
class Ranked:
    """One variant in the summary: its place, verdict and differences."""

    number: int  # its place, 1 = best; also its number on the charts
    variant: str
    label: str
    group: str  # one of GROUPS
    verdict: str  # the verdict sentence in the summary's language
    helpfulness: Difference
    intrusiveness: Difference
    current_n: int
    planned_n: int | None


def group_of(helpfulness, intrusiveness):
    """The summary group of a verdict's two claims (see GROUPS)."""
    if "worse" in (helpfulness, intrusiveness):
        return "trade_off" if helpfulness == "better" else "worse"
    if helpfulness == "better":
        clean = intrusiveness in OK_FOR_INTRUSIVENESS
        return "helps" if clean else "helps_unclear"
    if helpfulness == intrusiveness == "unclear":
        return "unclear"
    return "no_harm"


def _finite(value):
    return value is not None and math.isfinite(value)


def _difference(claim, more):
    """CLAIM's difference, turned so that positive means MORE (helpful|intrusive)."""
    question = claim.question
    unit = question.type if question is not None else "likert7"
    scale = 100.0 if unit == "yes_no" else 1.0
    widest = LARGEST_DIFFERENCE.get(unit, 6.0) * scale
    test = claim.test
    if test is None:
        return Difference(claim.decision, None, None, None, None, unit, widest)
    towards = 1.0 if test.higher_is_better == (more == "helpful") else -1.0
    ends = sorted(towards * scale * end for end in (test.ci_low, test.ci_high))
    low, high = (end if _finite(end) and abs(end) < widest else None for end in ends)
    return Difference(
        claim.decision, towards * scale * test.estimate, low, high,
        test.margin * scale, unit, widest,
    )  # fmt: skip


def _order(item):
    """Sort key within a group: most helpful first, then least intrusive."""
    help_seen, intrusion_seen = item[1].estimate, item[2].estimate
    return (
        -help_seen if _finite(help_seen) else math.inf,
        intrusion_seen if _finite(intrusion_seen) else math.inf,
    )


def ranking(report, language="en"):
    """Every variant but the control, best first, as Ranked."""
    study = report.study
    found = []
    for variant_id, verdict in report.verdicts.items():
        helpful = _difference(verdict.claims["helpfulness"], "helpful")
        intrusive = _difference(verdict.claims["intrusiveness"], "intrusive")
        group = group_of(verdict.helpfulness, verdict.intrusiveness)
        found.append((variant_id, helpful, intrusive, group, verdict))
    found.sort(key=lambda item: (GROUPS.index(item[3]), *_order(item)))
    return [
        Ranked(
            number,
            variant_id,
            study.variant(variant_id).label[language],
            group,
            verdict_words(verdict, language),
            helpful,
            intrusive,
            verdict.current_n,
            verdict.planned_n,
        )  # fmt: skip
        for number, (variant_id, helpful, intrusive, group, verdict) in enumerate(
            found, 1
        )
    ]


def verdict_words(verdict, language="en"):
    """The verdict sentence in LANGUAGE (the report keeps it in English)."""
    if language == "en":
        return verdict.text
    claims = verdict.claims
    return verdict_text(
        claims["helpfulness"], claims["intrusiveness"], verdict.planned_n,
        verdict.current_n, language,
    )  # fmt: skip


def _span(numbers):
    low, high = min(numbers), max(numbers)
    return str(low) if low == high else f"{low}–{high}"


def _rest(ranked, words, alone):
    """The sentence about the variants that are only unclear (ALONE: all are)."""
    if not ranked:
        return ""
    planned = [r.planned_n for r in ranked if r.planned_n]
    short = [r for r in ranked if r.planned_n and r.current_n < r.planned_n]
    if short:
        detail = words["not_reached"].format(
            planned=_span(planned), now=_span([r.current_n for r in short])
        )
    else:
        detail = words["no_difference"]
    return f"{words['all' if alone else 'others']}{detail}."


def summary_parts(ranked, language="en"):
    """The answer in words, as (headline, the rest): see summary_sentence."""
    words = SENTENCES[language]
    if not ranked:
        return words["no_variants"], ""
    best = [f"{r.label}: {r.verdict}." for r in ranked if r.group == "helps"]
    if not best:
        helping = any(r.group == "helps_unclear" for r in ranked)
        best = [words["none_clean"] if helping else words["none_helps"]]
    alone = ("helps_unclear", "trade_off", "worse")
    parts = [f"{r.label}: {r.verdict}." for r in ranked if r.group in alone]
    shared = {}
    for r in ranked:
        if r.group == "no_harm":
            shared.setdefault(r.verdict, []).append(r.label)
    parts += [f"{_capital(verdict)}: {'; '.join(labels)}."
              for verdict, labels in shared.items()]  # fmt: skip
    unclear = [r for r in ranked if r.group == "unclear"]
    parts.append(_rest(unclear, words, len(unclear) == len(ranked)))
    return " ".join(best), " ".join(part for part in parts if part)


def answer_parts(report, language="en"):
    """The answer in words as (headline, the rest); per factor in a factorial study.

    A factorial study's verdicts are its factors' (reporting.factorial), so
    its answer names each factor's verdict in the study's order.
    """
    if report.factors:
        said = [
            f"{f.factor.label[language]}: {_closed(f.text[language])}"
            for f in report.factors
        ]
        return " ".join(said), ""
    return summary_parts(ranking(report, language), language)


def _closed(text):
    return text if text.endswith(".") else f"{text}."


def summary_sentence(ranked, language="en"):
    """The answer in words: the best variant(s) with their verdicts, then the rest.

    Variants that help, or are worse than the control on either outcome, are
    named one by one with their verdict sentence exactly; variants that share
    another verdict are named together after it, and variants whose verdict
    is only "unclear" are summed up in one clause.
    """
    return " ".join(part for part in summary_parts(ranked, language) if part)


def _capital(text):
    return text[:1].upper() + text[1:]


def summary_json(report):
    """The summary as JSON-ready data: the sentence and the ranking (English)."""
    ranked = ranking(report, "en")
    return {
        "sentence": " ".join(part for part in answer_parts(report) if part),
        "best": [r.variant for r in ranked if r.group == "helps"],
        "ranking": [
            {
                "rank": r.number,
                "variant": r.variant,
                "label": r.label,
                "group": r.group,
                "verdict": r.verdict,
            }
            for r in ranked
        ],
        "groups": list(GROUPS),
    }
