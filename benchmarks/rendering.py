"""What bounding a designer's template costs per render, beside an unbounded baseline.

Two ways to keep a template from running away with the server's CPU or
memory were measured, each rendering the same shipped letter body (compiled
once) for the same personas:

- restricted (chosen, sprintlab.content): the message template language has
  no loops, calls or macros, and every render runs in process under a
  metered budget (CPU time and bytes made);
- child processes: Jinja's sandbox as before, but run in a small pool of
  long-lived renderer processes (multiprocessing, forkserver), each with
  RLIMIT_AS at its start-up size plus the budget and a per-render CPU timer
  (ITIMER_VIRTUAL); a child that dies or times out is replaced. Built here
  only, as a prototype to measure.

The baseline is Jinja's immutable sandbox in process with no bound at all,
which is what sprintlab did before. Per render it prints wall and CPU time
(the benchmark process and, for the pool, its children), the median over
rounds that take turns, and the ratio to the baseline. Then it times
`sprintlab check`'s work on the shipped content with the year-long sweep
beside the old check (three personas on one date), in the same run, and
the check as it was before the manipulation check and the 20-persona
readability (one reading persona, no variant compared with its control).

Run: python -m benchmarks.rendering [--renders 2000] [--rounds 5]
"""

import argparse
import multiprocessing
import os
import resource
import signal
import statistics
import time
from datetime import date
from pathlib import Path

from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from sprintlab.content import budget, check, rendering, sweep
from sprintlab.content.check import check_paths
from sprintlab.content.folder import Content
from sprintlab.content.formatting import euro, long_date
from sprintlab.content.personas import make_persona
from sprintlab.content.rendering import compile_source, run

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ("letter/controle", "nl")
DAY = date(2026, 11, 28)
REPLY_TIMEOUT = 2.0  # seconds the pool waits for a child before replacing it


def arguments(argv=None):
    """The command line: renders per round and rounds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--check-rounds", type=int, default=3)
    return parser.parse_args(argv)


def unbounded_environment(language):
    """Jinja's immutable sandbox with sprintlab's filters and no bound: the baseline."""
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )
    env.globals.clear()
    env.filters["euro"] = lambda amount: euro(amount, language)
    env.filters["date"] = lambda value: long_date(value, language)
    return env


def _address_space():
    """This process's virtual memory size in bytes (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize in /proc/self/status")


class OverCpu(Exception):
    """The child's per-render CPU timer went off."""


def _on_timer(signum, frame):
    raise OverCpu("over the CPU budget")


def child_main(conn, memory_bytes, cpu_seconds):
    """A renderer process: bounded address space, a CPU timer per render."""
    limit = _address_space() + memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGVTALRM, _on_timer)
    environments, compiled = {}, {}
    while True:
        request = conn.recv()
        if request is None:
            return
        source, context, language = request
        signal.setitimer(signal.ITIMER_VIRTUAL, cpu_seconds)
        try:
            env = environments.setdefault(language, unbounded_environment(language))
            template = compiled.get(source)
            if template is None:
                template = compiled[source] = env.from_string(source)
            reply = ("ok", template.render(context))
        except (OverCpu, MemoryError, Exception) as error:  # noqa: BLE001 -- reported to the parent
            reply = ("error", f"{type(error).__name__}: {error}")
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        conn.send(reply)


class ChildPool:
    """Long-lived renderer processes; one that dies or times out is replaced."""

    def __init__(self, size=1, limits=None):
        self.limits = limits or budget.default_budget()
        self.context = multiprocessing.get_context("forkserver")
        self.idle = [self._start() for _ in range(size)]

    def _start(self):
        parent, child = self.context.Pipe()
        process = self.context.Process(
            target=child_main,
            args=(child, self.limits.memory_bytes, self.limits.cpu_seconds),
            daemon=True,
        )
        process.start()
        child.close()
        return process, parent

    def render(self, source, context, language):
        """SOURCE rendered by a child; ('error', why) when it fails."""
        process, conn = self.idle.pop()
        conn.send((source, context, language))
        if not conn.poll(REPLY_TIMEOUT):
            process.kill()
            self.idle.append(self._start())
            return ("error", "no reply in time: renderer replaced")
        try:
            reply = conn.recv()
        except EOFError:
            self.idle.append(self._start())
            return ("error", "renderer died: replaced")
        self.idle.append((process, conn))
        return reply

    def cpu_seconds(self):
        """CPU time used so far by the children (Linux schedstat, ns)."""
        total = 0
        for process, _ in self.idle:
            fields = Path(f"/proc/{process.pid}/schedstat").read_text().split()
            total += int(fields[0])
        return total / 1e9

    def close(self):
        """Stop every child."""
        for process, conn in self.idle:
            conn.send(None)
            process.join(5)


