"""A tiny app served by sprintlab.cli.serving.serve, for tests of stopping.

/slow takes SLOW_SECONDS and then answers with a large page whose last line
says it is complete; /started says how many /slow requests have begun.

Run: python -m tests.serving_app --port P
"""

import argparse
import threading
import time

from flask import Flask

from sprintlab.cli.serving import serve

SLOW_SECONDS = 1.5
SLOW_LINES = 20_000  # about 600 kB: more than one write to the socket
LAST_LINE = "complete"


def create_app():
    """The app: a slow page and a count of slow pages begun."""
    app = Flask(__name__)
    started = []
    lock = threading.Lock()

    @app.get("/slow")
    def slow():
        with lock:
            started.append(1)
        time.sleep(SLOW_SECONDS)
        lines = [f"line {n:09d} of a slow page" for n in range(SLOW_LINES)]
        return "\n".join([*lines, LAST_LINE])

    @app.get("/started")
    def started_count():
        return str(len(started))

    return app


def main():
    """Serve the app on loopback until stopped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    serve(create_app(), "127.0.0.1", args.port, threads=4)
    print("drained and stopped", flush=True)


if __name__ == "__main__":
    main()
