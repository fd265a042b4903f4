"""`sprintlab segment`: latent segments of respondents, and what works for each.

The respondents are the study's completed participants; each is coded on
the study's indicators (indicators.py) and a latent class model is fitted
(stats.choose_k / fit_latent_classes, StepMix). With k "auto" every k from 1
to 8 (as far as there are MIN_PER_SEGMENT respondents per segment) is
fitted, and the lowest BIC among those whose smallest segment holds at least
MIN_SHARE of the respondents is chosen: the table shows every candidate.
Each respondent joins their most likely segment. Per segment: its size, a
profile against everyone (segment_profiles.py), stability (bootstrap
refits), the best variant, data-use acceptance and channel rankings
(segment_outcomes.py). A fitted model can be saved; a saved model
classifies everyone, also people who arrived after it was fitted, without
refitting. The same seed gives the same segments.
"""

import json
from dataclasses import dataclass

import numpy as np

from sprintlab import stats
from sprintlab.reporting.indicators import Indicator, code_matrix, indicators_of
from sprintlab.reporting.latent_words import WORDS
from sprintlab.reporting.segment_outcomes import (
    best_for,
    data_use_for,
    rankings_for,
    variant_ids,
)
from sprintlab.reporting.segment_profiles import profile_rows, profile_words

MIN_PER_SEGMENT = 20
MIN_SHARE = 0.05
MOST_SEGMENTS = 8
METHOD = WORDS["en"]["method"]


class SegmentationError(ValueError):
    """A segmentation that cannot be made: the message says why, in one line."""


@dataclass(frozen=True)
class Segment:
    """One latent segment and what is known about its people."""

    id: int
    members: tuple
    stability: float | None  # mean Jaccard of its best match in bootstrap refits
    profile: tuple  # ProfileRow per indicator
    words: dict  # language -> the profile in a few words
    best: object  # stats.BestVariant, arms in variant_ids order
    data_use: tuple  # (question, source, Share)
    rankings: tuple  # (question, option ids, RankSummary)

    @property
    def size(self):
        """How many respondents it holds."""
        return len(self.members)


@dataclass(frozen=True)
class Segmentation:
    """The segments of a study's respondents, and how they were found."""

    study: object
    k: int
    chosen_by: str  # "BIC", "given" (--k) or "saved model"
    candidates: tuple  # stats.LatentClassFit per k fitted (empty for a saved one)
    stability: float | None
    stability_method: str
    completed: int
    segments: tuple
    indicators: tuple
    seed: int
    method: str
    note: str = ""
    model: dict | None = None  # what --save stores
    saved_at: str | None = None

    @property
    def classified(self):
        """Respondents in a segment."""
        return sum(segment.size for segment in self.segments)


def respondents(evidence):
    """The completed participants, in id order."""
    return sorted({row[0] for row in evidence.assignments if row[4]})


def _answered(codes):
    return ~np.isnan(codes).all(axis=1)


def _coded(study, evidence, indicators):
    people = respondents(evidence)
    codes = code_matrix(evidence, indicators, people)
    keep = _answered(codes)
    return [p for p, k in zip(people, keep, strict=True) if k], codes[keep], people


