"""How fast a researcher sees a study's dashboard, and what it costs participants.

Starts `sprintlab serve` on 127.0.0.1 on a database of N simulated
participants of vroegsignalering (1,000 and 10,000 by default; up to 2,000
they take part through the real service path, above that through the bulk
loader of benchmarks.analysis) and a researcher account. Per size:

- first view: the server has just started (its report worker starts making
  every study's dashboard then); a researcher logs in and opens the study.
  Time from the request to the page, and from the server answering to it.
- cold: a dashboard nobody has opened yet on a running server (another
  report option, so no report is kept): the worker makes it while the
  request waits.
- repeat: the same dashboard again (median of --repeats).

Baselines measured in the same run: for the first and cold views, the same
page made in this benchmark's own process at normal priority (the work
itself, on this machine's load right now; median of three); for the repeat
view, a participant's landing page on the same server (the cheapest page).
The report worker runs only on a core nobody else wants (SCHED_IDLE), so on
a busy machine the first and cold views wait for an idle core: compare their
ratio to the in-process page, and read the load average printed.

Then, on the first size, participants' answer submits (p50, p99) with nobody
looking at results, and while four researchers keep opening dashboards that
share no report (each from cold; new answers keep every report going
stale, so the worker never rests): once a second each (already faster than
anyone reads a dashboard), and as fast as they can; in --rounds rounds of
the three in turns, so the machine's own noise falls on all alike; and the
ratio of the p99 to the p99 without, over all rounds and per round.

Loopback only; every wait is bounded and the whole run stops itself at
--time-limit. Databases are kept under benchmarks/results/.

Run: python -m benchmarks.dashboard [--sizes 1000,10000] [--repeats 15]
     [--walkers 80] [--rounds 3]
"""

import argparse
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.analysis import bulk_load
from sprintlab import db as store
from sprintlab.content.folder import Content
from sprintlab.fieldwork.simulation import DEMO_EFFECTS
from tests.dashboard_load import (
    STUDY,
    Dashboards,
    filled_database,
    researcher_on,
    submit_seconds,
    take_part,
)
from tests.server import ServerProcess

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DATA_VERSION = 1  # raise when the generated data change, so databases rebuild
SIMULATE_UP_TO = 2_000
PAGE = f"/research/{STUDY}"
# (name, seconds between a researcher's views; None: nobody looks)
PHASES = (
    ("no dashboards", None),
    ("4 dashboards, each reloaded every second", 1.0),
    ("4 dashboards, reloaded as fast as they come", 0.0),
)


def arguments(argv=None):
    """The command line: sizes, repeats, walkers and the time limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="participants per database, comma-separated")  # fmt: skip
    parser.add_argument("--repeats", type=int, default=15, help="repeat views")
    parser.add_argument("--walkers", type=int, default=80,
                        help="participants per phase of the submit test"
                        " (0: skip it)")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds of the three submit phases, in turns")  # fmt: skip
    parser.add_argument("--time-limit", type=float, default=900.0, help="seconds")
    args = parser.parse_args(argv)
    try:
        args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 1000,10000")
    if min(args.sizes) < 1 or min(args.repeats, args.rounds) < 1 or args.walkers < 0:
        parser.error("sizes, repeats and rounds must be at least 1")
    return args


def database(content, size):
    """A copy of the kept database of SIZE participants, built first when missing."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    kept = RESULTS / f"dashboard-{size}-v{DATA_VERSION}.db"
    if not kept.exists():
        building = kept.with_suffix(".building")
        for leftover in RESULTS.glob(building.name + "*"):
            leftover.unlink()
        started = time.monotonic()
        if size <= SIMULATE_UP_TO:
            filled_database(building, content, size)
        else:
            filled_database(building, content, 0)
            db = store.open_db(building)
            study = content.study(STUDY)
            bulk_load(db, content, study, size, 7, DEMO_EFFECTS[STUDY])
            db.close()
        os.replace(building, kept)
        os.replace(building.with_name(building.name + ".secret"),
                   kept.with_name(kept.name + ".secret"))  # fmt: skip
        print(f"  built {kept.name} in {time.monotonic() - started:.0f} s",
              file=sys.stderr)  # fmt: skip
    folder = Path(tempfile.mkdtemp(prefix="sprintlab-dash-"))
    copy = folder / "dash.db"
    shutil.copy(kept, copy)
    shutil.copy(kept.with_name(kept.name + ".secret"),
                copy.with_name(copy.name + ".secret"))  # fmt: skip
    return copy


def view(person, path, deadline=120.0):
    """Seconds until PATH is a finished page (a 202 'still computing' is retried)."""
    started = time.perf_counter()
    while True:
        reply = person.request("GET", path)
        if reply.status == 200 and "Updating…" not in reply.text:
            return time.perf_counter() - started, len(reply.text)
        assert reply.status in (200, 202), reply.status
        assert time.perf_counter() - started < deadline, "the page never came"
        time.sleep(0.05)


def landing(person, repeats):
    """The median seconds of a participant's landing page: the baseline."""
    return statistics.median(
        person.request("GET", f"/s/{STUDY}").seconds for _ in range(repeats)
    )


def in_process(copy, content, runs=3):
    """Median seconds to make the page here, at normal priority: the baseline."""
    from sprintlab.reporting.reports import make_study_page

    study = content.study(STUDY)
    found = []
    for run in range(runs):
        started = time.perf_counter()
        make_study_page(str(copy), study, f"baseline-{run}", False, False)
        found.append(time.perf_counter() - started)
    return statistics.median(found)


