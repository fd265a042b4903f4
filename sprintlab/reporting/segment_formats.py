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
    named = best_variant_id(study, best)
    if named:
        p = best.probabilities[best.variant]
        return f"{study.variant(named).label[language]} (P(best) = {p:.2f})"
    if best.candidate is None:
        return f"none ({best.note})"
    candidate = variant_ids(study)[best.candidate]
    p = best.probabilities[best.candidate]
    return (
        f"none is clearly best; most likely {study.variant(candidate).label[language]}"
        f" (P(best) = {p:.2f}, needs {best.threshold:g})"
    )


def segmentation_text(segmentation, language="en"):
    """The segmentation in words, for a terminal (profiles in LANGUAGE)."""
    study, lines = segmentation.study, []
    _wrap(lines, f"Segments of {study.id}: {segmentation.k} ({segmentation.chosen_by})")
    _wrap(
        lines,
        f"{segmentation.classified} of {segmentation.completed} completed"
        f" respondents classified; stability {_fmt(segmentation.stability)}"
        f" ({segmentation.stability_method})",
    )
    _wrap(lines, segmentation.method)
    if segmentation.note:
        _wrap(lines, segmentation.note)
    if segmentation.candidates:
        lines += ["", "   k   log L        parameters   BIC          smallest"]
        for fit in segmentation.candidates:
            mark = "  <- chosen" if fit.k == segmentation.k else ""
            row = f"  {fit.k:2d}   {fit.log_likelihood:11.1f}  {fit.n_parameters:5d}"
            row += f"        {fit.bic:11.1f}  {fit.smallest_share:6.1%}{mark}"
            lines.append(row)
    _wrap(lines, "")
    _wrap(lines, "Best variant per segment: " + best_rule(study))
    for segment in segmentation.segments:
        lines.append("")
        share = segment.size / segmentation.completed if segmentation.completed else 0
        _wrap(
            lines,
            f"Segment {segment.id}: {segment.size} people ({share:.0%}),"
            f" stability {_fmt(segment.stability)}: {segment.words[language]}",
        )
        _wrap(lines, "best message: " + _best_words(study, segment.best, language), 2)
        for row in segment.profile:
            if row.leans or (row.answer and (row.difference or 0) >= 0.2):
                _wrap(
                    lines,
                    f"{row.question}: {_fmt(row.segment)} against"
                    f" {_fmt(row.overall)} for everyone (d = {_fmt(row.difference)})",
                    4,
                )
    return "\n".join(lines) + "\n"
