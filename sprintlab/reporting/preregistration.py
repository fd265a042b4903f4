"""Pre-registration: the analysis plan, frozen before the first participant.

`sprintlab preregister` stores the plan a study's file and templates decide
(the primary outcome and the intrusiveness outcome with their margins, the
planned n, alpha and the verdict family, the segment questions to test, the
segmentation's indicators, the data-use and rank questions), the hashes of
the study and of every template, and the sprintlab version, as canonical
JSON with its content hash. Registering once data have arrived is refused
unless asked for as late, which is then shown.

Every report then says "pre-registered on DATE, hash …" and lists each
deviation: the study file or a template changed (and which planned element),
participants took part under another version, the planned n was not reached,
an outcome was added or removed, another sprintlab version analysed it. An
analysis outside the plan (an added outcome, a segment question added to the
tests, changed verdict outcomes) is marked exploratory.
"""

import json
from dataclasses import dataclass
from importlib import metadata

from sprintlab import db as store
from sprintlab.content.outcomes import smallest_difference
from sprintlab.hashing import content_hash
from sprintlab.languages import LANGUAGES
from sprintlab.reporting.preregistration_words import deviation_text, outside_text
from sprintlab.reporting.segments import ALPHA as SEGMENT_ALPHA
from sprintlab.reporting.verdicts import planned_n_for, verdict_family

VERDICT_KEYS = ("primary_outcome", "intrusiveness_outcome", "alpha", "family")


class Refused(ValueError):
    """A registration that cannot be made (data arrived, or one exists)."""


@dataclass(frozen=True)
class Deviation:
    """One way the study or its data departed from the plan.

    Its words are WORDING (a key of preregistration_words.DEVIATIONS) filled
    with VALUES ((name, value) pairs), in the report's language.
    """

    kind: str  # late | study_changed | other_study_version | template_changed |
    #            n_not_reached | outcome_added | outcome_removed | software
    wording: str
    values: tuple = ()

    @property
    def text(self):
        """The deviation in English words (the JSON report's)."""
        return deviation_text(self, "en")


@dataclass(frozen=True)
class Outside:
    """An analysis outside the plan: WORDING (preregistration_words.OUTSIDE)."""

    wording: str
    values: tuple = ()

    @property
    def text(self):
        """The analysis in English words (the JSON report's)."""
        return outside_text(self, "en")


def _deviation(kind, wording=None, **values):
    return Deviation(kind, wording or kind, tuple(values.items()))


@dataclass(frozen=True)
class Status:
    """A study's pre-registration as a report shows it."""

    hash: str
    registered_at: str
    late: bool
    participants_before: int
    plan: dict
    deviations: tuple
    exploratory: tuple  # Outside: the analyses outside the plan
    added_questions: tuple = ()  # rated questions added after the registration


def sprintlab_version():
    """The installed sprintlab version."""
    return metadata.version("sprintlab")


def _outcome(question):
    if question is None:
        return None
    return {"question": question.id, "type": question.type, "better": question.better,
            "margin": smallest_difference(question)}  # fmt: skip


def analysis_plan(study):
    """The elements of the plan that the study file decides."""
    family = verdict_family(study)
    verdict_ids = {family.helpfulness.id} | (
        {family.intrusiveness.id} if family.intrusiveness else set()
    )
    return {
        "study": {"id": study.id, "version": study.version, "design": study.design,
                  "control": study.control,
                  "variants": [v.id for v in study.variants]},
        "primary_outcome": _outcome(family.helpfulness),
        "intrusiveness_outcome": _outcome(family.intrusiveness),
        "alpha": family.alpha,
        "family": {"size": family.size, "confidence": family.confidence,
                   "method": "simultaneous intervals at 1 - alpha/m (Bonferroni)"},
        "planned_n_per_variant": study.target_per_variant,
        "n_for_margins": planned_n_for(study, family),
        "secondary_outcomes": [q.id for q in study.rated_questions
                               if q.id not in verdict_ids],
        "segment_questions": [q.id for q in study.tested_segments],
        "segment_tests": {"alpha": SEGMENT_ALPHA,
                          "method": "Benjamini-Hochberg over every segment test"},
        "segmentation": {"indicators": [q.id for q in study.indicators],
                         "method": "latent class model, k by BIC among 2 to 8"},
        "data_use": [q.id for q in study.data_use_questions],
        "rankings": [q.id for q in study.rank_questions],
    }  # fmt: skip


def full_plan(study, content):
    """The plan to register: the study's, its file and template hashes, the version."""
    plan = analysis_plan(study)
    plan["study"]["hash"] = study.hash
    plan["templates"] = {
        variant.id: {
            language: content.template(variant.template, language).hash
            for language in LANGUAGES
        }
        for variant in study.variants
    }
    plan["sprintlab_version"] = sprintlab_version()
    return plan


