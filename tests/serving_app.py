"""A tiny app served by sprintlab.serving, for tests of the split dispatcher.

/slow holds a worker of the shared pool until /s/release is called (or 10 s
pass); /other is an ordinary page; /s/ping and /s/release are participant
paths, served by the participant worker.

Run: python -m tests.serving_app --port P --threads 1
"""

import argparse
import threading

from flask import Flask

from sprintlab.cli.serving import serve

RELEASE_AFTER = 10  # seconds /slow waits at most, so the test ends by itself


def create_app():
    """The app: a slow page, an ordinary one, and two participant pages."""
    app = Flask(__name__)
    released = threading.Event()

    @app.get("/slow")
    def slow():
        released.wait(RELEASE_AFTER)
        return "slow done"

    @app.get("/other")
    def other():
        return "other"

    @app.get("/s/release")
    def release():
        released.set()
        return "released"

    @app.get("/s/ping")
    def ping():
        return "pong"

    return app


def main():
    """Serve the app on loopback until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    # One process: the test is about the two worker pools inside one.
    serve(create_app(), "127.0.0.1", args.port, args.threads, processes=1)


if __name__ == "__main__":
    main()