def views(copy, repeats):
    """First, cold and repeat views of one database, with the landing page, in s."""
    server = ServerProcess(copy, content_root=ROOT)
    with server.start():
        answered = time.perf_counter()
        person = researcher_on(server)
        first, size = view(person, PAGE)
        since_start = time.perf_counter() - answered
        baseline = landing(person, repeats)
        cold, _ = view(person, f"{PAGE}?exclude_speeders=1")
        repeat = statistics.median(view(person, PAGE)[0] for _ in range(repeats))
        baseline = statistics.median([baseline, landing(person, repeats)])
        person.close()
    return {"first": first, "since_start": since_start, "cold": cold,
            "repeat": repeat, "baseline": baseline, "bytes": size}  # fmt: skip


def timing(seconds):
    """(p50, p99) of SECONDS, in milliseconds."""
    cuts = statistics.quantiles([s * 1000 for s in seconds], n=100, method="inclusive")
    return cuts[49], cuts[98]


def submits(copy, walkers, rounds):
    """Submit latency without and with four cold dashboards, in ROUNDS of turns.

    {phase: [(submit seconds, dashboard view statuses) per round]}.
    """
    seeds = iter(range(10**6))
    results = {name: [] for name, _ in PHASES}
    # Every walker comes from 127.0.0.1: lift the per-client consent budget.
    env = {"SPRINTLAB_RATE_BUDGETS": '{"consent": [1000000, 1]}'}
    with ServerProcess(copy, content_root=ROOT, env=env) as server:
        view(researcher_on(server), PAGE)  # the start-up reports are done
        take_part(server, [next(seeds) for _ in range(8)])  # warm
        for _ in range(rounds):
            for name, pause in PHASES:
                batch = [next(seeds) for _ in range(walkers)]
                looking = pause is not None
                # The researchers log in before the phase: not a dashboard's cost.
                dashboards = Dashboards(server, pause=pause) if looking else None
                if dashboards:
                    dashboards.start()
                try:
                    walks = take_part(server, batch)
                finally:
                    statuses = dashboards.stop() if dashboards else []
                results[name].append((submit_seconds(walks), statuses))
    return results


def report_views(size, found):
    ms = {k: v * 1000 for k, v in found.items() if k != "bytes"}
    work, base = ms["in_process"], ms["baseline"]
    print(
        f"{size:>7,} participants ({os.getloadavg()[0]:.1f} load):"
        f" first view {ms['first']:5.0f} ms ({ms['since_start']:.0f} ms after"
        f" the server answered, login included); cold {ms['cold']:5.0f} ms;"
        f" the same page in process {work:5.0f} ms"
        f" (first/in process {ms['first'] / work:.2f}, cold/in process"
        f" {ms['cold'] / work:.2f}); repeat {ms['repeat']:5.1f} ms, landing"
        f" page {base:4.1f} ms (repeat/landing {ms['repeat'] / base:.1f});"
        f" page {found['bytes'] / 1024:.0f} KB"
    )


def report_submits(results):
    """Print each phase's submit latency and its p99 against the quiet one's.

    The p99 of all rounds together (a p99 of one round's few hundred submits
    rests on its three slowest), and each round's against the same round's.
    """
    quiet_rounds = [timing(seconds)[1] for seconds, _ in results["no dashboards"]]
    quiet = timing([s for seconds, _ in results["no dashboards"] for s in seconds])[1]
    failed = []
    for name, rounds in results.items():
        pooled = [s for seconds, _ in rounds for s in seconds]
        p50, p99 = timing(pooled)
        per_round = [timing(seconds)[1] for seconds, _ in rounds]
        line = (
            f"{name}: {len(pooled)} submits in {len(rounds)} rounds; p50"
            f" {p50:.1f} ms, p99 {p99:.1f} ms (per round"
            f" {', '.join(f'{p:.1f}' for p in per_round)})"
        )
        views = [status for _, statuses in rounds for status in statuses]
        if views:
            ratios = [b / q for b, q in zip(per_round, quiet_rounds, strict=True)]
            line += (
                f"; {len(views)} dashboard views ({views.count(200)} pages,"
                f" {views.count(202)} 'still computing'); p99 / p99 without:"
                f" {p99 / quiet:.2f} (per round"
                f" {', '.join(f'{r:.2f}' for r in ratios)})"
            )
            failed += [s for s in views if s not in (200, 202)]
        print(line)
    if failed:
        print(f"FAILED dashboard views: {failed}")
    return 1 if failed else 0


def run(args):
    """Measure and print; 0 when nothing failed."""
    content = Content(ROOT)
    print(f"dashboard benchmark: {os.cpu_count()} CPUs, load average"
          f" {os.getloadavg()[0]:.1f}; median of {args.repeats} repeat"
          " views")  # fmt: skip
    copies = []
    try:
        for size in args.sizes:
            copies.append(database(content, size))
            found = views(copies[-1], args.repeats)
            found["in_process"] = in_process(copies[-1], content)
            report_views(size, found)
        if not args.walkers:
            return 0
        print(f"participants' submits on {args.sizes[0]:,} participants,"
              f" {args.walkers} walkers per phase, 4 at once, loopback")  # fmt: skip
        return report_submits(submits(copies[0], args.walkers, args.rounds))
    finally:
        for copy in copies:
            shutil.rmtree(copy.parent, ignore_errors=True)


def main(argv=None):
    """Run the benchmark under a hard time limit."""
    args = arguments(argv)

    def out_of_time(signum, frame):
        raise TimeoutError(f"benchmark passed its {args.time_limit:.0f} s limit")

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(args.time_limit))
    try:
        return run(args)
    finally:
        signal.alarm(0)


if __name__ == "__main__":
    sys.exit(main())
