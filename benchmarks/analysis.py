"""Analysis time and peak memory at 1,000 to 100,000 participants, beside bare scipy.

The study is vroegsignalering with 8 variants (the "moment" variant left
out): 8 rating questions, 2 yes/no questions, a data-use question, 6
segment questions, 9 attitude items and a ranking, the demo's known effects.
Evidence databases are built once and cached under benchmarks/results/:
up to 2,000 participants with `simulate_study` (the participants' own service
path), above that with a bulk loader that draws the same synthetic people
and writes them through the same participation and db functions; only the
assignment is `pick_balanced` over counts kept in memory, because asking the
database (as a live study must) makes simulating n people O(n^2).

Per size: `analyse()` with and without segments (median of --runs, each with
cold posterior draws), the load from the database on its own, the peak
traced memory of one analysis, and the bare scipy calls for the same
comparisons on arrays loaded beforehand (per question `kruskal`; per variant
against the control `mannwhitneyu(method="asymptotic")`, `brunnermunzel` and
`ttest_ind(equal_var=False)`). Bounded by --sizes and --runs; prints and exits.

Run: python -m benchmarks.analysis [--sizes 1000,10000,100000] [--runs 5]
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
import tracemalloc
import warnings
from datetime import timedelta
from pathlib import Path

import numpy as np
import scipy
from faker import Faker
from scipy import stats as scipy_stats

from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.content.studies import parse_study
from sprintlab.fieldwork import participation
from sprintlab.fieldwork.assignment import pick_balanced
from sprintlab.fieldwork.participation import CODE_ALPHABET
from sprintlab.fieldwork.respondents import RespondentModel
from sprintlab.fieldwork.simulation import (
    DEFAULT_START,
    DEMO_EFFECTS,
    message_form,
    simulate_study,
)
from sprintlab.reporting import analysis
from sprintlab.reporting.analysis import analyse, variant_order
from sprintlab.reporting.evidence import load_evidence
from sprintlab.stats import posterior_draws

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DATA_VERSION = 2  # raise when the generated data change, so caches rebuild
SEED = 2026
LEFT_OUT_VARIANT = "moment"
SIMULATE_UP_TO = 2_000


def arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="participants per database, comma-separated")  # fmt: skip
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size")
    parser.add_argument("--loader", choices=("auto", "simulate", "bulk"),
                        default="auto", help="how databases are built")  # fmt: skip
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 1000,10000")
    if min(args.sizes) < 1 or args.runs < 1:
        parser.error("sizes and runs must be at least 1")
    return args


def benchmark_study(content):
    """vroegsignalering with 8 variants (its questions as shipped)."""
    text = content.study("vroegsignalering").text
    start = text.index(f'[[variants]]\nid = "{LEFT_OUT_VARIANT}"')
    end = text.index("[[variants]]", start + 1)
    text = text[:start] + text[end:]
    text = text.replace('id = "vroegsignalering"', 'id = "benchmark-8x8"', 1)
    return parse_study(text, "benchmark-8x8.toml")


def _code(number):
    """A unique withdrawal code per bulk participant."""
    chars = []
    for _ in range(8):
        number, digit = divmod(number, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[digit])
    return f"{''.join(chars[:4])}-{''.join(chars[4:])}"


def bulk_load(db, content, study, participants, seed, effects):
    """simulate_study's people, written through participation's submit functions.

    One write transaction per submitted page, as for real participants:
    db.record_answers opens its own, so several people per transaction would
    need a batch mode in db.py.
    """
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    model = RespondentModel(random.Random(seed), fake, dict(effects))
    study_hash = store.store_study_version(db, study.id, study.version, study.text)
    hashes, counts = {}, {v.id: 0 for v in study.variants}
    at = DEFAULT_START
    for number in range(participants):
        at += timedelta(seconds=model.rng.expovariate(1 / 20))
        person = model.person(study)
        variant = study.variant(pick_balanced(counts, model.rng))
        counts[variant.id] += 1
        key = (variant.id, person.language)
        if key not in hashes:
            template = content.template(variant.template, person.language)
            hashes[key] = store.store_template_version(
                db, template.template_id, person.language, template.channel,
                template.text,
            )  # fmt: skip
        row = {
            "token": f"bench-{seed}-{number}", "study_id": study.id,
            "study_hash": study_hash, "language": person.language,
            "consent_version": study.consent_version, "kiosk": 0,
            "withdrawal_code": _code(seed * 10**7 + number),
            "started_at": at.isoformat(timespec="milliseconds"),
        }  # fmt: skip
        assignment = [(0, variant.id, variant.template, hashes[key])]
        store.insert_participant(db, row, assignment)
        # The whole row, as the service path reads it (segments_at, study_hash).
        participant = store.participant_by_token(db, row["token"])
        _take_part(db, model, study, participant, person, variant, at)


def _take_part(db, model, study, participant, person, variant, at):
    """Show one bulk participant the message and submit their pages."""
    store.mark_shown(db, participant["id"], 0, at.isoformat(timespec="milliseconds"))
    if person.drop_after == 0:
        return  # looked, then closed the tab
    at += timedelta(seconds=person.seconds[0])
    assignment = participation.assignment_at(db, participant, 0)
    form = message_form(model, db, study, person, assignment)
    participation.submit_message(db, participant, study, 0, form, now=at)
    if person.drop_after is not None:
        return  # left at the questions about them
    form = {}
    for question in study.segments:
        form |= model.segment_fields(question, person.segments[question.id])
    participation.submit_segments(db, participant, study, form, now=at)
    participation.finish(db, participant, now=at + timedelta(seconds=30))


def evidence_db(content, study, size, loader):
    """The cached database for SIZE participants, built first when missing."""
    if loader == "auto":
        loader = "simulate" if size <= SIMULATE_UP_TO else "bulk"
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"analysis-{size}-{loader}-s{SEED}-v{DATA_VERSION}.db"
    if not path.exists():
        building = path.with_suffix(".building")
        for leftover in RESULTS.glob(building.name + "*"):
            leftover.unlink()
        print(f"building {path.name} ({loader}) ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        db = store.open_db(building)
        effects = DEMO_EFFECTS["vroegsignalering"]
        if loader == "simulate":
            simulate_study(db, content, study, size, seed=SEED, effects=effects)
        else:
            bulk_load(db, content, study, size, SEED, effects)
        db.close()
        os.replace(building, path)
        seconds = time.perf_counter() - started
        print(f"  built in {seconds:.0f} s", file=sys.stderr, flush=True)
    return store.connect(path), loader


def timed_analyse(db, study, segments):
    """Seconds of one analyse() call with cold posterior draws, and of its load."""
    loads = []

    def timed_load(*args, **kwargs):
        started = time.perf_counter()
        evidence = load_evidence(*args, **kwargs)
        loads.append(time.perf_counter() - started)
        return evidence

    posterior_draws.posterior_batch.cache_clear()
    analysis.load_evidence = timed_load
    try:
        started = time.perf_counter()
        analyse(db, study, segments=segments)
        return time.perf_counter() - started, loads[0]
    finally:
        analysis.load_evidence = load_evidence


def bare_scipy(evidence, study):
    """The scipy calls for the report's overall comparisons, on arrays loaded now."""
    ids = variant_order(study)
    arrays = []
    for question in study.questions:
        if question.type == "likert7":
            groups = [evidence.numeric(question.id, vid) for vid in ids]
            arrays.append([g[~np.isnan(g)] for g in groups])

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for groups in arrays:
                scipy_stats.kruskal(*groups)
                control = groups[0]
                for variant in groups[1:]:
                    scipy_stats.mannwhitneyu(variant, control, method="asymptotic")
                    scipy_stats.brunnermunzel(variant, control)
                    scipy_stats.ttest_ind(variant, control, equal_var=False)

    return run, sum(g.size for groups in arrays for g in groups)


