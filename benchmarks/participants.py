"""Answers per second through the real pages, beside two ceilings from the same run.

Starts `sprintlab serve` on 127.0.0.1 with a fresh database and prepares
participants through the real pages (consent, then every message page
opened). Then N concurrent clients, one keep-alive connection each, submit
those answer pages: a "submit" is the POST of one full page of answers,
acknowledged by its 303. Beside it, measured in the same run with the same
clients: a no-op Flask route served with the same waitress settings
(benchmarks/noop_app.py, its own subprocess), posted the same form body; and a
bare SQLite insert-and-commit loop with sprintlab's connection settings. The
server is SIGKILLed before the answers are counted, so "lost" includes a crash.

The machine is shared, so the no-op and the submits are measured in turns
(--rounds, each a no-op phase then a submit phase) and the target is judged
on the median of the rounds' ratios, not on one lucky or unlucky phase.

Loopback only; bounded by count and by time (--time-limit); stops by itself.

Run: python -m benchmarks.participants [--concurrency 20] [--submits 600]
"""

import argparse
import http.client
import itertools
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from itsdangerous import URLSafeTimedSerializer

from benchmarks.noop_app import NOOP_PATH
from sprintlab import db as store
from sprintlab.cli.serving import SERVE_THREADS
from sprintlab.content.folder import Content
from tests.http_bot import HttpParticipant, answers_for
from tests.server import ServerProcess, free_port, worker_pids

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 10  # seconds a single request may take before the client gives up
TARGET = 0.5


def arguments(argv=None):
    """The command line: sizes, thread count and the time limit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--study", default="sprint-sms")
    parser.add_argument("--concurrency", type=int, default=20, help="clients at once")
    parser.add_argument(
        "--submits", type=int, default=600, help="answer pages per round"
    )
    parser.add_argument("--noop-requests", type=int, default=3000, help="per round")
    parser.add_argument("--rounds", type=int, default=3, help="no-op/submit turns")
    parser.add_argument("--sqlite-commits", type=int, default=3000)
    parser.add_argument(
        "--threads", type=int, default=SERVE_THREADS, help="waitress threads"
    )
    parser.add_argument("--time-limit", type=float, default=90.0, help="seconds")
    args = parser.parse_args(argv)
    if min(args.concurrency, args.submits, args.noop_requests, args.rounds) < 1:
        parser.error("counts must be at least 1")
    return args


class Budget:
    """A hard time limit, shared out between the phases of the run."""

    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def until(self, share):
        """A deadline SHARE (0–1) of the remaining time from now."""
        now = time.monotonic()
        return now + max(0.0, self.end - now) * share


def timing(latencies):
    """p50 and p99 of LATENCIES (seconds), in milliseconds."""
    ms = sorted(s * 1000 for s in latencies)
    if len(ms) < 2:
        return "p50 n/a  p99 n/a"
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return f"p50 {cuts[49]:6.1f} ms  p99 {cuts[98]:6.1f} ms"


def cpu_seconds(pid):
    """User + system CPU seconds of a process and its worker processes, or None.

    Linux /proc; `sprintlab serve` pre-forks its workers, so the parent alone
    would show next to nothing.
    """
    total = 0
    for each in {pid} | worker_pids(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            if each == pid:
                return None
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def cpu_per_request(pid, before, count):
    """Server CPU per request since BEFORE, as a line to print."""
    after = cpu_seconds(pid)
    if before is None or after is None or not count:
        return "server CPU n/a"
    return f"server CPU {1000 * (after - before) / count:.2f} ms/req"


def sqlite_ceiling(folder, count, deadline):
    """Single-row INSERT + COMMIT per transaction, with sprintlab's PRAGMAs."""
    db = store.connect(folder / "ceiling.db")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, value REAL, at TEXT)")
    started, done = time.perf_counter(), 0
    while done < count and time.monotonic() < deadline:
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.execute("INSERT INTO t (value, at) VALUES (?, ?)", [done, store.now()])
        db.conn.execute("COMMIT")
        done += 1
    seconds = time.perf_counter() - started
    db.close()
    return done, seconds


def drive(workers, deadline):
    """Run each worker (a list of one-request callables) in its own thread.

    Stops taking new work at DEADLINE. Returns the results and wall seconds.
    """
    results = []
    lock = threading.Lock()

    def run(calls):
        for call in calls:
            if time.monotonic() > deadline:
                return
            result = call()
            with lock:
                results.append(result)

    started = time.perf_counter()
    with ThreadPoolExecutor(len(workers)) as pool:
        list(pool.map(run, workers))
    return results, time.perf_counter() - started