def _candidates(n, k):
    """The ks to fit; SegmentationError when there are too few respondents."""
    if k != "auto":
        if not 2 <= k <= MOST_SEGMENTS:
            raise SegmentationError(f"--k must be between 2 and {MOST_SEGMENTS}")
        if n < MIN_PER_SEGMENT * k:
            raise SegmentationError(
                f"too few respondents for {k} segments: {n} answered segment"
                f" questions; {MIN_PER_SEGMENT * k} are needed ({MIN_PER_SEGMENT}"
                " per segment)"
            )
        return [k]
    most = min(MOST_SEGMENTS, n // MIN_PER_SEGMENT)
    if most < 2:
        raise SegmentationError(
            f"too few respondents to find segments: {n} answered segment questions;"
            f" at least {2 * MIN_PER_SEGMENT} are needed"
        )
    return list(range(1, most + 1))


def _segments(study, evidence, people, labels, k, jaccard, seed):
    found = []
    everyone = list(people)
    for c in range(k):
        members = tuple(
            p for p, label in zip(people, labels, strict=True) if label == c
        )
        rows = profile_rows(study, evidence, members, everyone)
        found.append(Segment(
            id=c + 1, members=members,
            stability=None if jaccard is None else float(jaccard[c]),
            profile=rows,
            words={lang: profile_words(study, rows, lang) for lang in ("en", "nl")},
            best=best_for(study, evidence, members, seed),
            data_use=data_use_for(study, evidence, members),
            rankings=rankings_for(study, evidence, members, seed),
        ))  # fmt: skip
    return tuple(found)


def _check_study(study):
    if not study.indicators:
        raise SegmentationError(
            f"{study.id} has no segment questions to find segments from: add"
            " likert7, yes_no or choice [[segments]] questions"
        )


def segment_study(study, evidence, k="auto", seed=0, resamples=None):
    """Find the segments of STUDY's respondents (see the module docstring).

    K is "auto" or a number from 2 to 8; RESAMPLES the bootstrap refits for
    stability (default: stats' own). SegmentationError for bad input.
    """
    _check_study(study)
    indicators = indicators_of(study)
    people, codes, completed = _coded(study, evidence, indicators)
    levels = [found.levels for found in indicators]
    ks = _candidates(len(people), k)
    selection = None
    if len(ks) == 1:
        fits = (stats.fit_latent_classes(codes, levels, ks[0], seed=seed),)
        chosen, note = fits[0], ""
    else:
        try:
            selection = stats.choose_k(
                codes, levels, ks, seed=seed, min_share=MIN_SHARE
            )
        except ValueError as error:
            raise SegmentationError(str(error)) from None
        fits, chosen, note = selection.fits, selection.fit(), selection.note
    options = {} if resamples is None else {"resamples": resamples}
    stable = stats.stability(codes, levels, chosen, seed=seed, **options)
    labels = stats.classify(chosen.parameters, levels, codes).argmax(axis=1)
    model = _model(study, indicators, chosen, stable, seed)
    return Segmentation(
        study=study, k=chosen.k, chosen_by="BIC" if selection else "given",
        candidates=fits, stability=stable.adjusted_rand,
        stability_method=stable.method, completed=len(completed),
        segments=_segments(study, evidence, people, labels, chosen.k,
                           stable.jaccard, seed),
        indicators=indicators, seed=seed,
        method=METHOD.format(starts=stats.latent_class.N_INIT),
        note=note, model=model,
    )  # fmt: skip


def _model(study, indicators, fit, stable, seed):
    return {
        "study": study.id,
        "study_hash": study.hash,
        "k": fit.k,
        "indicators": [found.as_json() for found in indicators],
        "parameters": fit.parameters,
        "fitted_n": fit.n,
        "bic": fit.bic,
        "seed": seed,
        "stability": stable.adjusted_rand,
        "jaccard": list(stable.jaccard),
        "stability_method": stable.method,
    }


def from_saved(study, evidence, row):
    """Classify every respondent with a saved model (its ROW), without refitting."""
    _check_study(study)
    model = json.loads(row["model"])
    indicators = tuple(Indicator.from_json(found) for found in model["indicators"])
    people, codes, completed = _coded(study, evidence, indicators)
    if not people:
        raise SegmentationError(f"{study.id} has no respondents with segment answers")
    levels = [found.levels for found in indicators]
    labels = stats.classify(model["parameters"], levels, codes).argmax(axis=1)
    note = (
        f"classified with the model saved on {row['saved_at'][:16].replace('T', ' ')}"
        f" UTC (fitted on"
        f" {model['fitted_n']} respondents; {len(people)} classified now)"
    )
    return Segmentation(
        study=study, k=model["k"], chosen_by="saved model", candidates=(),
        stability=model["stability"], stability_method=model["stability_method"],
        completed=len(completed),
        segments=_segments(study, evidence, people, labels, model["k"],
                           model["jaccard"], model["seed"]),
        indicators=indicators, seed=model["seed"],
        method=METHOD.format(starts=stats.latent_class.N_INIT),
        note=note, model=model, saved_at=row["saved_at"],
    )  # fmt: skip


def best_variant_id(study, best):
    """The variant id the rule names (None when none is clearly best)."""
    return None if best.variant is None else variant_ids(study)[best.variant]