def peak_memory(action):
    """Peak traced memory (bytes) while ACTION runs."""
    posterior_draws.posterior_batch.cache_clear()
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(db, study, runs):
    """Median timings (seconds), answers and peak memory for one database.

    The runs interleave the analyses and scipy, so a busy machine slows
    both alike; "stats" is an analysis minus its own load from the database.
    """
    evidence = load_evidence(db, study)
    scipy_run, answers = bare_scipy(evidence, study)
    found = {key: [] for key in ("overall", "stats", "full", "stats_full", "load")}
    found["scipy"] = []
    for _ in range(runs):
        total, load = timed_analyse(db, study, segments=False)
        found["overall"].append(total)
        found["stats"].append(total - load)
        total, load = timed_analyse(db, study, segments=True)
        found["full"].append(total)
        found["stats_full"].append(total - load)
        found["load"].append(load)
        started = time.perf_counter()
        scipy_run()
        found["scipy"].append(time.perf_counter() - started)
    medians = {key: statistics.median(values) for key, values in found.items()}
    return medians | {
        "participants": len({row[0] for row in evidence.assignments}),
        "answers": answers,
        "peak": peak_memory(lambda: analyse(db, study)),
    }


def agreement(db, study):
    """Largest relative difference between the report's p-values and scipy's."""
    report = analyse(db, study, segments=False)
    evidence = load_evidence(db, study)
    ids = variant_order(study)
    worst = 0.0
    for question in report.questions:
        if question.omnibus is None:  # a yes/no question: no rank tests to match
            continue
        groups = [evidence.numeric(question.question.id, vid) for vid in ids]
        groups = [g[~np.isnan(g)] for g in groups]
        expected = [scipy_stats.kruskal(*groups).pvalue]
        found = [question.omnibus.p_value]
        for vid, variant in zip(ids[1:], groups[1:], strict=True):
            mwu = scipy_stats.mannwhitneyu(variant, groups[0], method="asymptotic")
            expected.append(mwu.pvalue)
            found.append(question.comparisons[(ids[0], vid)].p_value)
        pairs = zip(found, expected, strict=True)
        worst = max(worst, *(abs(f - e) / max(e, 1e-300) for f, e in pairs))
    return worst