def start_noop(port, threads, log, timeout=20):
    """benchmarks/noop_app.py in a subprocess, answering on loopback."""
    with log.open("wb") as stderr:  # a file: a pipe nobody reads fills up
        process = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.noop_app", "--port", str(port)]
            + ["--threads", str(threads)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(log.read_text())
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{NOOP_PATH}", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the no-op app did not answer")


class NoopCeiling:
    """The no-op app in its own process, with one keep-alive client per worker."""

    def __init__(self, args, form, folder):
        self.args = args
        self.form = form
        port = free_port()
        self.process = start_noop(port, args.threads, folder / "noop.log")
        self.clients = [
            HttpParticipant(f"http://127.0.0.1:{port}", args.study, TIMEOUT)
            for _ in range(args.concurrency)
        ]
        for client in self.clients:  # warm up: connections open, code paths hot
            client.request("POST", NOOP_PATH, form)

    def measure(self, deadline):
        """One phase of no-op requests: (rate, line to print)."""
        per_client = -(-self.args.noop_requests // self.args.concurrency)
        workers = [
            [lambda c=c: c.request("POST", NOOP_PATH, self.form)] * per_client
            for c in self.clients
        ]
        before = cpu_seconds(self.process.pid)
        replies, seconds = drive(workers, deadline)
        cpu = cpu_per_request(self.process.pid, before, len(replies))
        assert replies and all(r.status == 204 for r in replies)
        rate = len(replies) / seconds
        line = (
            f"no-op Flask route, same waitress, same form body: {rate:7.0f} req/s"
            f"  {timing([r.seconds for r in replies])}  {cpu}  ({len(replies)} req)"
        )
        return rate, line

    def stop(self):
        """Close the clients and end the no-op process."""
        for client in self.clients:
            client.close()
        self.process.kill()
        self.process.wait(10)


def pages_per_participant(study_id):
    """How many message pages one participant of the study answers."""
    study = Content(ROOT).study(study_id)
    return len(study.variants) if study.design == "within" else 1


def prepare(server, args, deadline):
    """Participants who consented and opened every page: (person, url, form)."""
    pages = pages_per_participant(args.study)
    seeds = itertools.count()

    def participant(_):
        person = HttpParticipant(server.url, args.study, TIMEOUT)
        chooser = random.Random(next(seeds))
        reply = person.consent()
        assert reply.status == 303, reply.status
        tasks = []
        for position in range(pages):
            url = f"/s/{args.study}/m/{position}"
            page = person.request("GET", url)
            assert page.status == 200, (url, page.status)
            form = answers_for(page.text, lambda _, options: chooser.choice(options))
            tasks.append((person, url, form))
        person.close()  # waitress caps open connections; submits bring their own
        return tasks

    people = -(-args.submits * args.rounds // pages)
    with ThreadPoolExecutor(args.concurrency) as pool:
        prepared = [t for tasks in pool.map(participant, range(people)) for t in tasks]
    if time.monotonic() > deadline:
        raise TimeoutError("preparing participants took longer than its budget")
    return prepared[: args.submits * args.rounds], people * (2 + pages)


def submit(server, tasks, args, deadline):
    """N clients, one keep-alive connection each, submit the prepared pages.

    A person (a cookie jar) always stays with one client, so their pages are
    sent in order, as a browser would.
    """
    by_person = {}
    for person, url, form in tasks:
        by_person.setdefault(person, []).append((url, form))
    connections = [
        http.client.HTTPConnection(f"127.0.0.1:{server.port}", timeout=TIMEOUT)
        for _ in range(args.concurrency)
    ]
    workers = [[] for _ in connections]
    for index, (person, pages) in enumerate(by_person.items()):
        connection = connections[index % len(connections)]
        for url, form in pages:
            workers[index % len(connections)].append(
                lambda p=person, u=url, f=form, c=connection: (
                    (p, u, f),
                    p.read(p.send("POST", u, f, connection=c)),
                )
            )
    try:
        return drive(workers, deadline)
    finally:
        for connection in connections:
            connection.close()


def fields(form):
    """How many answers a submitted form carries."""
    return sum(1 for name in form if name.startswith("q-"))


def count_lost(database, acknowledged):
    """Acknowledged answers missing from the database, doubled ones, all stored."""
    secret = database.with_name(database.name + ".secret").read_text().strip()
    serializer = URLSafeTimedSerializer(secret, salt="participant")
    db = store.connect(database)
    stored = {
        (token, position): n
        for token, position, n in db.execute(
            "SELECT p.token, a.position, count(*) FROM answers a"
            " JOIN participants p ON p.id = a.participant_id"
            " GROUP BY p.token, a.position"
        )
    }
    db.close()
    lost = doubled = 0
    for person, url, form in acknowledged:
        cookie = next(c.value for c in person.jar if c.name.startswith("sl-"))
        have = stored.get((serializer.loads(cookie), int(url.rsplit("/", 1)[1])), 0)
        lost += max(0, fields(form) - have)
        doubled += max(0, have - fields(form))
    return lost, doubled, sum(stored.values())


def submit_round(server, tasks, args, deadline):
    """One phase of answer submits: (results, rate, answers/s, line to print)."""
    before = cpu_seconds(server.process.pid)
    results, seconds = submit(server, tasks, args, deadline)
    cpu = cpu_per_request(server.process.pid, before, len(results))
    acknowledged = [task for task, reply in results if reply.status == 303]
    rate = len(acknowledged) / seconds
    answers = sum(fields(form) for _, _, form in acknowledged) / seconds
    line = (
        f"answer submits (POST of a full page, 303 back):   {rate:7.0f} req/s"
        f"  {timing([reply.seconds for _, reply in results])}  {cpu}"
        f"  ({len(acknowledged)} acknowledged, {len(results) - len(acknowledged)}"
        f" refused; {answers:.0f} answers/s)"
    )
    return results, rate, line


def measure_rounds(args, folder, budget):
    """Prepare, then no-op and submit phases in turns; SIGKILL; print as it goes."""
    database = folder / "bench.db"
    # Every simulated person comes from 127.0.0.1: lift the per-client consent
    # budget (sprintlab/web/throttling.py), which would refuse them after 60.
    os.environ.setdefault("SPRINTLAB_RATE_BUDGETS", '{"consent": [1000000, 1]}')
    server = ServerProcess(database, content_root=ROOT, threads=args.threads)
    server.start()
    noop = None
    results, ratios = [], []
    try:
        started = time.perf_counter()
        tasks, requests = prepare(server, args, budget.until(0.4))
        seconds = time.perf_counter() - started
        print(
            f"prepared {len(tasks)} answer pages through the real pages: "
            f"{requests} requests (consent, page views) at {requests / seconds:.0f}/s"
        )
        noop = NoopCeiling(args, tasks[0][2], folder)
        for number in range(args.rounds):
            phases_left = 2 * (args.rounds - number)  # the time left, shared out
            noop_rate, noop_line = noop.measure(budget.until(1 / phases_left))
            chunk = tasks[number * args.submits : (number + 1) * args.submits]
            round_results, rate, submit_line = submit_round(
                server, chunk, args, budget.until(1 / (phases_left - 1))
            )
            results += round_results
            ratios.append(rate / noop_rate)
            print(f"round {number + 1}:")
            print(f"  {noop_line}")
            print(f"  {submit_line}")
            print(f"  ratio submit/no-op: {ratios[-1]:.2f}")
    finally:
        if noop is not None:
            noop.stop()
        if server.process and server.process.poll() is None:
            server.kill()  # count only what survived a SIGKILL
    return database, results, ratios


def run(args):
    """Measure and print everything; 0 when the target is met."""
    budget = Budget(args.time_limit)
    print(
        f"sprintlab participant benchmark: study {args.study}, {args.concurrency}"
        f" concurrent clients, waitress threads={args.threads}, loopback"
    )
    with tempfile.TemporaryDirectory(prefix="sprintlab-bench-") as tmp:
        folder = Path(tmp)
        commits, seconds = sqlite_ceiling(
            folder, args.sqlite_commits, budget.until(0.1)
        )
        print(
            f"bare sqlite insert+commit (1 row/txn, WAL, synchronous=NORMAL): "
            f"{commits / seconds:7.0f} commits/s  ({commits} commits)"
        )
        database, results, ratios = measure_rounds(args, folder, budget)
        acknowledged = [task for task, reply in results if reply.status == 303]
        refused = len(results) - len(acknowledged)
        lost, doubled, stored = count_lost(database, acknowledged)
    print(
        f"stored after SIGKILL: {stored} answers; lost answers: {lost}; "
        f"doubled: {doubled}; refused submits: {refused}"
    )
    ratio = statistics.median(ratios)
    met = ratio >= TARGET and lost == 0 and doubled == 0 and refused == 0
    print(
        f"ratio submit/no-op, median of {len(ratios)} rounds: {ratio:.2f} "
        f"(rounds {', '.join(f'{r:.2f}' for r in ratios)}; target >= {TARGET:.2f},"
        " zero lost): " + ("met" if met else "NOT met")
    )
    return 0 if met else 1


def main(argv=None):
    """Run the benchmark under a hard time limit."""
    args = arguments(argv)

    def out_of_time(signum, frame):
        raise TimeoutError(f"benchmark passed its {args.time_limit:.0f} s limit")

    # A last guard: every phase has its own deadline, but a hung socket ends here.
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(int(args.time_limit) + 15)
    try:
        return run(args)
    finally:
        signal.alarm(0)


if __name__ == "__main__":
    sys.exit(main())
