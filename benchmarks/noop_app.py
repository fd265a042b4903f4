"""A Flask app with one no-op route, served like `sprintlab serve`: the ceiling.

The participant benchmark starts it in a subprocess, so the no-op rate comes
from the same stack (Flask on waitress, the same split dispatcher and thread
count) as the real pages, without adding a route to the production app. Its
path is a participant path, so it is served by the participant worker, like
the answer submits it is compared with.

Run: python -m benchmarks.noop_app --port 5055 --threads 8
"""

import argparse

from flask import Flask

from sprintlab.cli.serving import serve

NOOP_PATH = "/s/noop"


def create_noop_app():
    """A Flask app whose only page does nothing and says so."""
    app = Flask(__name__)

    @app.route(NOOP_PATH, methods=["GET", "POST"])
    def noop():
        # The body is left unread on purpose: this is the cost of Flask and
        # waitress alone, not of parsing a form.
        return "", 204

    return app


def main():
    """Serve the no-op app on loopback until killed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    # The same waitress settings as `sprintlab serve` (threads, ident).
    serve(create_noop_app(), "127.0.0.1", args.port, args.threads)


if __name__ == "__main__":
    main()