def plan_hash(plan):
    """The content hash of PLAN's canonical JSON: the same plan, the same hash."""
    text = json.dumps(plan, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return content_hash(text)


def preregister(db, study, content, late=False, now=None):
    """Freeze STUDY's plan in DB; Refused when one exists or data came (not LATE).

    The check and the write are one transaction: a participant cannot slip
    in between.
    """
    plan = full_plan(study, content)
    row = {"study_id": study.id, "hash": plan_hash(plan),
           "plan": json.dumps(plan, sort_keys=True, ensure_ascii=False),
           "registered_at": store.now(now)}  # fmt: skip
    with store.write_transaction(db):
        existing = store.preregistration_of(db, study.id)
        if existing is not None:
            when = existing["registered_at"][:16].replace("T", " ")
            raise Refused(
                f"{study.id} was pre-registered on {when}"
                f" UTC (hash {existing['hash'][:12]}): a plan is frozen once;"
                " deviations from it are listed in every report"
            )
        started = store.participant_count(db, study.id)
        if started and not late:
            raise Refused(
                f"{study.id} already has {started} participant(s): a plan made now"
                " is no pre-registration; add --late to register it anyway (every"
                " report then says it was registered late)"
            )
        row |= {"late": int(bool(started)), "participants_before": started}
        store.insert_preregistration(db, row)
    return row


def _changed_elements(planned, now):
    """(key, planned, now) for each element of the plan that differs."""
    return [
        (key, planned.get(key), value)
        for key, value in now.items()
        if planned.get(key) != value
    ]


def _outcome_ids(plan):
    ids = [plan[key]["question"] for key in ("primary_outcome", "intrusiveness_outcome")
           if plan.get(key)]  # fmt: skip
    return ids + list(plan.get("secondary_outcomes", []))


def _study_deviations(plan, study):
    """(deviations, analyses outside the plan, questions added) of the study file."""
    if plan["study"].get("hash") == study.hash:
        return [], [], ()
    current = analysis_plan(study)
    changed = _changed_elements(plan, current)
    if not changed:
        return [_deviation("study_changed", "study_file")], [], ()
    deviations = [
        _deviation("study_changed", key=key, was=_shown(was), now=_shown(now))
        for key, was, now in changed
        if key not in ("secondary_outcomes",)
    ]
    planned_ids, now_ids = set(_outcome_ids(plan)), set(_outcome_ids(current))
    deviations += [
        _deviation("outcome_added", question=q) for q in sorted(now_ids - planned_ids)
    ]
    deviations += [
        _deviation("outcome_removed", question=q) for q in sorted(planned_ids - now_ids)
    ]
    added = tuple(sorted(now_ids - planned_ids))
    return deviations, _outside(plan, current, changed, added), added


def _outside(plan, current, changed, added):
    """The analyses outside the plan."""
    outside = [Outside("added_question", (("question", q),)) for q in sorted(added)]
    keys = {key for key, _, _ in changed}
    if keys & set(VERDICT_KEYS):
        outside.append(Outside("verdicts"))
    for key in ("segment_questions", "data_use", "rankings"):
        extra = sorted(set(current[key]) - set(plan.get(key, [])))
        outside += [Outside(key, (("question", q),)) for q in extra]
    if "segmentation" in keys:
        outside.append(Outside("segmentation"))
    return outside


def _shown(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _data_deviations(db, study, plan, report):
    deviations = []
    for digest, people in store.seen_study_versions(db, study.id):
        if digest != plan["study"].get("hash"):
            deviations.append(
                _deviation("other_study_version", n=people, digest=digest[:12])
            )
    registered = plan.get("templates", {})
    for variant, digest, people in store.seen_templates(db, study.id):
        if digest not in registered.get(variant, {}).values():
            deviations.append(_deviation(
                "template_changed", n=people, variant=variant, digest=digest[:12]
            ))  # fmt: skip
    planned = plan.get("planned_n_per_variant")
    if report is not None and planned:
        short = {v: n for v, n in report.answered_per_variant.items() if n < planned}
        if short:
            listed = ", ".join(f"{v} {n}" for v, n in short.items())
            deviations.append(
                _deviation("n_not_reached", planned=planned, listed=listed)
            )
    return deviations


def status(db, study, report=None):
    """STUDY's pre-registration with its deviations, or None when it has none."""
    row = store.preregistration_of(db, study.id)
    if row is None:
        return None
    plan = json.loads(row["plan"])
    deviations = []
    if row["late"]:
        deviations.append(_deviation("late", n=row["participants_before"]))
    changed, outside, added = _study_deviations(plan, study)
    deviations += changed + _data_deviations(db, study, plan, report)
    if plan.get("sprintlab_version") != sprintlab_version():
        deviations.append(_deviation(
            "software", registered=plan.get("sprintlab_version"),
            now=sprintlab_version(),
        ))  # fmt: skip
    return Status(row["hash"], row["registered_at"], bool(row["late"]),
                  row["participants_before"], plan, tuple(deviations),
                  tuple(outside), added)  # fmt: skip
