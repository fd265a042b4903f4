"""A segmentation as JSON and as text: stable keys, documented in the README."""

import json
import math
import textwrap

from sprintlab import stats
from sprintlab.content.outcomes import smallest_difference, verdict_questions
from sprintlab.reporting.latent_words import WORDS
from sprintlab.reporting.note_words import note_text
from sprintlab.reporting.segment_outcomes import variant_ids
from sprintlab.reporting.segmentation import MIN_SHARE, best_variant_id
from sprintlab.reporting.survey_json import rank_summary_json, share_json

WIDTH = 100


def _num(value, digits=None):
    if value is None or not math.isfinite(float(value)):
        return None
    return round(float(value), digits) if digits else float(value)


def _profile_json(row):
    return {
        "question": row.question,
        "segment": _num(row.segment),
        "overall": _num(row.overall),
        "difference": _num(row.difference),
        "leans": row.leans,
        "answer": row.answer,
    }


def best_json(study, best):
    """The best variant (or null), its candidate and every probability."""
    ids = variant_ids(study)
    named = best_variant_id(study, best)
    probability = best.probabilities[best.variant] if named else None
    candidate = ids[best.candidate] if best.candidate is not None else None
    return {
        "best_variant": None
        if named is None
        else {"variant": named, "probability": _num(probability)},
        "best_candidate": None
        if candidate is None
        else {
            "variant": candidate,
            "probability": _num(best.probabilities[best.candidate]),
        },
        "best_probabilities": dict(
            zip(ids, map(_num, best.probabilities), strict=False)
        ),
        "best_note": best.note,
    }


def _segment_json(study, segment, completed):
    return {
        "id": segment.id,
        "size": segment.size,
        "share": _num(segment.size / completed) if completed else None,
        "stability": _num(segment.stability),
        "profile": {
            "words": segment.words,
            "table": [_profile_json(row) for row in segment.profile],
        },
        **best_json(study, segment.best),
        "data_use": [
            {"question": question, "source": source} | share_json(found)
            for question, source, found in segment.data_use
        ],
        "rankings": [
            {"question": question} | rank_summary_json(options, summary)
            for question, options, summary in segment.rankings
        ],
    }


def best_rule(study, language="en"):
    """The rule behind best_variant, in words (in LANGUAGE)."""
    words = WORDS[language]
    helpful, intrusive = verdict_questions(study)
    if intrusive is None:
        return words["no_rule"]
    return words["best_rule"].format(
        outcome=helpful.id,
        margin=f"{smallest_difference(intrusive):g}",
        intrusive=intrusive.id,
        threshold=f"{stats.BEST_THRESHOLD:g}",
    )


def k_rule(language="en"):
    """The rule that chooses the number of segments, in words (in LANGUAGE)."""
    return WORDS[language]["k_rule"].format(share=f"{MIN_SHARE:.0%}")


def said(segmentation_data, study, language="en"):
    """The rules, the method and the note of a segmentation's JSON, in LANGUAGE."""
    return {
        "k_rule": k_rule(language),
        "method": WORDS[language]["method"].format(starts=stats.latent_class.N_INIT),
        "note": note_text(segmentation_data.get("note") or "", language),
        "best_rule": best_rule(study, language),
    }


def segmentation_json(segmentation, preregistration=None):
    """The segmentation as JSON-ready data."""
    study = segmentation.study
    return {
        "study": {"id": study.id, "version": study.version, "hash": study.hash},
        "method": segmentation.method,
        "k": segmentation.k,
        "k_chosen_by": segmentation.chosen_by,
        "k_rule": k_rule(),
        "candidates": [
            {
                "k": fit.k,
                "log_likelihood": _num(fit.log_likelihood),
                "n_parameters": fit.n_parameters,
                "bic": _num(fit.bic),
                "smallest_share": _num(fit.smallest_share),
                "chosen": fit.k == segmentation.k,
            }
            for fit in segmentation.candidates
        ],
        "seed": segmentation.seed,
        "stability": _num(segmentation.stability),
        "stability_method": segmentation.stability_method,
        "respondents": {
            "completed": segmentation.completed,
            "classified": segmentation.classified,
            "coverage": _num(segmentation.classified / segmentation.completed)
            if segmentation.completed
            else None,
        },
        "indicators": [found.as_json() for found in segmentation.indicators],
        "best_variant_rule": best_rule(study),
        "segments": [
            _segment_json(study, segment, segmentation.completed)
            for segment in segmentation.segments
        ],
        "note": segmentation.note,
        "saved_at": segmentation.saved_at,
        "exploratory": True,
        "preregistration": preregistration,
    }


