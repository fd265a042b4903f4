"""What each latent segment says and prefers: the best message, data, channels.

- The best variant for a segment (stats.best_variant): the one most likely
  to be best on the primary outcome without being more intrusive than the
  control by the intrusiveness margin, named only when that probability is
  at least its threshold. Without an intrusiveness question no variant can
  be called best. Within subjects each person counts in every arm they
  rated (the pairing is not used: a conservative reading).
- Data-use acceptance per source, pooled over the messages that asked it.
- Per rank question: mean ranks, first choices and Plackett-Luce worths.
"""

import numpy as np

from sprintlab import stats
from sprintlab.content.data_sources import item_id
from sprintlab.content.outcomes import smallest_difference
from sprintlab.reporting.data_use import share
from sprintlab.reporting.evidence import scale_points
from sprintlab.reporting.rankings import rankings_of
from sprintlab.reporting.verdicts import verdict_family

NO_INTRUSIVENESS = (
    "the study asks no intrusiveness question: no variant can be called best"
    " without knowing it is not more intrusive"
)


def variant_ids(study):
    """The control first, then the other variants in file order."""
    return [study.control] + [v.id for v in study.variants if v.id != study.control]


def _counts(evidence, question, variant_id, members):
    points = np.array(scale_points(question.type), dtype=float)
    values = evidence.numeric(question.id, variant_id, members)
    values = values[~np.isnan(values)]
    return np.bincount(np.searchsorted(points, values), minlength=points.size)


def best_for(study, evidence, members, seed=0):
    """stats.BestVariant for the people in MEMBERS (arms in variant_ids order)."""
    family = verdict_family(study)
    helpful, intrusive = family.helpfulness, family.intrusiveness
    if intrusive is None or helpful.type not in ("likert7", "yes_no"):
        return stats.BestVariant(None, None, (), (), stats.BEST_THRESHOLD,
                                 NO_INTRUSIVENESS)  # fmt: skip
    ids = variant_ids(study)
    return stats.best_variant(
        [_counts(evidence, helpful, vid, members) for vid in ids],
        [_counts(evidence, intrusive, vid, members) for vid in ids],
        helpful_points=scale_points(helpful.type),
        intrusive_points=scale_points(intrusive.type),
        margin=smallest_difference(intrusive),
        control=0,
        higher_is_helpful=helpful.better != "lower",
        lower_is_less_intrusive=intrusive.better == "lower",
        seed=seed,
    )


def data_use_for(study, evidence, members):
    """[(question, source, Share)] of the people in MEMBERS, over every message."""
    found = []
    for question in study.data_use_questions:
        prefix = item_id(question.id, "")
        sources = dict.fromkeys(
            stored[len(prefix) :]
            for stored, _ in evidence.columns
            if stored.startswith(prefix)
        )
        for source in sources:
            values = [
                evidence.numeric(item_id(question.id, source), v.id, members)
                for v in study.variants
            ]
            found.append((question.id, source, share(np.concatenate(values))))
    return tuple(found)


def rankings_for(study, evidence, members, seed=0):
    """[(question, option ids, stats.RankSummary)] of the people in MEMBERS."""
    found = []
    for question in study.rank_questions:
        _, rankings = rankings_of(evidence, question, set(members))
        options = tuple(option.id for option in question.options)
        summary = stats.summarise_rankings(rankings, len(options), seed=seed,
                                           model=rankings.shape[0] >= 2)  # fmt: skip
        found.append((question.id, options, summary))
    return tuple(found)
