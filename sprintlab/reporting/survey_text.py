"""The survey parts of the text report: pre-registration, data use, rankings.

In English or plain Dutch, as the rest of the text report (text_report.py).
"""

from sprintlab.content.data_sources import label
from sprintlab.reporting.preregistration_words import (
    deviation_kind,
    deviation_text,
    outside_text,
)
from sprintlab.reporting.stat_names import stat_name

WORDS = {
    "en": {
        "prereg": "Pre-registered on {date} UTC, hash {hash}{late}.",
        "late": " (registered late, after {n} participant(s) had started)",
        "not_prereg": (
            "Not pre-registered: no plan was frozen before the data arrived. Read"
            " every result as exploratory, the verdicts included."
        ),
        "deviations": "Deviations from the plan:",
        "no_deviations": "No deviations from the plan.",
        "outside": "Outside the plan, so exploratory:",
        "data_use": "Data use: {text} ({id}; exploratory)",
        "source": "{label}: {rate} accept ({yes} yes, {no} no, {dk} don't know)",
        "told": (
            "told which data: {told} vs not told {not_told}: {diff:+.0f} points"
            " [{low:+.0f}, {high:+.0f}], {test} p (BH) = {p}"
        ),
        "ranking": "Ranking: {text} ({id}; {n} people; exploratory)",
        "option": (
            "{label}: mean rank {mean:.2f} [{mean_low:.2f}, {mean_high:.2f}],"
            " first choice {first:.0%}, worth {worth}"
        ),
    },
    "nl": {
        "prereg": "Vooraf geregistreerd op {date} UTC, hash {hash}{late}.",
        "late": " (te laat geregistreerd, nadat {n} deelnemer(s) waren begonnen)",
        "not_prereg": (
            "Niet vooraf geregistreerd: er is geen plan vastgelegd voordat de"
            " gegevens kwamen. Lees elke uitkomst als verkennend, ook de oordelen."
        ),
        "deviations": "Afwijkingen van het plan:",
        "no_deviations": "Geen afwijkingen van het plan.",
        "outside": "Buiten het plan, dus verkennend:",
        "data_use": "Gebruik van gegevens: {text} ({id}; verkennend)",
        "source": "{label}: {rate} vindt het goed ({yes} ja, {no} nee, {dk} weet niet)",
        "told": (
            "uitgelegd welke gegevens: {told} tegen niet uitgelegd {not_told}:"
            " {diff:+.0f} procentpunten [{low:+.0f}, {high:+.0f}], {test} p (BH) = {p}"
        ),
        "ranking": "Volgorde: {text} ({id}; {n} mensen; verkennend)",
        "option": (
            "{label}: gemiddelde plaats {mean:.2f} [{mean_low:.2f}, {mean_high:.2f}],"
            " eerste keus {first:.0%}, gewicht {worth}"
        ),
    },
}


def _rate(share):
    if share.rate is None:
        return "–"
    low, high = share.interval
    return f"{share.rate:.0%} [{low:.0%}, {high:.0%}]"


def _p(value):
    if value is None:
        return "–"
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def preregistration_lines(status, language):
    """The pre-registration and its deviations, as lines of text."""
    words = WORDS[language]
    if status is None:
        return [words["not_prereg"]]
    late = words["late"].format(n=status.participants_before) if status.late else ""
    date = status.registered_at[:16].replace("T", " ")
    lines = [words["prereg"].format(date=date, hash=status.hash[:16], late=late)]
    if status.deviations:
        lines.append(words["deviations"])
        lines += [
            f"  - {deviation_kind(d, language)}: {deviation_text(d, language)}"
            for d in status.deviations
        ]
    else:
        lines.append(words["no_deviations"])
    if status.exploratory:
        lines.append(words["outside"])
        lines += [f"  - {outside_text(a, language)}" for a in status.exploratory]
    return lines


def data_use_lines(report, language):
    """Acceptance per data source, and telling against not telling."""
    words, lines, asked = WORDS[language], [], None
    for source in report.data_use:
        if source.question != asked:
            asked = source.question
            text = report.study.question(asked).text[language]
            lines += ["", words["data_use"].format(text=text, id=asked)]
        overall = source.overall
        lines.append("  " + words["source"].format(
            label=label(source.source, language), rate=_rate(overall), yes=overall.yes,
            no=overall.no, dk=overall.dont_know,
        ))  # fmt: skip
        telling = source.telling
        if telling is not None:
            lines.append("    " + words["told"].format(
                told=_rate(telling.told), not_told=_rate(telling.not_told),
                diff=100 * telling.difference.estimate,
                low=100 * telling.difference.ci_low,
                high=100 * telling.difference.ci_high,
                test=stat_name(telling.test.test, language),
                p=_p(telling.p_adjusted),
            ))  # fmt: skip
    return lines


def ranking_lines(report, language):
    """Mean ranks, first choices and worths per rank question."""
    words, lines = WORDS[language], []
    for ranking in report.rankings:
        question, summary = ranking.question, ranking.overall
        lines += ["", words["ranking"].format(text=question.text[language],
                                              id=question.id, n=summary.n)]  # fmt: skip
        texts = {option.id: option.text[language] for option in question.options}
        order = sorted(range(len(ranking.options)), key=lambda n: summary.mean_rank[n])
        for n in order:
            worth = summary.worth[n]
            lines.append("  " + words["option"].format(
                label=texts[ranking.options[n]], mean=summary.mean_rank[n],
                mean_low=summary.mean_rank_ci[n][0],
                mean_high=summary.mean_rank_ci[n][1],
                first=summary.first_share[n],
                worth="–" if worth != worth else f"{worth:.2f}",
            ))  # fmt: skip
    return lines
