"""Server CPU per participant for the whole vroegsignalering flow, beside a ceiling.

Starts `sprintlab serve` on 127.0.0.1 with a fresh database, and next to it
the ceiling (benchmarks/ceiling_app.py: bare Flask on the same waitress
settings, written as Flask's tutorial writes an app, the same 8 requests and
as many SQLite rows per participant as sprintlab stored for its warm-up
participants), and for information a stricter ceiling
that keeps one connection per thread open as sprintlab does. A few
concurrent clients walk participants through each, over HTTP, one
keep-alive connection per participant, following every redirect the way a
browser does: landing, consent, the message with all its questions
answered, the segment questions, thanks.

Measured: the server's CPU time (user + system of its process and every
process below it, from /proc) per participant, in rounds that take turns
between the ceilings and sprintlab, so all share the machine's moods; the
ratio is the median of the rounds'. Afterwards sprintlab is SIGKILLed and the
database counted: every acknowledged answer must be stored exactly once.

Loopback only; bounded by count and by time (--time-limit); stops by itself.

Run: python -m benchmarks.participants [--participants 240] [--clients 4]
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from itsdangerous import URLSafeTimedSerializer

from benchmarks.ceiling_app import PREFIX
from sprintlab import db as store
from sprintlab.cli.serving import SERVE_THREADS
from tests.http_bot import walk
from tests.server import ServerProcess, descendant_pids, free_port

ROOT = Path(__file__).resolve().parent.parent
STUDY = "vroegsignalering"
TIMEOUT = 10  # seconds a single request may take before the client gives up
TARGET = 2.0  # sprintlab's CPU per participant at most twice the ceiling's
WARM_UP = 8  # participants per server before measuring: caches filled


def arguments(argv=None):
    """The command line: sizes, clients, threads and the time limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--participants", type=int, default=240, help="per server, in all rounds"
    )
    parser.add_argument("--clients", type=int, default=4, help="clients at once")
    parser.add_argument("--rounds", type=int, default=6, help="ceiling/sprintlab turns")
    parser.add_argument(
        "--threads", type=int, default=SERVE_THREADS, help="waitress threads"
    )
    parser.add_argument("--time-limit", type=float, default=150.0, help="seconds")
    args = parser.parse_args(argv)
    if min(args.participants, args.clients, args.rounds) < 1:
        parser.error("counts must be at least 1")
    return args


def tree_cpu_seconds(pid):
    """User + system CPU seconds of process PID and every process below it.

    Includes the children it already waited for (cutime, cstime), so a worker
    process that ended between two readings is still counted.
    """
    total = 0
    for each in {pid} | descendant_pids(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])
    return total / os.sysconf("SC_CLK_TCK")


def timing(latencies):
    """p50 and p99 of LATENCIES (seconds), in milliseconds."""
    ms = sorted(s * 1000 for s in latencies)
    if len(ms) < 2:
        return "p50 n/a, p99 n/a"
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return f"p50 {cuts[49]:.1f} ms, p99 {cuts[98]:.1f} ms"


class Target:
    """A server under test: its process, where participants start, its walks."""

    def __init__(self, name, process, base_url, start):
        self.name = name
        self.process = process
        self.base_url = base_url
        self.start = start
        self.walks = []
        self.cpu = []  # seconds per participant, one per round

    def run(self, count, clients, seeds, deadline):
        """COUNT participants with CLIENTS at once; the CPU per participant."""
        before = tree_cpu_seconds(self.process.pid)

        def one(seed):
            if time.monotonic() > deadline:
                return None
            return walk(self.base_url, STUDY, self.start, seed, TIMEOUT)

        with ThreadPoolExecutor(clients) as pool:
            done = [w for w in pool.map(one, seeds[:count]) if w is not None]
        if not done:
            raise TimeoutError(f"{self.name}: no participant within the time limit")
        self.cpu.append((tree_cpu_seconds(self.process.pid) - before) / len(done))
        self.walks += done
        return self.cpu[-1]

    def summary(self):
        """One line: CPU per participant, requests and latencies."""
        replies = [r for w in self.walks for _, r in w.replies]
        per_person = len(replies) / len(self.walks)
        cpu = ", ".join(f"{1000 * c:.1f}" for c in self.cpu)
        return (
            f"{self.name}: {1000 * statistics.median(self.cpu):.1f} ms server CPU per"
            f" participant (rounds: {cpu}); {len(self.walks)} participants,"
            f" {per_person:.0f} requests each, {timing([r.seconds for r in replies])}"
        )


def start_ceiling(folder, threads, rows, keep_connections=False, timeout=20):
    """benchmarks/ceiling_app.py in a subprocess, answering on loopback.

    ROWS: (message answers, segment answers) each participant writes.
    """
    port = free_port()
    name = "kept" if keep_connections else "ceiling"
    log = folder / f"{name}.log"
    with log.open("wb") as stderr:  # a file: a pipe nobody reads fills up
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.ceiling_app", "--port", str(port)]
            + ["--db", str(folder / f"{name}.db"), "--threads", str(threads)]
            + ["--questions", str(rows[0] - 1), "--segments", str(rows[1])]
            + (["--keep-connections"] if keep_connections else []),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(log.read_text())
        try:
            urllib.request.urlopen(base + PREFIX, timeout=1).read()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the ceiling app did not answer")


