"""Participants' answer submits while four cold dashboards render, beside none.

Starts `sprintlab serve` on 127.0.0.1 on a database with simulated
participants and a researcher account. Then, in turns: participants walk
the vroegsignalering flow over HTTP with nobody looking at results, and the
same with four researchers opening dashboards that share no report (each
from cold, and new answers keep every report going stale, so the report
worker never rests). Prints the submit latency (p50, p99) of each phase and
the ratio of the p99s. Reports are made in a worker process, so the ratio
should stay near 1.

Loopback only; bounded by count and by time (--time-limit); stops by itself.

Run: python -m benchmarks.dashboards [--participants 80] [--simulated 2000]
"""

import argparse
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sprintlab.content.folder import Content
from tests.dashboard_load import Dashboards, filled_database, submit_seconds, take_part
from tests.server import ServerProcess

ROOT = Path(__file__).resolve().parent.parent


def arguments(argv=None):
    """The command line: sizes and the time limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--participants", type=int, default=80, help="walkers per phase"
    )
    parser.add_argument(
        "--simulated", type=int, default=2000, help="participants in the database"
    )
    parser.add_argument("--clients", type=int, default=4, help="walkers at once")
    parser.add_argument("--time-limit", type=float, default=240.0, help="seconds")
    args = parser.parse_args(argv)
    if min(args.participants, args.simulated, args.clients) < 1:
        parser.error("counts must be at least 1")
    return args


def timing(seconds):
    """(p50, p99) of SECONDS, in milliseconds."""
    cuts = statistics.quantiles([s * 1000 for s in seconds], n=100, method="inclusive")
    return cuts[49], cuts[98]


def phase(server, seeds, clients, dashboards):
    """One phase of walkers, with or without dashboards: (submit seconds, views)."""
    looking = Dashboards(server).start() if dashboards else None
    try:
        walks = take_part(server, seeds, clients)
    finally:
        views = looking.stop() if looking else []
    return submit_seconds(walks), views


def run(args):
    """Measure and print; 0 when nothing failed."""
    with tempfile.TemporaryDirectory(prefix="sprintlab-bench-") as tmp:
        started = time.monotonic()
        database = filled_database(Path(tmp) / "dash.db", Content(ROOT), args.simulated)
        print(
            f"dashboard benchmark: {args.simulated} simulated participants"
            f" ({time.monotonic() - started:.0f} s to simulate), {args.participants}"
            f" walkers per phase, {args.clients} at once, loopback"
        )
        seeds = iter(range(10**6))
        with ServerProcess(database, content_root=ROOT) as server:
            take_part(server, [next(seeds) for _ in range(8)], args.clients)  # warm
            results = {}
            for name, dashboards in (("no dashboards", False), ("4 dashboards", True)):
                batch = [next(seeds) for _ in range(args.participants)]
                results[name] = phase(server, batch, args.clients, dashboards)
    for name, (seconds, views) in results.items():
        p50, p99 = timing(seconds)
        line = (
            f"{name:>14}: {len(seconds)} submits, p50 {p50:6.1f} ms, p99 {p99:6.1f} ms"
        )
        if views:
            line += (
                f"; {len(views)} dashboard views ({views.count(200)} reports,"
                f" {views.count(202)} 'still computing')"
            )
        print(line)
    quiet, busy = (timing(results[name][0])[1] for name in results)
    failed = [s for s in results["4 dashboards"][1] if s not in (200, 202)]
    print(
        f"p99 submit latency with 4 cold dashboards / without: {busy / quiet:.2f}"
        + (f"; FAILED dashboard views: {failed}" if failed else "")
    )
    return 1 if failed else 0


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
