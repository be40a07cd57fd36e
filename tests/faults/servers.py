"""The servers a fault test owns: a private Redis, a private PostgreSQL cluster, gunicorn
and a Celery worker, each a subprocess on a port of its own that the test stops and
starts again at will, and always stops at the end, by its own process id.

Every process gets the environment a production deployment gives it
(`production_environment`): production settings, and the database, broker, cache and
email folder to use, and nothing else of the app's settings from the caller's shell.
"""

import os
import pwd
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg2
import redis

REPO = Path(__file__).resolve().parents[2]
# The virtualenv's programs: gunicorn and celery, as the Procfile and a deployment run them.
BIN = Path(sys.executable).parent
REDIS_SERVER = "/usr/bin/redis-server"
POSTGRES_BIN = "/usr/lib/postgresql/15/bin"

# Ports of our own, clear of the shared PostgreSQL (5432) and Redis (6379), which these
# tests never touch.
REDIS_PORT = 6391
POSTGRES_PORT = 5441
WEB_PORT_ON_PRIVATE_REDIS = 8711
WEB_PORT_ON_PRIVATE_POSTGRES = 8712

# Generous: a bound on a hung server, not a measure of speed.
WAIT_SECONDS = 30

SECRET_KEY = "faults-test-only-secret-key-not-for-use-anywhere-else"


