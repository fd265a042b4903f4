"""Serving sprintlab with waitress: participant pages have a worker of their own.

Python runs one thread at a time (the GIL), so worker threads add no speed
to pages that are pure Python and SQLite; they only take turns, and every
turn costs a hand-over. Measured with benchmarks/participants.py, answer
submits ran about a third faster, at a lower p99, on one worker than on
eight. Yet one worker for everything would leave participants waiting behind
a slow research page (an uncached dashboard takes seconds).

So requests are split by path before they reach a worker: participant pages
(/s/..., /withdraw) queue for one participant worker, in order; everything
else (research, studio, gallery, static files) goes to a pool of THREADS.
While a researcher's dashboard computes, participant pages still get their
turns; under a rush of participants, their pages never contend with each
other.

One process runs Python on one core at a time, so on Linux the server
pre-forks PROCESSES copies (one per core, at most four) that accept
connections from one listening socket, each with its own workers, database
connections and caches. Writers of all processes queue on one file lock
(sprintlab.db.connection), and a worker process dies with its parent, so a
killed server leaves nothing serving behind it.
"""

import contextlib
import ctypes
import logging
import os
import signal
import socket
import sys
import time

from waitress.task import ThreadedTaskDispatcher

# Waitress worker threads for research, studio, gallery and static files.
SERVE_THREADS = 8
PARTICIPANT_THREADS = 1
PARTICIPANT_PATHS = ("/s/", "/withdraw")
MAX_PROCESSES = 4
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a child gets when its parent dies
RESPAWN_PAUSE = 1.0  # seconds between replacing worker processes that died

log = logging.getLogger("sprintlab.serving")


def can_prefork():
    """Whether worker processes can be forked and tied to the parent (Linux)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork")


def default_processes():
    """One worker process per core, at most MAX_PROCESSES; one where forking is not."""
    if not can_prefork():
        return 1
    return max(1, min(MAX_PROCESSES, os.cpu_count() or 1))


def is_participant_path(path):
    """Whether PATH is a participant page, served by the participant worker."""
    return path.startswith(PARTICIPANT_PATHS)


class SplitDispatcher:
    """Waitress's task dispatcher in two: participant pages, and the rest.

    Waitress hands a connection to add_task with its next request first in
    line; the request's path picks the queue. Both halves are waitress's own
    ThreadedTaskDispatcher, so queueing, shutdown and errors stay waitress's.
    """

    def __init__(self, participant_threads=PARTICIPANT_THREADS):
        self.participants = ThreadedTaskDispatcher()
        self.participants.set_thread_count(participant_threads)
        self.others = ThreadedTaskDispatcher()

    def set_thread_count(self, count):
        """Size the pool for everything but participant pages."""
        self.others.set_thread_count(count)

    def add_task(self, channel):
        """Queue CHANNEL's next request with the workers for its path."""
        try:
            path = channel.requests[0].path
        except (AttributeError, IndexError):
            path = ""
        pool = self.participants if is_participant_path(path) else self.others
        pool.add_task(channel)

    def shutdown(self, cancel_pending=True, timeout=5):
        """Stop both pools; True when every worker thread ended in time."""
        done = self.participants.shutdown(cancel_pending, timeout)
        return self.others.shutdown(cancel_pending, timeout) and done


def create_server(app, host=None, port=None, threads=SERVE_THREADS, sockets=None):
    """A waitress server for APP with the split dispatcher.

    It listens on HOST:PORT, or accepts on SOCKETS already bound.
    """
    from waitress import create_server as waitress_server

    dispatcher = SplitDispatcher()
    dispatcher.set_thread_count(threads)
    where = {"sockets": sockets} if sockets else {"host": host, "port": port}
    return waitress_server(
        app, threads=threads, ident="sprintlab", _dispatcher=dispatcher, **where
    )


def serve(app, host, port, threads=SERVE_THREADS, processes=None):
    """Serve APP until interrupted, logging waitress's errors to stderr."""
    logging.basicConfig()
    # Waitress warns once per queued request under load; that is a flood of
    # lines, not news (the queue drains by itself).
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    processes = default_processes() if processes is None else processes
    if processes > 1 and not can_prefork():
        log.warning("worker processes need Linux; serving from one process")
        processes = 1
    if processes == 1:
        create_server(app, host, port, threads).run()
        return
    listener = socket.create_server((host, port), backlog=1024)
    try:
        _supervise(app, listener, threads, processes)
    finally:
        listener.close()


def _supervise(app, listener, threads, processes):
    """Fork PROCESSES workers on LISTENER, replace any that die, stop them all."""
    parent = os.getpid()
    children = set()
    stopping = False

    def stop(signum, frame):
        nonlocal stopping
        stopping = True
        for pid in children:
            _signal(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            while not stopping and len(children) < processes:
                children.add(_fork_worker(app, listener, threads, parent))
            if not children:
                return
            try:
                pid, status = os.wait()
            except ChildProcessError:
                return
            except KeyboardInterrupt:
                stop(signal.SIGINT, None)
                continue
            children.discard(pid)
            if not stopping:
                log.error(
                    "worker process %d ended (status %d); replacing it", pid, status
                )
                time.sleep(RESPAWN_PAUSE)
    finally:
        stop(signal.SIGTERM, None)


def _fork_worker(app, listener, threads, parent):
    """Fork one worker process that serves APP on LISTENER; return its pid."""
    pid = os.fork()
    if pid:
        return pid
    status = 0
    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        # Die with the parent, even when it is SIGKILLed; and if it already
        # died before this line, do not serve as an orphan.
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:
            os._exit(0)
        create_server(app, threads=threads, sockets=[listener]).run()
    except BaseException:  # noqa: BLE001 -- a worker must never return to the parent's loop
        log.exception("worker process failed")
        status = 1
    finally:
        os._exit(status)


def _signal(pid, signum):
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signum)
