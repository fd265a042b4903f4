"""What the team decides per variant after the test day: keep, change or drop.

Every decision is kept with when it was made; the latest per variant holds.
A reason is free text, cleaned and scrubbed as notes are.
"""

from dataclasses import dataclass

from sprintlab import db as store
from sprintlab.testday.notes import clean_note_text

DECISIONS = ("keep", "change", "drop")


@dataclass(frozen=True)
class Decision:
    """The team's decision about one variant, and why."""

    variant_id: str
    decision: str
    reason: str
    decided_by_role: str
    decided_at: str


class BadDecision(ValueError):
    """A decision form no honest page sends (an unknown decision)."""


def decision_field(variant_id):
    """The form field that carries a variant's decision."""
    return f"decision-{variant_id}"


def reason_field(variant_id):
    """The form field that carries the reason for a variant's decision."""
    return f"reason-{variant_id}"


def parse_decisions(form, study):
    """([(variant id, decision, reason)], errors by field) from a decide form."""
    chosen, errors = [], {}
    for variant in study.variants:
        decision = (form.get(decision_field(variant.id)) or "").strip()
        raw_reason = form.get(reason_field(variant.id)) or ""
        if decision and decision not in DECISIONS:
            raise BadDecision(f"{decision[:20]!r} is not keep, change or drop")
        reason, error = clean_note_text(raw_reason)
        if error == "required":
            reason, error = "", None
        if error:
            errors[reason_field(variant.id)] = error
        elif not decision and reason:
            errors[decision_field(variant.id)] = "decision"
        elif decision:
            chosen.append((variant.id, decision, reason))
    if not chosen and not errors:
        errors["decisions"] = "none"
    return chosen, errors


def record_decisions(db, study, form, role):
    """Record the decisions in FORM; the errors (empty when recorded)."""
    chosen, errors = parse_decisions(form, study)
    if errors:
        return errors
    form_key = (form.get("form_key") or "")[:64] or None
    at = store.now()
    rows = [(study.id, *decision, role, form_key, at) for decision in chosen]
    store.insert_decisions(db, rows)
    return {}


def decision_history(db, study_id):
    """Every decision recorded for a study, oldest first."""
    return [Decision(**row) for row in store.decisions_of_study(db, study_id)]


def latest_decisions(history):
    """The decision that holds per variant: the latest in HISTORY."""
    return {d.variant_id: d for d in history}