def wait_until(condition: Callable[[], bool], what: str, *, owner=None) -> None:
    """Wait for `condition`; fail with the owner's log if it does not come, or if the
    owner's process exits first."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        if owner is not None and not owner.running():
            raise AssertionError(f"{what}: {owner.name} exited; it said:\n{owner.log_tail()}")
        time.sleep(0.1)
    said = f"; {owner.name} said:\n{owner.log_tail()}" if owner is not None else ""
    raise AssertionError(f"Waited {WAIT_SECONDS} s for {what}{said}")


def port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _free(port: int) -> None:
    if port_open(port):
        raise AssertionError(
            f"Port {port} is taken (a server left by an interrupted run?): stop that process"
        )


def _app_setting_names() -> set[str]:
    """The environment variables the app reads: every name .env.example lists."""
    text = (REPO / ".env.example").read_text()
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.M))


def production_environment(
    var_dir: Path, *, database_url: str, broker_url: str, cache_url: str = ""
) -> dict[str, str]:
    """The environment of a web or worker process as production sets it: production
    settings (tests/faults/web_settings.py), secrets and hosts from the environment,
    emails written to files under `var_dir` (no EMAIL_URL: Django's file backend)."""
    names = _app_setting_names()
    environment = {name: value for name, value in os.environ.items() if name not in names}
    environment.update(
        DJANGO_SETTINGS_MODULE="tests.faults.web_settings",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        CELERY_BROKER_URL=broker_url,
        CACHE_URL=cache_url,
        EMAIL_URL="",
        EMAIL_PROVIDER="django",
        ADOPTADAPT_VAR_DIR=str(var_dir),
        HEALTHZ_BROKER_TIMEOUT="1",
        PYTHONPATH=str(REPO),
    )
    return environment


class OwnedProcess:
    """A subprocess in a session of its own, its output in a log file, so stopping it
    reaches every child it made (gunicorn's workers, Celery's pool)."""

    def __init__(self, name: str, command: list[str], *, log: Path, environment=None):
        self.name, self.command, self.log = name, [str(part) for part in command], log
        self.environment = environment
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("a") as output:
            # Our own programs and arguments: nothing here comes from outside input.
            self.process = subprocess.Popen(  # noqa: S603
                self.command,
                cwd=REPO,
                env=self.environment,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def stop(self) -> None:
        """SIGTERM (gunicorn and Celery finish what they are doing), then SIGKILL to its
        process group if it has not gone within WAIT_SECONDS."""
        if not self.running():
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_tail(self, characters: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-characters:] if self.log.exists() else ""


def child_pids(pid: int) -> set[int]:
    """The processes whose parent is `pid` (gunicorn's workers), from /proc."""
    children = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.add(int(stat.parent.name))
    return children


class RedisServer:
    """redis-server on REDIS_PORT with nothing saved to disk, like the CI's Redis: once
    stopped, it starts again empty."""

    def __init__(self, directory: Path, port: int = REDIS_PORT):
        self.port = port
        directory.mkdir(parents=True, exist_ok=True)
        self.owner = OwnedProcess(
            "redis-server",
            [REDIS_SERVER, "--port", port, "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", directory],
            log=directory / "redis.log",
        )  # fmt: skip

    def url(self, database: int) -> str:
        return f"redis://127.0.0.1:{self.port}/{database}"

    def client(self, database: int) -> redis.Redis:
        return redis.Redis(port=self.port, db=database, socket_connect_timeout=1, socket_timeout=1)

    def answers(self) -> bool:
        try:
            with self.client(0) as client:
                return client.ping()
        except redis.RedisError:
            return False

    def start(self) -> None:
        _free(self.port)
        self.owner.start()
        wait_until(self.answers, f"Redis on port {self.port}", owner=self.owner)

    def stop(self) -> None:
        self.owner.stop()
        wait_until(lambda: not port_open(self.port), f"port {self.port} to close")


class PostgresCluster:
    """A PostgreSQL 15 cluster of our own on POSTGRES_PORT: trust authentication, its
    socket in its own folder, run as the postgres OS user (PostgreSQL refuses root)."""

    def __init__(self, directory: Path, port: int = POSTGRES_PORT):
        self.directory, self.port = directory, port
        self.data = directory / "data"
        self.log = directory / "postgres.log"

    def _as_postgres(self, program: str, *arguments) -> None:
        run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        command = [*run_as, f"{POSTGRES_BIN}/{program}", *map(str, arguments)]
        # Our own programs and arguments: nothing here comes from outside input.
        done = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=2 * WAIT_SECONDS, check=False
        )
        if done.returncode != 0:
            raise AssertionError(
                f"{program} {' '.join(map(str, arguments))} failed ({done.returncode}):\n"
                f"{done.stdout}{done.stderr}{self.log.read_text() if self.log.exists() else ''}"
            )

    def create(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            postgres = pwd.getpwnam("postgres")
            os.chown(self.directory, postgres.pw_uid, postgres.pw_gid)
        self._as_postgres(
            "initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
            "--no-sync",
        )  # fmt: skip

    def _options(self) -> str:
        return f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"

    def start(self) -> None:
        _free(self.port)
        self._as_postgres(
            "pg_ctl", "start", "-D", self.data, "-l", self.log, "-w", "-t", WAIT_SECONDS,
            "-o", self._options(),
        )  # fmt: skip

    def stop(self) -> None:
        self._as_postgres("pg_ctl", "stop", "-D", self.data, "-m", "fast", "-w")

    def restart(self) -> None:
        """What an operator does for a configuration change or a minor upgrade: every
        connection is cut, and the server is back a moment later."""
        self._as_postgres(
            "pg_ctl", "restart", "-D", self.data, "-l", self.log, "-m", "fast", "-w",
            "-t", WAIT_SECONDS, "-o", self._options(),
        )  # fmt: skip

    def running(self) -> bool:
        return (self.data / "postmaster.pid").exists() and port_open(self.port)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def query(self, sql: str, parameters=(), *, database: str = "postgres") -> list[tuple]:
        """Run one statement on its own connection (autocommit: CREATE DATABASE needs it)."""
        connection = psycopg2.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database, connect_timeout=5
        )
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql, parameters)
                return cursor.fetchall() if cursor.description else []
        finally:
            connection.close()

    def backend_pids(self, database: str) -> set[int]:
        """The server processes serving other clients' connections to `database`."""
        rows = self.query(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        return {pid for (pid,) in rows}


class WebServer:
    """gunicorn serving the app, as in production (sync workers)."""

    def __init__(self, port: int, environment: dict[str, str], log: Path, workers: int = 2):
        self.port = port
        self.owner = OwnedProcess(
            "gunicorn",
            [BIN / "gunicorn", "adoptadapt.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", workers, "--access-logfile", "-"],
            log=log,
            environment=environment,
        )  # fmt: skip

    def start(self) -> None:
        _free(self.port)
        self.owner.start()
        wait_until(self._answers, f"gunicorn on port {self.port}", owner=self.owner)

    def _answers(self) -> bool:
        from .browser import Browser

        try:
            return Browser(self.port).get("/healthz/live").status == 200
        except OSError:
            return False

    def process_ids(self) -> set[int]:
        """The master and its workers: the same set before and after a fault shows the
        web processes were not restarted."""
        return {self.owner.pid, *child_pids(self.owner.pid)}

    def stop(self) -> None:
        self.owner.stop()


class CeleryWorker:
    """`celery -A adoptadapt worker`, the Procfile's worker without beat (a test
    triggers the catch-up itself, as beat's daily entry would)."""

    def __init__(self, environment: dict[str, str], log: Path):
        self.environment = environment
        self.owner = OwnedProcess(
            "celery worker",
            [BIN / "celery", "-A", "adoptadapt", "worker", "--loglevel=INFO",
             "--concurrency=2", "--hostname=faults@%h", "--without-gossip",
             "--without-mingle", "--without-heartbeat"],
            log=log,
            environment=environment,
        )  # fmt: skip

    def __enter__(self):
        self.owner.start()
        return self

    def __exit__(self, *exc_info):
        self.owner.stop()
        return False

    def call(self, task: str) -> None:
        """Queue `task` from the command line, as an operator would (`celery call`)."""
        run([BIN / "celery", "-A", "adoptadapt", "call", task], self.environment)


def run(command: list, environment: dict[str, str]) -> subprocess.CompletedProcess:
    """Run a one-off command in the app's environment; fail with its output if it fails."""
    # Our own programs and arguments: nothing here comes from outside input.
    done = subprocess.run(  # noqa: S603
        [str(part) for part in command],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=4 * WAIT_SECONDS,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(
            f"{command} failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-4000:]}"
        )
    return done


def run_python(code: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    """Run Python code (with Django set up) in a process of its own, as a deployment's
    one-off commands run."""
    return run([sys.executable, "-c", f"import django\ndjango.setup()\n{code}"], environment)
