"""The worker process that makes reports, away from the server's threads.

One ProcessPoolExecutor (REPORT_WORKERS processes), started at its first
use, never at import, from a fresh interpreter ("spawn"): it holds none of
the server's sockets, locks or threads. A worker runs only when a core would
otherwise be idle (Linux SCHED_IDLE; elsewhere at nice WORKER_NICENESS) and
ends with the process that started it, also when that one is killed.

Light on purpose: a new worker imports this module before it lowers its
priority, so the heavy reporting modules load only afterwards.

The command line can start the worker earlier and faster (`prestart`): by
forking itself once it has loaded the reporting modules and before it has
any thread, socket or database connection. A forked worker is ready in
milliseconds; a spawned one takes about a second of imports first, which a
researcher opening a dashboard right after the server started would wait
for. A worker that dies is replaced by a spawned one.
"""

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

REPORT_WORKERS = 1
WORKER_NICENESS = 10
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")

_pool = None
_pool_lock = threading.Lock()


def _executor():
    """The worker pool, started at its first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(
                max_workers=REPORT_WORKERS,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=start_worker,
            )
        return _pool


def prestart():
    """Start the worker now by forking this process: only from a single thread.

    Call it before the app exists: the child must inherit no thread, socket,
    lock or database connection. Does nothing when a pool already exists or
    another thread runs (the first submit then spawns a worker as usual).
    """
    global _pool
    # What the worker needs, loaded and compiled once, before the fork shares it.
    import sprintlab.reporting.reports  # noqa: F401 - what a report job unpickles
    from sprintlab.reporting.html import compile_templates

    compile_templates()

    with _pool_lock:
        if _pool is not None or threading.active_count() > 1:
            return
        _pool = ProcessPoolExecutor(
            max_workers=REPORT_WORKERS,
            mp_context=multiprocessing.get_context("fork"),
            initializer=start_worker,
        )
        # With "fork" the first submit forks every worker at once, here, while
        # this is still the only thread.
        _pool.submit(os.getpid).result(timeout=60)


def submit(make, *args):
    """Run MAKE(*ARGS) in the worker; the Future of its result."""
    try:
        return _executor().submit(make, *args)
    except BrokenProcessPool:  # the worker died since: start another
        discard_pool()
        return _executor().submit(make, *args)


def discard_pool():
    """Forget the pool (after its worker died); the next submit starts one."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def shutdown():
    """Stop the worker process, and any report it is making."""
    discard_pool()
    for child in multiprocessing.active_children():  # only the pool's workers
        child.terminate()


def start_worker():
    """In a new worker: give way to the server, and end when it ends."""
    # Participants' pages come first: the scheduler gives the worker a core
    # only when the server and everything else on the machine can spare it
    # (Linux: only when a core would otherwise be idle).
    if hasattr(os, "sched_setscheduler") and hasattr(os, "SCHED_IDLE"):
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    else:
        os.nice(WORKER_NICENESS)
    one_core()
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), daemon=True).start()


def one_core():
    """Keep the worker's numeric libraries to one thread: one core at most.

    numpy's and scipy's BLAS start a thread per core; a worker using both
    cores of a small machine slowed participants' slowest answers twice as
    much, even at idle priority, as one using one core
    (benchmarks/dashboard.py). Libraries loaded later (a spawned worker) read
    the environment; those loaded already (a forked one) are set now.
    """
    for name in BLAS_THREADS:
        os.environ[name] = "1"
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1)


def _exit_after(parent):
    parent.join()
    os._exit(0)
