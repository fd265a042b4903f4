"""A study report as JSON (stable keys, documented in the README) or as text."""

import json
import math


def _num(value):
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else value


def _pair(values):
    return None if values is None else [_num(v) for v in values]


def comparison_json(control, variant, c):
    """One variant-versus-control comparison."""
    return {
        "control": control,
        "variant": variant,
        "test": c.test,
        "method": c.method,
        "statistic": _num(c.statistic),
        "p_value": _num(c.p_value),
        "p_adjusted": _num(c.p_adjusted),
        "estimate_name": c.estimate_name,
        "estimate": _num(c.estimate),
        "estimate_ci": [_num(c.ci_low), _num(c.ci_high)],
        "effect_name": c.effect_name,
        "effect": _num(c.effect),
        "effect_ci": _pair(c.effect_ci),
        "mean_difference": _num(c.mean_difference),
        "mean_difference_ci": _pair(c.mean_difference_ci),
        "prob_better": _num(c.prob_better),
        "n_control": c.n_control,
        "n_variant": c.n_variant,
        "min_p_value": _num(c.min_p_value),
        "note": c.note,
    }


def _summary_json(s):
    return {
        "variant": s.variant,
        "n": s.n,
        "dont_know": s.dont_know,
        "distribution": {str(k): v for k, v in s.distribution.items()},
        "mean": _num(s.mean),
        "mean_ci": _pair(s.mean_ci),
        "median": _num(s.median),
        "sd": _num(s.sd),
    }


def _question_json(q):
    omnibus = q.omnibus
    association = q.association
    return {
        "id": q.question.id,
        "type": q.question.type,
        "better": q.question.better,
        "note": q.note,
        "variants": [_summary_json(s) for s in q.summaries],
        "omnibus": None
        if omnibus is None
        else {
            "test": omnibus.test,
            "statistic": _num(omnibus.statistic),
            "df": omnibus.df,
            "p_value": _num(omnibus.p_value),
            "effect_name": omnibus.effect_name,
            "effect": _num(omnibus.effect),
        },
        "comparisons": [
            comparison_json(control, variant, c)
            for (control, variant), c in q.comparisons.items()
        ],
        "association": None
        if association is None
        else {
            "test": association.test,
            "statistic": _num(association.statistic),
            "p_value": _num(association.p_value),
            "cramers_v": _num(association.cramers_v),
        },
    }


def _segment_json(s):
    interaction, per_segment = [], []
    for variant, analysis in s.analyses.items():
        if isinstance(analysis, str):
            interaction.append({"variant": variant, "note": analysis})
            continue
        interaction.append(
            {
                "variant": variant,
                "test": analysis.interaction.test,
                "statistic": _num(analysis.interaction.statistic),
                "p_value": _num(analysis.interaction.p_value),
                "p_adjusted": _num(s.interaction_p_adjusted.get(variant)),
                "note": analysis.note,
            }
        )
        for level, c in zip(analysis.segments, analysis.comparisons, strict=True):
            per_segment.append(
                {"variant": variant, "level": str(level)}
                | comparison_json(None, variant, c)
            )
    return {
        "segment": s.segment.id,
        "outcome": s.outcome.id,
        "levels": [level for level, _ in s.levels],
        "means": [
            {"variant": v, "level": level} | _summary_json(summary)
            for (v, level), summary in s.means.items()
        ],
        "interaction": interaction,
        "per_segment": per_segment,
        "small": [list(pair) for pair in s.small],
    }


def _balance_json(check):
    if check is None:
        return None
    return {
        "test": check.test,
        "statistic": _num(check.statistic),
        "p_value": _num(check.p_value),
        "mismatch": bool(check.mismatch),
        "observed": list(check.observed),
    }


def report_json(report):
    """The report as plain JSON-ready data; NaN and infinity become null."""
    study = report.study
    return {
        "study": {
            "id": study.id,
            "version": study.version,
            "hash": study.hash,
            "design": study.design,
            "control": study.control,
            "primary_outcome": study.primary_outcome,
        },
        "participants": report.participants,
        "completed": report.completed,
        "excluded_speeders": report.excluded_speeders,
        "allocation": {
            "started": report.started_per_variant,
            "answered": report.answered_per_variant,
            "sample_ratio": _balance_json(
                report.balance if report.study.design == "between" else None
            ),
            "order_balance": _balance_json(
                report.balance if report.study.design == "within" else None
            ),
            "attrition": _balance_json(report.attrition),
        },
        "questions": [_question_json(q) for q in report.questions],
        "segments": [_segment_json(s) for s in report.segments],
        "first_exposure": [
            comparison_json(control, variant, c)
            for (control, variant), c in report.first_exposure.items()
        ],
        "verdicts": {
            variant: {
                "text": v.text,
                "helpfulness": v.helpfulness,
                "intrusiveness": v.intrusiveness,
                "more_needed": v.more_needed,
            }
            for variant, v in report.verdicts.items()
        },
    }


def dumps(report):
    """The report as JSON text."""
    return json.dumps(report_json(report), indent=2, ensure_ascii=False)


def _fmt(value, digits=2):
    return "–" if value is None or value != value else f"{value:.{digits}f}"


def report_text(report):
    """The report as plain text for a terminal."""
    study = report.study
    lines = [
        f"{study.title['en']} ({study.id}, {study.design} subjects)",
        f"participants: {report.participants}, completed: {report.completed}"
        + (" (speeders excluded)" if report.excluded_speeders else ""),
    ]
    if report.balance:
        flag = "MISMATCH" if report.balance.mismatch else "ok"
        lines.append(f"sample ratio: p = {report.balance.p_value:.4g} ({flag})")
    lines.append("")
    lines.append("Verdicts")
    for variant, verdict in report.verdicts.items():
        lines.append(f"  {variant}: {verdict.text}")
    for q in report.questions:
        lines += ["", f"{q.question.id} ({q.question.type}, better: "
                  f"{q.question.better or '-'})"]  # fmt: skip
        if q.note:
            lines.append(f"  {q.note}")
        for s in q.summaries:
            lines.append(
                f"  {s.variant:<16} n={s.n:<5} mean={_fmt(s.mean)} "
                f"median={_fmt(s.median, 1)} sd={_fmt(s.sd)} don't know={s.dont_know}"
            )
        if q.omnibus:
            o = q.omnibus
            lines.append(f"  {o.test}: {_fmt(o.statistic)}, p = {o.p_value:.4g}, "
                         f"{o.effect_name} = {_fmt(o.effect, 3)}")  # fmt: skip
        for (control, variant), c in q.comparisons.items():
            p_adj = _fmt(c.p_adjusted, 4)
            lines.append(
                f"  {variant} vs {control}: {c.effect_name} {_fmt(c.effect)} "
                f"[{_fmt(c.effect_ci[0])}, {_fmt(c.effect_ci[1])}], "
                f"p = {c.p_value:.4g}, Holm p = {p_adj}, "
                f"P(better) = {_fmt(c.prob_better)}"
            )
    return "\n".join(lines) + "\n"
