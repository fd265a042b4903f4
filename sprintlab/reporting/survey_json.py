"""The survey parts of a report as JSON: data use, rankings, the pre-registration.

Keys are stable and documented in the README, beside the rest of the
report's (formats.py). Numbers undefined for the data are null, never NaN.
"""

import math

from sprintlab.content.data_sources import label
from sprintlab.reporting.data_use import METHOD as DATA_USE_METHOD


def json_number(value):
    """VALUE as a JSON number, or None where it is missing, NaN or infinite."""
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def json_pair(values):
    """An interval as two JSON numbers (see json_number), or None."""
    return None if values is None else [json_number(v) for v in values]


def share_json(share):
    """One group's acceptance of a data source."""
    return {
        "yes": share.yes,
        "no": share.no,
        "dont_know": share.dont_know,
        "answered": share.answered,
        "rate": json_number(share.rate),
        "interval": json_pair(share.interval),
    }


def _telling_json(telling):
    if telling is None:
        return None
    return {
        "told": share_json(telling.told),
        "not_told": share_json(telling.not_told),
        "difference": json_number(telling.difference.estimate),
        "interval": [
            json_number(telling.difference.ci_low),
            json_number(telling.difference.ci_high),
        ],
        "test": telling.test.test,
        "p_value": json_number(telling.test.p_value),
        "p_adjusted": json_number(telling.p_adjusted),
    }


def _source_json(source):
    return {
        "source": source.source,
        "label": {
            language: label(source.source, language) for language in ("nl", "en")
        },
        "overall": share_json(source.overall),
        "variants": [
            {"variant": variant, "told": variant in source.told_variants}
            | share_json(share)
            for variant, share in source.variants.items()
        ],
        "told": _telling_json(source.telling),
        "segments": [
            {"segment": segment, "level": level} | share_json(share)
            for segment, level, share in source.segments
        ],
    }


def data_use_json(report):
    """The `data_use` key: per data_use question, each source it asked about."""
    questions = {}
    for source in report.data_use:
        questions.setdefault(source.question, []).append(_source_json(source))
    return {
        "questions": [
            {
                "question": question_id,
                "text": report.study.question(question_id).text,
                "variants": [
                    v.id
                    for v in report.study.variants
                    if any(
                        v.id == row["variant"] for s in sources for row in s["variants"]
                    )
                ],
                "sources": sources,
            }
            for question_id, sources in questions.items()
        ],
        "method": DATA_USE_METHOD,
        "exploratory": True,
    }


def rank_summary_json(options, summary):
    """Per option: mean rank, first-choice share and worth, with intervals."""
    return {
        "n": summary.n,
        "options": [
            {
                "option": option,
                "mean_rank": json_number(summary.mean_rank[n]),
                "mean_rank_ci": json_pair(summary.mean_rank_ci[n]),
                "first_share": json_number(summary.first_share[n]),
                "first_share_ci": json_pair(summary.first_share_ci[n]),
                "worth": json_number(summary.worth[n]),
                "worth_ci": json_pair(summary.worth_ci[n]),
            }
            for n, option in enumerate(options)
        ],
        "method": summary.method,
        "note": summary.note,
    }


def rankings_json(report):
    """The `rankings` key: per rank question, overall and per segment group."""
    return [
        {
            "question": ranking.question.id,
            "options": list(ranking.options),
            "overall": rank_summary_json(ranking.options, ranking.overall),
            "segments": [
                {"segment": segment, "level": level}
                | rank_summary_json(ranking.options, summary)
                for segment, level, summary in ranking.segments
            ],
            "exploratory": True,
        }
        for ranking in report.rankings
    ]


def preregistration_json(status):
    """The `preregistration` key; None when the study was not pre-registered."""
    if status is None:
        return None
    return {
        "hash": status.hash,
        "registered_at": status.registered_at,
        "late": status.late,
        "participants_before": status.participants_before,
        "sprintlab_version": status.plan.get("sprintlab_version"),
        "deviations": [
            {"kind": deviation.kind, "text": deviation.text}
            for deviation in status.deviations
        ],
        "exploratory": [analysis.text for analysis in status.exploratory],
        "plan": status.plan,
    }
