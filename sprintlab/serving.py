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
"""

import logging

from waitress.task import ThreadedTaskDispatcher

# Waitress worker threads for research, studio, gallery and static files.
SERVE_THREADS = 8
PARTICIPANT_THREADS = 1
PARTICIPANT_PATHS = ("/s/", "/withdraw")


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


def create_server(app, host, port, threads=SERVE_THREADS):
    """A waitress server for APP on HOST:PORT with the split dispatcher."""
    from waitress import create_server as waitress_server

    dispatcher = SplitDispatcher()
    dispatcher.set_thread_count(threads)
    return waitress_server(
        app, host=host, port=port, threads=threads, ident="sprintlab",
        _dispatcher=dispatcher,
    )  # fmt: skip


def serve(app, host, port, threads=SERVE_THREADS):
    """Serve APP until interrupted, logging waitress's errors to stderr."""
    logging.basicConfig()
    # Waitress warns once per queued request under load; that is a flood of
    # lines, not news (the queue drains by itself).
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    create_server(app, host, port, threads).run()
