"""Rank questions (channels, senders): what people prefer, overall and per group.

Each rank segment question: mean ranks and first-choice shares with
bootstrap intervals and Plackett-Luce worths with Wald intervals
(stats.summarise_rankings), for everyone who ranked; then mean ranks and
first choices per group of each tested segment question (no model fit per
group: groups are small, and `sprintlab segment` fits one per latent
segment). Exploratory: no verdict rests on them.
"""

from dataclasses import dataclass

import numpy as np

from sprintlab import stats
from sprintlab.reporting.segments import segment_levels
from sprintlab.stats.rankings import GROUP_BOOTSTRAP


@dataclass(frozen=True)
class RankingReport:
    """One rank question: its options, the overall summary, and per group."""

    question: object
    options: tuple  # option ids, in the study's order
    overall: object  # stats.RankSummary
    segments: tuple  # (segment question, level, stats.RankSummary)


def rankings_of(evidence, question, people=None):
    """(participants, (n, k) option-index rankings) of QUESTION's complete answers.

    PEOPLE, when given, keeps only those participants. An answer naming an
    option the question no longer has, or not naming all, is left out.
    """
    options = [option.id for option in question.options]
    index = {option: n for n, option in enumerate(options)}
    found, rows = [], []
    for participant, value in evidence.segments.get(question.id, {}).items():
        if people is not None and participant not in people:
            continue
        order = (value or "").split(",")
        if sorted(order) == sorted(options):
            found.append(participant)
            rows.append([index[option] for option in order])
    shape = (len(rows), len(options))
    return found, np.array(rows, dtype=np.int64).reshape(shape)


def ranking_report(study, evidence, question, seed=0):
    """The RankingReport of one rank QUESTION."""
    people, rankings = rankings_of(evidence, question)
    k = len(question.options)
    overall = stats.summarise_rankings(rankings, k, seed=seed)
    groups = []
    for segment in study.tested_segments:
        answers = evidence.segments.get(segment.id, {})
        for level, _ in segment_levels(segment):
            rows = [n for n, p in enumerate(people) if answers.get(p) == level]
            summary = stats.summarise_rankings(
                rankings[rows], k, seed=seed, model=False, resamples=GROUP_BOOTSTRAP
            )
            groups.append((segment.id, level, summary))
    options = tuple(option.id for option in question.options)
    return RankingReport(question, options, overall, tuple(groups))


def ranking_reports(study, evidence, seed=0):
    """A RankingReport per rank segment question of STUDY."""
    return tuple(
        ranking_report(study, evidence, question, seed)
        for question in study.rank_questions
    )