def dumps(segmentation, preregistration=None):
    """The segmentation as JSON text."""
    data = segmentation_json(segmentation, preregistration)
    return json.dumps(data, indent=2, ensure_ascii=False)


def _wrap(lines, text, indent=0):
    lines += textwrap.wrap(
        text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * (indent + 4)
    ) or [""]


def _fmt(value, digits=2):
    return "–" if value is None or not math.isfinite(value) else f"{value:.{digits}f}"


def _best_words(study, best, language):
    words = WORDS[language]
    named = best_variant_id(study, best)
    if named:
        p = best.probabilities[best.variant]
        label = study.variant(named).label[language]
        return words["text_named"].format(label=label, p=f"{p:.2f}")
    if best.candidate is None:
        return words["text_none"].format(why=note_text(best.note, language))
    candidate = variant_ids(study)[best.candidate]
    return words["text_candidate"].format(
        label=study.variant(candidate).label[language],
        p=f"{best.probabilities[best.candidate]:.2f}",
        threshold=f"{best.threshold:g}",
    )


def segmentation_text(segmentation, language="en"):
    """The segmentation in words, for a terminal, in LANGUAGE."""
    study, lines, words = segmentation.study, [], WORDS[language]
    chosen = words[f"chosen_{segmentation.chosen_by}"]
    _wrap(lines, words["text_heading"].format(
        id=study.id, k=segmentation.k, chosen=chosen
    ))  # fmt: skip
    _wrap(lines, words["text_classified"].format(
        classified=segmentation.classified, completed=segmentation.completed,
        stability=_fmt(segmentation.stability),
        method=note_text(segmentation.stability_method, language),
    ))  # fmt: skip
    _wrap(lines, words["method"].format(starts=stats.latent_class.N_INIT))
    if segmentation.note:
        _wrap(lines, note_text(segmentation.note, language))
    if segmentation.candidates:
        lines += ["", words["text_candidates"]]
        for fit in segmentation.candidates:
            mark = words["text_chosen"] if fit.k == segmentation.k else ""
            row = f"  {fit.k:2d}   {fit.log_likelihood:11.1f}  {fit.n_parameters:5d}"
            row += f"        {fit.bic:11.1f}  {fit.smallest_share:6.1%}{mark}"
            lines.append(row)
    _wrap(lines, "")
    _wrap(lines, words["text_best_rule"].format(rule=best_rule(study, language)))
    for segment in segmentation.segments:
        _segment_lines(lines, segmentation, segment, language)
    return "\n".join(lines) + "\n"


def _segment_lines(lines, segmentation, segment, language):
    """One segment: its size, stability, words, best message and profile."""
    words, study = WORDS[language], segmentation.study
    lines.append("")
    share = segment.size / segmentation.completed if segmentation.completed else 0
    _wrap(lines, words["text_segment"].format(
        id=segment.id, size=segment.size, share=f"{share:.0%}",
        stability=_fmt(segment.stability), words=segment.words[language],
    ))  # fmt: skip
    best = _best_words(study, segment.best, language)
    _wrap(lines, words["text_best"].format(best=best), 2)
    for row in segment.profile:
        if row.leans or (row.answer and (row.difference or 0) >= 0.2):
            _wrap(lines, words["text_row"].format(
                question=row.question, segment=_fmt(row.segment),
                overall=_fmt(row.overall), d=_fmt(row.difference),
            ), 4)  # fmt: skip
