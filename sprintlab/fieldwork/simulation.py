"""Simulated participants: a study with a known truth for analyses to recover.

Every synthetic person (see `respondents` for the model) takes part through
the same `participation` functions as a real one, so a simulation also
exercises the code that real participants hit, and the injected effects are
the truth an analysis should recover.
"""

import math
import random as random_module
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from faker import Faker

from sprintlab import db as store
from sprintlab.fieldwork import participation
from sprintlab.fieldwork.answers import field_name
from sprintlab.fieldwork.attitudes import ARCHETYPES
from sprintlab.fieldwork.message_questions import questions_about
from sprintlab.fieldwork.respondents import LATENT, RespondentModel
from sprintlab.fieldwork.snapshots import stored_template

DEFAULT_START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ARRIVAL_MINUTES = 6.0  # mean gap between two participants arriving
MAX_SHIFT = 6  # scale points: the whole 7-point scale
# Of the people shown a staged message (an envelope to open), this share rate
# it without opening it.
UNOPENED_SHARE = 0.05


@dataclass
class Simulation:
    """What a simulation did, and the truth it was built on."""

    study_id: str
    seed: int
    effects: dict
    baseline: dict
    started: int = 0
    completed: int = 0
    dropped_out: int = 0
    participant_ids: list = field(default_factory=list)
    latent_segments: dict = field(default_factory=dict)  # participant -> archetype

    def truth(self):
        """The model behind the data: shifts, baselines, and each latent segment."""
        return {
            "effects": dict(self.effects),
            "baseline": dict(self.baseline),
            "latent_segments": dict(self.latent_segments),
        }


def parse_effect(text):
    """Read 'VARIANT:QUESTION=SHIFT' into ((variant, question), shift).

    A factorial study's factor effect, 'FACTOR=LEVEL:QUESTION=SHIFT', is read
    into (("FACTOR=LEVEL", question), shift): every cell at that level.
    """
    try:
        target, shift = text.rsplit("=", 1)
        variant, question = target.split(":", 1)
        amount = float(shift)
        if not variant.strip() or not question.strip() or variant.count("=") > 1:
            raise ValueError(text)
    except ValueError:
        raise ValueError(
            f"{text!r}: write an effect as VARIANT:QUESTION=SHIFT, "
            "e.g. toon:intrusive=-0.8, or in a factorial study as"
            " FACTOR=LEVEL:QUESTION=SHIFT, e.g. toon=warm:helps=0.5"
        ) from None
    if not math.isfinite(amount) or abs(amount) > MAX_SHIFT:
        raise ValueError(
            f"{text!r}: SHIFT must be a number of scale points between"
            f" -{MAX_SHIFT} and {MAX_SHIFT}"
        )
    return (variant.strip().replace(" ", ""), question.strip()), amount


def check_effects(study, effects):
    """Raise ValueError unless every effect names a variant and a rated question.

    A key is (variant, question), or (variant, question, segment, option) for
    a shift only for people who gave OPTION to that segment question, or
    (variant, question, "latent", archetype) for one planted latent segment.
    """
    known = {
        "variant": {v.id for v in study.variants},
        "rated question": {q.id for q in study.rated_questions if q.type != "choice"},
        "segment question": {q.id for q in study.segments} | {LATENT},
    }
    for key in effects:
        if "=" in key[0]:
            _check_factor_level(study, key[0])
            key = (study.control, *key[1:])  # the level is checked; now the rest
        if len(key) == 4 and key[2] == LATENT:
            known["answer"] = {archetype.id for archetype in ARCHETYPES}
        elif len(key) == 4 and key[2] in known["segment question"]:
            known["answer"] = set(study.question(key[2]).option_ids())
        for kind, name in zip(known, key, strict=False):
            if name not in known[kind]:
                raise ValueError(
                    f"{study.id} has no {kind} {name!r}; use one of "
                    + ", ".join(sorted(known[kind]))
                )


def _check_factor_level(study, target):
    """Raise ValueError unless TARGET ('FACTOR=LEVEL') names one of STUDY's levels."""
    factor_id, level = (part.strip() for part in target.split("=", 1))
    if not study.factors:
        raise ValueError(
            f"{study.id} is not a factorial study: name a variant, not {target!r}"
        )
    try:
        study.factor(factor_id).level(level)
    except KeyError:
        levels = ", ".join(
            f"{f.id}={level.id}" for f in study.factors for level in f.levels
        )
        raise ValueError(
            f"{study.id} has no level {target!r}; use one of {levels}"
        ) from None


def per_variant(study, effects):
    """EFFECTS with each factor effect spread over the cells at its level (summed)."""
    spread = {}
    for key, shift in effects.items():
        if "=" not in key[0]:
            spread[key] = spread.get(key, 0.0) + shift
            continue
        factor_id, level = (part.strip() for part in key[0].split("=", 1))
        for variant in study.variants:
            if variant.levels.get(factor_id) == level:
                cell_key = (variant.id, *key[1:])
                spread[cell_key] = spread.get(cell_key, 0.0) + shift
    return spread


def start_ending_at(end, participants):
    """A start time such that PARTICIPANTS arrivals end at about END."""
    return end - timedelta(minutes=ARRIVAL_MINUTES * participants + 30)


