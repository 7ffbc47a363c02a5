"""The portal as `make serve` runs it: gunicorn with production settings on 127.0.0.1.

Used by the benchmark (bench/run.py) and by the browser tests that check the production mode
(tests/browser/conftest.py): one place knows how to start it, wait for it and stop it.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ProductionServer:
    """gunicorn on 127.0.0.1 with ``settings`` (production ones); a context manager that always
    stops it. Static files are collected into ``folder`` first, media are kept there."""

    def __init__(
        self, folder, database_url, workers, *, settings="mmsp.settings.production", env=None, name="gunicorn"
    ):
        self.folder = Path(folder)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "local-only-" + os.urandom(16).hex(),
            "SECURE_SSL_REDIRECT": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_ROOT": str(self.folder / "static"),
            "MEDIA_ROOT": str(self.folder / "media"),
            **(env or {}),
        }
        bind = f"127.0.0.1:{self.port}"
        self.command = [str(GUNICORN), "mmsp.wsgi:application", "--chdir", str(ROOT), "--bind", bind]
        self.command += ["--workers", str(workers), "--timeout", "60"]
        self.log = self.folder / f"{name}.log"
        self.process = None

    def manage(self, *arguments):
        """Run a management command with the server's settings and database (in a subprocess)."""
        command = [sys.executable, "manage.py", *arguments]
        subprocess.run(command, cwd=ROOT, env=self.env, check=True)  # noqa: S603 -- our own command

    def __enter__(self):
        self.collect_static()
        self.start()
        return self

    def collect_static(self):
        # WhiteNoise's production storage needs the manifest of collected static files.
        self.manage("collectstatic", "--no-input", "--verbosity", "0")

    def start(self):
        """Start gunicorn and wait until /healthz answers (the static files already collected)."""
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 -- our own command
                self.command, cwd=ROOT, env=self.env, stdout=log, stderr=log
            )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise

    def _wait_until_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as response:  # noqa: S310 -- loopback
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz within 60 s; see {self.log}")

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        """SIGTERM: gunicorn finishes the requests in flight, then exits."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