def _timed(render, contexts, children=None):
    """(wall, cpu) seconds per render for RENDER over CONTEXTS."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    child0 = children.cpu_seconds() if children else 0.0
    for context in contexts:
        render(context)
    wall = time.perf_counter() - wall0
    cpu = time.process_time() - cpu0
    if children:
        cpu += children.cpu_seconds() - child0
    return wall / len(contexts), cpu / len(contexts)


def render_costs(args):
    """Median (wall, cpu) per render for the baseline and both designs."""
    template = Content(ROOT).template(*TEMPLATE)
    language = template.language
    contexts = [
        {"persona": make_persona(seed, language, DAY), "today": DAY}
        for seed in range(args.renders)
    ]
    baseline = unbounded_environment(language).from_string(template.body)
    restricted = compile_source(template.body, language, template.body_line)

    def restricted_render(context):
        with budget.metered():
            run(restricted, context, template.body_line)

    began = time.perf_counter()
    pool = ChildPool()
    pool.render(template.body, contexts[0], language)  # started and compiled
    started = time.perf_counter() - began

    def child_render(context):
        status, text = pool.render(template.body, context, language)
        assert status == "ok", text

    results = {"baseline": [], "restricted": [], "child processes": []}
    for _ in range(args.rounds):
        results["baseline"].append(_timed(baseline.render, contexts))
        results["restricted"].append(_timed(restricted_render, contexts))
        results["child processes"].append(_timed(child_render, contexts, pool))
    pool.close()
    return results, started


BEFORE_MANIPULATION = "year-long sweep, 1 reading persona, no manipulation check"


def check_costs(args):
    """Median CPU seconds of check's work on the shipped content: old and swept."""
    content = Content(ROOT)
    targets = (content.prototypes_dir, content.messages_dir)
    year_long = sweep.sweep
    manipulation, personas = check._manipulation_check, check.READING_PERSONAS
    old = {"old check (3 personas, 1 date)": lambda start: [(DAY, s) for s in range(3)]}
    rows = [
        *old.items(),
        (BEFORE_MANIPULATION, year_long),
        ("year-long sweep", year_long),
    ]
    timings = {name: [] for name, _ in rows}
    for _ in range(args.check_rounds):
        for name, pairs in rows:
            sweep.sweep = pairs
            before = name == BEFORE_MANIPULATION
            check._manipulation_check = (
                (lambda *a: ([], [])) if before else manipulation
            )
            check.READING_PERSONAS = 1 if before else personas
            sweep._persona.cache_clear()
            rendering._compiled.clear()  # each check starts cold, as a new process
            began = time.process_time()
            problems = check_paths(targets, content.messages_dir)
            timings[name].append(time.process_time() - began)
            assert not [p for p in problems if p.level == "error"], problems
    sweep.sweep = year_long
    check._manipulation_check, check.READING_PERSONAS = manipulation, personas
    return {name: statistics.median(values) for name, values in timings.items()}


def main(argv=None):
    """Measure and print the per-render costs and the check times."""
    args = arguments(argv)
    results, started = render_costs(args)
    base_wall = statistics.median(wall for wall, _ in results["baseline"])
    base_cpu = statistics.median(cpu for _, cpu in results["baseline"])
    print(f"per render of {'/'.join(TEMPLATE)} (median of {args.rounds} rounds of"
          f" {args.renders}; cores: {os.cpu_count()})")  # fmt: skip
    for name, rounds in results.items():
        wall = statistics.median(w for w, _ in rounds)
        cpu = statistics.median(c for _, c in rounds)
        print(
            f"  {name:<16} wall {wall * 1e6:7.1f} µs ({wall / base_wall:4.2f}×)"
            f"   cpu {cpu * 1e6:7.1f} µs ({cpu / base_cpu:4.2f}×)"
        )
    print(f"  child pool start-up (fork server, one child, first render): "
          f"{started * 1000:.0f} ms")  # fmt: skip
    checks = check_costs(args)
    old = checks["old check (3 personas, 1 date)"]
    print("sprintlab check's work on the shipped content (median CPU time):")
    for name, seconds in checks.items():
        print(f"  {name:<32} {seconds:6.2f} s ({seconds / old:4.2f}×)")


if __name__ == "__main__":
    main()
