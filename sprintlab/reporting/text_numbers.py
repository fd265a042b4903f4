"""Numbers as the plain-text reports write them: signed, p-values, levels."""

import math


def signed(value, digits=2):
    """VALUE with its sign ('+0.42'), or '–' where it is missing or not finite."""
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:+.{digits}f}"


def p_text(value):
    """'= 0.123' or '< 0.001', to follow a 'p'; '= –' where there is none."""
    if value is None or not math.isfinite(value):
        return "= –"
    return "< 0.001" if value < 0.001 else f"= {value:.3f}"


def level_text(confidence):
    """A confidence level as a percentage ('95%', '99.69%')."""
    return f"{100 * confidence:.4g}%"