def _take_part(model, db, content, study, person, number, at):
    """Walk one person through STUDY from AT; (participant id, finished)."""
    rng = model.rng
    # A draw of its own per participant keeps withdrawal codes unique when
    # one seed is simulated twice into the same database, also for two
    # studies that draw alike (the study id is part of it).
    own = random_module.Random(f"sprintlab-simulate:{study.id}:{number}:{rng.random()}")
    participant = participation.start_participant(
        db, content, study, person.language, random=own, now=at
    )
    at += timedelta(seconds=rng.uniform(20, 90))  # landing, consent, scenario
    answered = 0
    while (step := participation.next_step(db, participant, study)).kind == "message":
        assignment = participation.assignment_at(db, participant, step.position)
        # The shown time goes through store.mark_shown in the format that
        # show_message records; rendering each mockup (about 5 ms) for
        # nobody to see would dominate the run time.
        store.mark_shown(db, participant["id"], step.position, store.now(at))
        if person.drop_after == answered:
            return participant["id"], False  # looked, then closed the tab
        staged = participation.opening_of(study, assignment["template_id"])
        # Drawn only for staged messages: other studies' data stay the same.
        if staged == "staged" and rng.random() >= UNOPENED_SHARE:
            participation.open_message(db, participant, step.position, at)
        at += timedelta(seconds=person.seconds[answered])
        form = message_form(model, db, study, person, assignment)
        result = participation.submit_message(
            db, participant, study, step.position, form, now=at
        )
        if result.errors:
            raise RuntimeError(f"simulated answers refused: {result.errors}")
        answered += 1
        at += timedelta(seconds=rng.uniform(1, 4))
    if person.drop_after is not None:
        return participant["id"], False  # left at the questions about them
    if step.kind == "segments":
        at += timedelta(seconds=rng.uniform(15, 60))
        form = {}
        for question in study.segments:
            form |= model.segment_fields(question, person.segments[question.id])
        participation.submit_segments(db, participant, study, form, now=at)
    participation.finish(db, participant, now=at + timedelta(seconds=1))
    return participant["id"], True


def message_form(model, db, study, person, assignment):
    """The form a synthetic person sends about the message of ASSIGNMENT."""
    form = {}
    for question in questions_about(db, study, assignment):
        if question.type == "data_use":
            front = stored_template(db, assignment["template_hash"]).front_matter
            form |= model.data_use_fields(question, person, front)
        elif value := model.answer(question, person, assignment["variant_id"]):
            form[field_name(question)] = value
    return form


def simulate_study(
    db, content, study, participants, seed=0, effects=None, start=DEFAULT_START
):
    """Run PARTICIPANTS synthetic people through STUDY; the same SEED, the same data.

    EFFECTS maps (variant, question) to a shift in scale points (see
    check_effects for shifts limited to a segment, and for a factorial
    study's ("FACTOR=LEVEL", question)); none means no effect.
    """
    effects = dict(effects or {})
    check_effects(study, effects)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    model = RespondentModel(
        random_module.Random(seed),
        fake,
        per_variant(study, effects),
        latent=random_module.Random(f"sprintlab-latent:{seed}"),
    )
    result = Simulation(study.id, seed, effects, model.baseline(study))
    offset = store.participant_count(db, study.id)
    at = start
    for number in range(offset, offset + participants):
        at += timedelta(minutes=model.rng.expovariate(1 / ARRIVAL_MINUTES))
        person = model.person(study)
        pid, finished = _take_part(model, db, content, study, person, number, at)
        result.participant_ids.append(pid)
        result.latent_segments[pid] = person.archetype
        result.started += 1
        result.completed += finished
        result.dropped_out += not finished
    return result


DEMO_PARTICIPANTS = {
    "vroegsignalering": 400,
    "sprint-sms": 5,
    "vroegsignalering-factorieel": 480,
}
DEMO_EFFECTS = {
    "vroegsignalering": {
        ("transparantie", "intrusive"): -0.8,
        ("transparantie", "legitimacy"): 0.5,
        ("geruststelling", "intrusive"): -0.7,
        ("geruststelling", "no_judgement"): 0.5,
        ("keuze", "autonomy"): 0.9,
        # the warm tone feels more respectful to people with little trust in
        # the municipality, and they would get in touch more often
        ("toon", "respectful", "vertrouwen", "niet-zo-veel"): 0.8,
        ("toon", "respectful", "vertrouwen", "helemaal-geen"): 1.2,
        ("toon", "contact", "vertrouwen", "helemaal-geen"): 0.9,
        # per planted latent segment (fieldwork/attitudes.py): an independent
        # sender helps people who distrust the municipality, the box that
        # leaves the choice to them those who want to choose, and a poster
        # intrudes least on those with few money worries
        ("afzender", "helps", LATENT, "wantrouwend"): 1.5,
        ("afzender", "intrusive", LATENT, "wantrouwend"): -1.0,
        ("keuze", "helps", LATENT, "zelf-kiezen"): 1.2,
        ("poster", "intrusive", LATENT, "weinig-zorgen"): -1.2,
    },
    "sprint-sms": {("keuze", "intrusive"): -0.6, ("coach", "helps"): 0.5},
    # Factor effects: every cell at the level. The warm tone intrudes less,
    # the explaining box makes the letter seem more genuine, the independent
    # sender helps a little.
    "vroegsignalering-factorieel": {
        ("toon=warm", "intrusive"): -0.6,
        ("transparantie=uitleg", "legitimacy"): 0.6,
        ("afzender=geldloket", "helps"): 0.4,
    },
}


def seed_demo(db, content, end=None, sizes=None):
    """Simulate demo responses for each shipped study that has no participants yet."""
    end = end or datetime.now(UTC)
    studies = content.studies()
    seeded = {}
    for study_id, count in (sizes or DEMO_PARTICIPANTS).items():
        if study_id in studies and store.participant_count(db, study_id) == 0:
            seeded[study_id] = simulate_study(
                db,
                content,
                studies[study_id],
                count,
                effects=DEMO_EFFECTS.get(study_id),
                start=start_ending_at(end, count),
            )
    return seeded