def count_stored(database, walks):
    """(lost, doubled, stored) answers of the acknowledged pages of WALKS."""
    secret = database.with_name(database.name + ".secret").read_text().strip()
    serializer = URLSafeTimedSerializer(secret, salt="participant")
    db = store.connect(database)
    stored = {}
    for token, page, n in db.execute(
        "SELECT p.token, 'm/' || a.position, count(*) FROM answers a"
        " JOIN participants p ON p.id = a.participant_id GROUP BY p.token, a.position"
        " UNION ALL SELECT p.token, 'about-you', count(*) FROM segment_answers s"
        " JOIN participants p ON p.id = s.participant_id GROUP BY p.token"
    ):
        stored[(token, page)] = n
    db.close()
    lost = doubled = kept = 0
    for journey in walks:
        cookie = next(c.value for c in journey.person.jar if c.name == f"sl-{STUDY}")
        token = serializer.loads(cookie)
        for path, count in journey.acknowledged:
            have = stored.get((token, path.split(f"/s/{STUDY}/", 1)[1]), 0)
            kept += have
            lost += max(0, count - have)
            doubled += max(0, have - count)
    return lost, doubled, kept


def measure(args, folder, deadline):
    """Warm the servers up, then measure them in turns; SIGKILL; count.

    The targets: the ceiling, the ceiling keeping its connections, sprintlab.
    """
    database = folder / "bench.db"
    # Every simulated person comes from 127.0.0.1: lift the per-client consent
    # budget (sprintlab/web/throttling.py), which would refuse them after 60.
    os.environ.setdefault("SPRINTLAB_RATE_BUDGETS", '{"consent": [1000000, 1]}')
    server = ServerProcess(database, content_root=ROOT, threads=args.threads).start()
    sprintlab = Target("sprintlab", server.process, server.url, f"/s/{STUDY}")
    seeds = iter(range(10**6))
    ceilings = []
    try:
        sprintlab.run(WARM_UP, args.clients, [next(seeds) for _ in range(WARM_UP)],
                      deadline)  # fmt: skip
        rows = rows_per_page(sprintlab.walks)
        print(
            f"each participant answers {rows[0]} questions on the message page and"
            f" {rows[1]} on the segment page; the ceilings write as many rows"
        )
        ceilings = [
            start_ceiling(folder, args.threads, rows, kept) for kept in (False, True)
        ]
        targets = [
            Target("ceiling (bare Flask + SQLite)", *ceilings[0], PREFIX),
            Target("ceiling keeping its connections", *ceilings[1], PREFIX),
            sprintlab,
        ]
        for target in targets:
            if target is not sprintlab:
                warm = [next(seeds) for _ in range(WARM_UP)]
                target.run(WARM_UP, args.clients, warm, deadline)
            target.walks, target.cpu = [], []
        per_round = -(-args.participants // args.rounds)
        for number in range(args.rounds):
            for target in targets:
                batch = [next(seeds) for _ in range(per_round)]
                target.run(per_round, args.clients, batch, deadline)
            ratio = targets[2].cpu[-1] / targets[0].cpu[-1]
            print(
                f"round {number + 1}: CPU per participant sprintlab/ceiling {ratio:.2f}"
            )
    finally:
        for process, _ in ceilings:
            process.kill()
            process.wait(10)
        if server.process.poll() is None:
            server.kill()  # count only what survived a SIGKILL
    return targets, count_stored(database, targets[2].walks)


def rows_per_page(walks):
    """(message answers, segment answers) a participant of WALKS had acknowledged."""
    message = [n for w in walks for path, n in w.acknowledged if "/m/" in path]
    about = [n for w in walks for path, n in w.acknowledged if "about-you" in path]
    return round(statistics.median(message)), round(statistics.median(about))


def ratio_of(target, ceiling):
    """The median over the rounds of TARGET's CPU per participant over CEILING's."""
    return statistics.median(
        t / c for t, c in zip(target.cpu, ceiling.cpu, strict=True)
    )


def run(args):
    """Measure and print everything; 0 when the target is met and nothing lost."""
    print(
        f"participant benchmark: the whole {STUDY} flow over HTTP on loopback,"
        f" {args.clients} clients at once, waitress threads={args.threads}"
    )
    with tempfile.TemporaryDirectory(prefix="sprintlab-bench-") as tmp:
        deadline = time.monotonic() + args.time_limit
        targets, (lost, doubled, stored) = measure(args, Path(tmp), deadline)
    for target in targets:
        print(target.summary())
    ceiling, kept, sprintlab = targets
    acknowledged = sum(n for w in sprintlab.walks for _, n in w.acknowledged)
    print(
        f"after SIGKILL: {acknowledged} acknowledged answers, {stored} of them"
        f" stored; lost {lost}, doubled {doubled}"
    )
    stricter = ratio_of(sprintlab, kept)
    print(f"sprintlab beside the ceiling that keeps its connections: {stricter:.2f}")
    ratio = ratio_of(sprintlab, ceiling)
    met = ratio <= TARGET and lost == 0 and doubled == 0
    print(
        f"server CPU per participant, sprintlab/ceiling: {ratio:.2f} (median of"
        f" {len(sprintlab.cpu)} rounds; target <= {TARGET:.1f}, nothing lost): "
        + ("met" if met else "NOT met")
    )
    return 0 if met else 1


def main(argv=None):
    """Run the benchmark under a hard time limit."""
    args = arguments(argv)

    def out_of_time(signum, frame):
        raise TimeoutError(f"benchmark passed its {args.time_limit:.0f} s limit")

    # A last guard: every round stops at the deadline, but a hung socket ends here.
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(args.time_limit) + 30)
    try:
        return run(args)
    finally:
        signal.alarm(0)


if __name__ == "__main__":
    sys.exit(main())
