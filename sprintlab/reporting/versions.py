"""Results per version of each variant's message, in the language it was read in.

A version is a message as it was frozen at consent, in every language at
once: its Dutch and English texts are one version. Versions are numbered
per variant in the order they were first shown.
"""

from dataclasses import dataclass

from sprintlab import db as store
from sprintlab.languages import LANGUAGES
from sprintlab.reporting.analysis import variant_order
from sprintlab.reporting.segments import report_outcomes


@dataclass(frozen=True)
class VersionRow:
    """One variant's version in one language: its answers on the verdict outcomes."""

    variant: str
    label: str
    number: int  # 1 = the first version shown
    language: str
    texts: tuple  # (language, short hash) of every text of the version
    first_shown: str
    answers: int  # on the first verdict outcome (helpfulness)
    means: tuple  # (question id, mean or None) per verdict outcome


def _texts(frozen, digest, language):
    """The (language, hash) texts of a version, in language order.

    The text answered counts for its language, also where it differs from
    the one frozen at consent; the other languages are as frozen.
    """
    parts = dict(part.split(":", 1) for part in (frozen or "").split())
    parts[language] = digest
    return tuple(sorted(parts.items()))


def _unfrozen_texts(rows):
    """{(variant, language, hash): texts} for answers without a frozen message.

    Participants from before messages were frozen in every language carry
    the text they answered only: the k-th text of a variant in each
    language (by first shown) are taken as one version.
    """
    firsts = {}
    for variant, frozen, digest, language, first, *_ in rows:
        if frozen is None:
            key = (variant, language, digest)
            firsts[key] = min(firsts.get(key, first), first)
    ranked = {}
    for variant, language, digest in sorted(firsts, key=firsts.get):
        ranked.setdefault((variant, language), []).append(digest)
    by_place = {}
    for (variant, language), digests in ranked.items():
        for place, digest in enumerate(digests):
            by_place.setdefault((variant, place), {})[language] = digest
    return {
        (variant, language, digest): tuple(sorted(by_place[(variant, place)].items()))
        for (variant, language), digests in ranked.items()
        for place, digest in enumerate(digests)
    }


def _answers_by_version(db, study, outcomes):
    """{(variant, version texts, language): [first shown, {question: (n, sum)}]}."""
    found = {}
    rows = store.answers_by_message_version(db, study.id, outcomes)
    unfrozen = _unfrozen_texts(rows)
    for variant, frozen, digest, language, first, question, n, mean in rows:
        texts = (
            _texts(frozen, digest, language)
            if frozen is not None
            else unfrozen[(variant, language, digest)]
        )
        entry = found.setdefault((variant, texts, language), [first, {}])
        entry[0] = min(entry[0], first)
        # One text answered under several frozen sets adds up.
        answers, total = entry[1].get(question, (0, 0.0))
        entry[1][question] = (answers + n, total + (mean or 0.0) * n)
    return found


def version_rows(db, study):
    """Every variant's versions per language, in the report's variant order."""
    outcomes = [q.id for q in report_outcomes(study)]
    if not outcomes:
        return []
    found = _answers_by_version(db, study, outcomes)
    numbers = _numbers(found)
    order = {v: i for i, v in enumerate(variant_order(study))}
    labels = {v.id: v.label["en"] for v in study.variants}
    rows = []
    for (variant, texts, language), (first, answers) in found.items():
        rows.append(VersionRow(
            variant, labels.get(variant, variant), numbers[(variant, texts)],
            language, tuple((lang, digest[:8]) for lang, digest in texts), first,
            answers.get(outcomes[0], (0, 0.0))[0],
            tuple((q, _mean(*answers.get(q, (0, 0.0)))) for q in outcomes),
        ))  # fmt: skip
    rows.sort(key=lambda r: (order.get(r.variant, len(order)), r.number,
                             _language_place(r.language)))  # fmt: skip
    return rows


def _language_place(language):
    return LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES)


def _mean(answers, total):
    return total / answers if answers else None


def _numbers(found):
    """{(variant, version texts): number}; 1 for each variant's first version."""
    first_shown = {}
    for (variant, texts, _), (first, _) in found.items():
        key = (variant, texts)
        first_shown[key] = min(first_shown.get(key, first), first)
    numbers, counts = {}, {}
    for variant, texts in sorted(first_shown, key=lambda k: (k[0], first_shown[k])):
        counts[variant] = counts.get(variant, 0) + 1
        numbers[(variant, texts)] = counts[variant]
    return numbers
