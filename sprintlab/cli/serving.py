"""Serving sprintlab with waitress: one process, a pool of worker threads.

Python runs one thread at a time, so a single process serves participants on
about one core; that carries a national panel with margin (see the README's
benchmarks). Heavy research work (reports and their charts) runs in a worker
process of its own (sprintlab.reporting.reports), so a dashboard never holds
up a participant's page. Whoever needs more processes runs gunicorn on the
same app factory (the README gives the line, under `sprintlab serve`);
writers of all processes queue on the file lock beside the database
(sprintlab.db.connection).

Stopping: SIGTERM and Ctrl+C end waitress's accept loop, so no new
connection or request is taken; waitress then lets the requests already
running finish (it waits up to DRAIN_SECONDS for its threads) before serve()
returns.
"""

import logging
import signal

from waitress import create_server

SERVE_THREADS = 8
# How long waitress's own shutdown waits for running requests (its default).
DRAIN_SECONDS = 5


def _stop(signum, frame):
    # waitress's run() treats SystemExit like Ctrl+C: it stops accepting and
    # drains its worker threads.
    raise SystemExit(0)


def serve(app, host, port, threads=SERVE_THREADS):
    """Serve APP on HOST:PORT until SIGTERM or Ctrl+C, then drain and return."""
    logging.basicConfig()
    # Waitress warns once per queued request under load; that is a flood of
    # lines, not news (the queue drains by itself).
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    server = create_server(
        app, host=host, port=port, threads=threads, ident="sprintlab"
    )
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
