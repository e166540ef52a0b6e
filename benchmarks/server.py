"""The bench database and the gunicorn servers: prepared, started, and always stopped."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time

from .config import BENCH_DIR, ROOT

HOST = "127.0.0.1"


def manage(env, *args, log=print):
    """Run ``manage.py`` with the bench environment, showing its output as it comes.

    Seeding at scale ``large`` takes minutes; its progress lines are the only sign of life.
    """
    started = time.monotonic()
    lines = []
    with subprocess.Popen(  # noqa: S603 — our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        for line in process.stdout:
            lines.append(line)
            log(f"  {line.rstrip()}")
        returncode = process.wait()
    output = "".join(lines)
    if returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output}")
    log(f"manage.py {' '.join(args)} ({time.monotonic() - started:.1f}s)")
    return output


def ensure_database(url, log=print):
    """Create a PostgreSQL bench database when it is missing (SQLite creates its own file)."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import dj_database_url
    import psycopg
    from psycopg import sql

    conf = dj_database_url.parse(url)
    params = {
        "host": conf["HOST"] or None,
        "port": conf["PORT"] or None,
        "user": conf["USER"] or None,
        "password": conf["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [conf["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(conf["NAME"])))
            log(f"created database {conf['NAME']}")


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn with ``workers`` processes on 127.0.0.1; a context manager that always stops it."""

    def __init__(self, env, *, port, workers, name):
        self.env, self.port, self.workers, self.name = env, port or free_port(), workers, name
        self.process = None
        self.log_path = BENCH_DIR / f"gunicorn-{name}.log"

    def __enter__(self):
        self.log_file = open(self.log_path, "w")  # noqa: SIM115 — closed in __exit__
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "institute.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "gthread",
                "--threads",
                "2",
                "--log-level",
                "warning",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stopping it stops every worker
        )
        try:
            self._wait_ready()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.name} exited; see {self.log_path}")
            try:
                status, _ = self.get("/robots.txt")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn {self.name} did not answer in {timeout}s")

    def get(self, path, headers=None):
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            conn.request("GET", path, headers={"Host": "localhost", **(headers or {})})
            response = conn.getresponse()
            response.read()
            return response.status, dict(response.getheaders())
        finally:
            conn.close()

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
            except ProcessLookupError:
                pass
        if getattr(self, "log_file", None):
            self.log_file.close()
        return False