def table(rows):
    header = ("participants", "answers", "load", "stats", "stats+seg",
              "analyse+seg", "bare scipy", "stats/scipy", "+seg/scipy",
              "total/scipy", "load/1k", "total/1k", "peak MiB")  # fmt: skip
    lines = ["  ".join(f"{h:>11}" for h in header)]
    for r in rows:
        cells = (
            f"{r['participants']:,}", f"{r['answers']:,}",
            f"{r['load'] * 1e3:.0f} ms", f"{r['stats'] * 1e3:.0f} ms",
            f"{r['stats_full'] * 1e3:.0f} ms", f"{r['full'] * 1e3:.0f} ms",
            f"{r['scipy'] * 1e3:.0f} ms", f"{r['stats'] / r['scipy']:.2f}x",
            f"{r['stats_full'] / r['scipy']:.2f}x",
            f"{r['full'] / r['scipy']:.2f}x",
            f"{r['load'] * 1e6 / r['answers']:.2f} ms",
            f"{r['full'] * 1e6 / r['answers']:.2f} ms", f"{r['peak'] / 2**20:.1f}",
        )  # fmt: skip
        lines.append("  ".join(f"{c:>11}" for c in cells))
    return "\n".join(lines)


def main(argv=None):
    args = arguments(argv)
    content = Content(ROOT)
    study = benchmark_study(content)
    print(f"study {study.id}: {len(study.variants)} variants, "
          f"{sum(q.type == 'likert7' for q in study.questions)} rating questions, "
          f"{len(study.segments)} segment questions; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}; numpy {np.__version__}, "
          f"scipy {scipy.__version__}; median of {args.runs} runs")  # fmt: skip
    rows = []
    for size in args.sizes:
        db, loader = evidence_db(content, study, size, args.loader)
        row = measure(db, study, args.runs) | {"loader": loader}
        row["agreement"] = agreement(db, study)
        db.close()
        rows.append(row)
    print(table(rows))
    print("load = reading the evidence (segments included) from SQLite; stats = "
          "analyse() without segments minus its own load; stats+seg = with "
          "segments; analyse+seg = the whole call; bare scipy = kruskal + 3 tests "
          "per variant on loaded arrays; load/1k, total/1k = per 1,000 rating "
          "answers")  # fmt: skip
    for row in rows:
        print(f"{row['participants']:,} participants ({row['loader']}): "
              f"analyse without segments {row['overall'] * 1e3:.0f} ms; "
              f"max relative difference of p-values from scipy "
              f"{row['agreement']:.1e}")  # fmt: skip
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {peak_rss:.0f} MiB (includes building databases)")


if __name__ == "__main__":
    main()
