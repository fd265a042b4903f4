"""Run sprintlab as a real server in a subprocess, for tests and benchmarks."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port():
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """`sprintlab serve` on loopback; started and stopped as a context manager."""

    def __init__(self, database, content_root=None, port=None, threads=8, env=None):
        self.database = Path(database)
        self.content_root = content_root
        self.port = port or free_port()
        self.threads = threads
        self.env = env or {}
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        """The command line that starts the server."""
        command = [
            sys.executable, "-m", "sprintlab", "serve", "--db", str(self.database),
            "--host", "127.0.0.1", "--port", str(self.port),
            "--threads", str(self.threads),
        ]  # fmt: skip
        if self.content_root:
            command += ["--content", str(self.content_root)]
        if not self.database.exists():
            command.append("--init")  # a first start creates the database
        return command

    def environment(self):
        """The environment the server runs in."""
        return os.environ | {"PYTHONUNBUFFERED": "1"} | self.env

    def start(self, timeout=20):
        # stderr goes to a file, never an unread pipe: under load waitress
        # logs a warning per queued request, and a full pipe blocks the server.
        self.log_path = self.database.with_name(self.database.name + ".log")
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                self.command(),
                stdout=subprocess.DEVNULL,
                stderr=log,
                env=self.environment(),
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log_path.read_text(errors="replace"))
            try:
                urllib.request.urlopen(self.url + "/", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"sprintlab serve did not answer within {timeout}s")

    def kill(self):
        """SIGKILL: the process gets no chance to clean up."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class GunicornProcess(ServerProcess):
    """sprintlab under gunicorn, started as the README says, on loopback."""

    def __init__(self, database, content_root=None, workers=2):
        super().__init__(database, content_root)
        self.workers = workers
        self.extra = []

    def command(self):
        """gunicorn on the app factory, with the README's settings."""
        return [
            sys.executable, "-m", "gunicorn", "--workers", str(self.workers),
            "--threads", "4", "--preload", "--graceful-timeout", "10",
            "--bind", f"127.0.0.1:{self.port}", *self.extra, "sprintlab:create_app()",
        ]  # fmt: skip

    def environment(self):
        """The settings, as SPRINTLAB_* variables that create_app reads."""
        settings = {"SPRINTLAB_DATABASE": str(self.database)}
        if self.content_root:
            settings["SPRINTLAB_CONTENT"] = str(self.content_root)
        return super().environment() | settings


def descendant_pids(pid):
    """The live processes below PID: its children, theirs, ... (Linux /proc)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents.setdefault(int(fields[1]), set()).add(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        children = parents.get(todo.pop(), set()) - found
        found |= children
        todo.extend(children)
    return found


def alive(pid):
    """Whether process PID runs (a zombie does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
