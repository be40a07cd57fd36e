"""The England-scale benchmark (issue 8): build the data, measure, write RESULTS.md.

    .venv/bin/python bench/measure.py            # what `make bench` runs (via bench/run.sh)
    .venv/bin/python bench/measure.py --rebuild  # regenerate both databases first
    .venv/bin/python bench/measure.py profile --page board_dashboard

`run` (the default) does everything in one go:

1. builds scale 0.1 and scale 1 into the PostgreSQL databases aa_bench_s01 and
   aa_bench_s1 with `generate_scale_data`, or reuses them when they were built for the
   same scale, generator, migrations and month (recorded as the database's comment);
2. counts SQL queries per page in-process (Django's test client) against each database;
3. serves scale 1 with gunicorn (production settings, DEBUG off) and drives each page
   with wrk, 8 connections for a fixed time, in the same run as the liveness view
   /healthz/live (the framework's floor), measured before and after the pages;
4. measures the bytes of each page and of the CSS and JavaScript it links;
5. composes and sends all the boards' digests into the file email backend, timed, with
   their queries counted;
6. writes the figures into bench/results.json and the table into bench/RESULTS.md
   (between the "generated" markers; the rest of the file is written by hand).

`inprocess`, `digests` and `profile` are the steps that need Django; `run` starts them as
subprocesses with the environment of the database they measure.
"""

import argparse
import datetime
import gzip
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PYTHON = REPO / ".venv" / "bin" / "python"
GUNICORN = REPO / ".venv" / "bin" / "gunicorn"
RESULTS_JSON = BENCH / "results.json"
RESULTS_MD = BENCH / "RESULTS.md"
PROFILES = BENCH / "profiles"
LUA = BENCH / "wrk_report.lua"

POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/7")
# A scratch folder for the benchmark's own throw-away server, on a developer's machine.
VAR_DIR = Path(os.environ.get("BENCH_VAR_DIR", "/tmp/aa_bench"))  # nosec B108
DATABASES = {"aa_bench_s01": 0.1, "aa_bench_s1": 1.0}
SMALL, LARGE = "aa_bench_s01", "aa_bench_s1"

FLOOR = ("floor", "/healthz/live", "anonymous")
PAGE_LABELS = {
    "floor": "Floor: /healthz/live",
    "directory_search": "Directory search",
    "innovation_page": "Innovation page",
    "adoption_overview": "Adoption overview",
    "update_form": "Monthly update form",
    "board_dashboard": "Board dashboard (largest board)",
    "api_progress_updates": "API list: progress updates",
}
# Both caches off: every page drawn afresh, as the first view after a change is.
RENDER_EVERY_TIME = {"PUBLIC_PAGE_CACHE": "false", "FRAGMENT_CACHE": "false"}
# Targets at scale 1 (issue 8).
P95_LIMIT_MS = {"board_dashboard": 150}
DEFAULT_P95_LIMIT_MS = 100
DASHBOARD_FLOOR_RATIO = 5
DIGESTS_LIMIT_S = 30
PAGE_BYTES_LIMIT = 200 * 1024


# --- environment ---------------------------------------------------------------------


def django_env(database: str) -> dict[str, str]:
    """The production settings on one benchmark database (DEBUG off)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="adoptadapt.settings.production",
        DJANGO_SECRET_KEY="bench-only-secret-key-not-for-use-anywhere-else-0123456789",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=f"{POSTGRES}/{database}",
        CELERY_BROKER_URL=REDIS,
        ADOPTADAPT_VAR_DIR=str(VAR_DIR),
        # The API's rate limits would turn most of a load test into 429s; a limit per
        # second keeps DRF's throttle (and its cache traffic) in the measured path.
        API_THROTTLE_ANON_RATE="100000/second",
        API_THROTTLE_USER_RATE="100000/second",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(REPO),
        # Keep each worker's connection for the whole run: a PostgreSQL backend that
        # closes mid-measurement takes its CPU time with it, and the database column
        # would undercount (production's 60 s did, for some pages).
        DATABASE_CONN_MAX_AGE="3600",
    )
    return env


def generator_env(database: str) -> dict[str, str]:
    """manage.py's own default settings (local), which allow generating data."""
    env = django_env(database)
    env["DJANGO_SETTINGS_MODULE"] = "adoptadapt.settings.local"
    env["DJANGO_DEBUG"] = "false"
    return env


def setup_django(database: str) -> None:
    os.environ.update(django_env(database))
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def postgres(sql: str, *params, database: str = "postgres"):
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/{database}")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else None
    finally:
        connection.close()


# --- 1. the data ------------------------------------------------------------------------


def fingerprint() -> str:
    """What the data depends on: the generator's code and the migrations."""
    digest = hashlib.sha256()
    files = [
        REPO / "adoptadapt" / "scale_data.py",
        REPO / "adoptadapt" / "scale_words.py",
        *sorted(REPO.glob("*/migrations/0*.py")),
    ]
    for path in files:
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ensure_database(database: str, scale: float, *, rebuild: bool) -> dict:
    """Reuse the database if it holds this scale, generator and month; else build it."""
    wanted = {
        "scale": scale,
        "fingerprint": fingerprint(),
        "month": datetime.date.today().strftime("%Y-%m"),
    }
    found = postgres(
        "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
        database,
    )
    if found and not rebuild:
        try:
            recorded = json.loads(found[0][0] or "{}")
        except ValueError:
            recorded = {}
        if all(recorded.get(key) == value for key, value in wanted.items()):
            print(f"Reusing {database} (scale {scale:g}, built {recorded.get('built_at')}).")
            return {**recorded, "reused": True}
    print(f"Building {database} at scale {scale:g} ...", flush=True)
    started = time.monotonic()
    if found:
        postgres(f'DROP DATABASE "{database}" WITH (FORCE)')
    postgres(f'CREATE DATABASE "{database}"')
    env = generator_env(database)
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=REPO, env=env, check=True
    )
    migrated = time.monotonic()
    subprocess.run(
        [PYTHON, "manage.py", "generate_scale_data", "--scale", str(scale)],
        cwd=REPO,
        env=env,
        check=True,
    )
    done = time.monotonic()
    vacuum(database)
    recorded = {
        **wanted,
        "built_at": datetime.datetime.now().isoformat(timespec="seconds"),
        "migrate_s": round(migrated - started, 1),
        "generate_s": round(done - migrated, 1),
        "vacuum_s": round(time.monotonic() - done, 1),
        "size": postgres("SELECT pg_size_pretty(pg_database_size(%s))", database)[0][0],
    }
    comment = json.dumps(recorded).replace("'", "")
    postgres(f"COMMENT ON DATABASE \"{database}\" IS '{comment}'")
    return {**recorded, "reused": False}


def vacuum(database: str) -> None:
    """VACUUM ANALYZE, as autovacuum would soon after a real load (visibility map for
    index-only scans, statistics for the planner)."""
    postgres("VACUUM (ANALYZE)", database=database)


# --- 2. queries per page, in-process ----------------------------------------------------


def command_inprocess(args) -> None:
    """Query counts for each page (after one warm-up request), and session cookies."""
    setup_django(args.database)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from adoptadapt.scale_data import BenchPages

    found = BenchPages.find()
    clients = {
        who: Client(headers={"x-forwarded-proto": "https"})
        for who in ("anonymous", "lead", "chair")
    }
    clients["lead"].force_login(found.lead)
    clients["chair"].force_login(found.chair)
    pages = {"floor": (FLOOR[1], FLOOR[2]), **found.pages()}
    results = {}
    for name, (path, who) in pages.items():
        client = clients[who]
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        results[name] = {
            "path": path,
            "who": who,
            "status": response.status_code,
            "queries": len(queries),
            "sql_ms": round(sum(float(q["time"]) for q in queries.captured_queries) * 1000, 1),
            "sql": [q["sql"][:300] for q in queries.captured_queries],
        }
    cookie = settings.SESSION_COOKIE_NAME
    output = {
        "pages": results,
        "cookie_name": cookie,
        "sessions": {who: clients[who].cookies[cookie].value for who in ("lead", "chair")},
        "board": {"name": found.board.name, "adoptions": found.board.adoptions.count()},
        "innovation": {
            "name": found.innovation.name,
            "adoptions": found.innovation.adoptions.count(),
        },
        "period": found.period.isoformat(),
    }
    Path(args.out).write_text(json.dumps(output, indent=1))


def run_inprocess(database: str) -> dict:
    out = VAR_DIR / f"inprocess-{database}.json"
    subprocess.run(
        [PYTHON, str(BENCH / "measure.py"), "inprocess", "--database", database, "--out", str(out)],
        cwd=REPO,
        # The queries of rendering the page: the second request would otherwise come
        # (whole or in part) from the page and fragment caches, with fewer.
        env={**django_env(database), **RENDER_EVERY_TIME},
        check=True,
    )
    return json.loads(out.read_text())


# --- 5. digests ----------------------------------------------------------------------------


def command_digests(args) -> None:
    """Compose and send every board's digest of the last month into the file backend."""
    setup_django(args.database)
    from django.db import connection
    from django.utils import timezone

    from governance.digests import digest_delivery_send, digest_period, digest_plan
    from governance.models import BoardDigest, DigestDelivery, GovernanceBoard

    now = timezone.now()
    period = digest_period(timezone.localdate(now))
    DigestDelivery.objects.filter(period=period).delete()
    BoardDigest.objects.filter(period=period).delete()
    counter = {"n": 0}

    def count(execute, sql, params, many, context):
        counter["n"] += 1
        return execute(sql, params, many, context)

    boards = list(GovernanceBoard.objects.order_by("pk"))
    per_board, sent = [], 0
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        for board in boards:
            board_started, board_queries = time.perf_counter(), counter["n"]
            waiting = digest_plan(board=board, period=period, now=now, queue=False)
            planned, plan_queries = time.perf_counter(), counter["n"] - board_queries
            for delivery_id in waiting:
                sent += digest_delivery_send(delivery_id).sent
            per_board.append(
                {
                    "board": board.name,
                    "adoptions": board.adoptions.count(),
                    "compose_s": round(planned - board_started, 3),
                    "send_s": round(time.perf_counter() - planned, 3),
                    "queries": counter["n"] - board_queries,
                    "plan_queries": plan_queries,
                    "emails": len(waiting),
                }
            )
    total = time.perf_counter() - started
    Path(args.out).write_text(
        json.dumps(
            {
                "period": period.isoformat(),
                "boards": len(boards),
                "emails_sent": sent,
                "seconds": round(total, 2),
                "compose_s": round(sum(b["compose_s"] for b in per_board), 2),
                "send_s": round(sum(b["send_s"] for b in per_board), 2),
                "queries": counter["n"],
                "slowest": max(per_board, key=lambda b: b["compose_s"] + b["send_s"]),
                "plan_queries": sorted({b["plan_queries"] for b in per_board}),
                "send_queries_per_email": round(
                    sum(b["queries"] - b["plan_queries"] for b in per_board) / max(1, sent), 1
                ),
            },
            indent=1,
        )
    )


def run_digests(database: str) -> dict:
    out = VAR_DIR / f"digests-{database}.json"
    subprocess.run(
        [PYTHON, str(BENCH / "measure.py"), "digests", "--database", database, "--out", str(out)],
        cwd=REPO,
        env=django_env(database),
        check=True,
    )
    return json.loads(out.read_text())


# --- profiling (not part of `run`) --------------------------------------------------------


def command_profile(args) -> None:
    """pyinstrument over one request of a page, and EXPLAIN ANALYZE of its slowest queries."""
    # Profile the rendering, not the caches' copies (PUBLIC_PAGE_CACHE=true to).
    for name, value in RENDER_EVERY_TIME.items():
        os.environ.setdefault(name, value)
    setup_django(args.database)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from adoptadapt.scale_data import BenchPages

    found = BenchPages.find()
    pages = found.pages()
    names = list(pages) if args.page == "all" else [args.page]
    PROFILES.mkdir(exist_ok=True)
    for name in names:
        path, who = pages[name]
        client = Client(headers={"x-forwarded-proto": "https"})
        if who != "anonymous":
            client.force_login(getattr(found, who))
        client.get(path)
        profiler = Profiler(interval=0.0005)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            profiler.start()
            response = client.get(path)
            profiler.stop()
            elapsed = time.perf_counter() - started
        captured = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
        sql_s = sum(float(q["time"]) for q in captured)
        lines = [
            f"# {name}: GET {path} as {who} -> {response.status_code}, "
            f"{len(response.content):,} bytes",
            f"# {elapsed * 1000:.0f} ms in all, {sql_s * 1000:.0f} ms in {len(captured)} queries",
            "",
            profiler.output_text(unicode=True, color=False, show_all=False),
            "",
            "# Slowest queries, with EXPLAIN (ANALYZE, BUFFERS)",
        ]
        with connection.cursor() as cursor:
            for query in captured[: args.explain]:
                lines += ["", f"## {float(query['time']) * 1000:.1f} ms", query["sql"], ""]
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                lines += [row[0] for row in cursor.fetchall()]
        target = PROFILES / f"{name}.txt"
        target.write_text("\n".join(lines) + "\n")
        print(
            f"{name}: {elapsed * 1000:.0f} ms ({sql_s * 1000:.0f} ms SQL, "
            f"{len(captured)} queries) -> {target.relative_to(REPO)}"
        )


# --- 3 and 4. gunicorn, wrk and bytes --------------------------------------------------------


class Server:
    """gunicorn with the production settings on the scale-1 database."""

    def __init__(
        self,
        database: str,
        *,
        port: int,
        workers: int,
        access_log: Path | None = None,
        settings: dict[str, str] | None = None,
        application: str = "adoptadapt.wsgi",
    ):
        self.database, self.port, self.workers = database, port, workers
        self.access_log = access_log
        self.settings = settings or {}
        self.application = application
        self.base = f"http://127.0.0.1:{port}"
        self.process = None

    def __enter__(self):
        env = {**django_env(self.database), **self.settings}
        self.log = open(VAR_DIR / "gunicorn.log", "w")  # noqa: SIM115 - closed in __exit__
        self.process = subprocess.Popen(
            [
                GUNICORN,
                self.application,
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                *(["--access-logfile", str(self.access_log)] if self.access_log else []),
            ],
            cwd=REPO,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        for _ in range(60):
            try:
                if fetch(self.base + FLOOR[1])[0] == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {VAR_DIR / 'gunicorn.log'}")
            time.sleep(0.5)
        raise SystemExit("gunicorn did not answer within 30 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()
        return False


def fetch(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    try:
        # Our own server on loopback: the URL is built here, never taken from input.
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310  # nosec B310
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')
MODULE_IMPORT = re.compile(r'import\s+(?:[^"\']+from\s+)?["\']([^"\']+)["\']')


def page_bytes(base: str, path: str, cookie: str | None) -> dict:
    """The page as served (gunicorn does not compress it) and, gzipped, as a compressing
    proxy would send it; and the stylesheets and scripts it links (and the modules they
    import) as WhiteNoise serves them to a browser that accepts brotli or gzip."""
    headers = {"Cookie": cookie} if cookie else {}
    status, body, _ = fetch(base + path, headers)
    assets, seen = [], set()
    queue = [
        urllib.parse.urljoin(base + path, src)
        for src in ASSET.findall(body.decode("utf-8", "replace"))
    ]
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        _, raw, _ = fetch(url)
        _, sent, sent_headers = fetch(url, {"Accept-Encoding": "br, gzip"})
        assets.append(
            {
                "url": url.replace(base, ""),
                "bytes": len(raw),
                "transferred": len(sent),
                "encoding": sent_headers.get("Content-Encoding", ""),
            }
        )
        if url.endswith((".mjs", ".js")):
            text = raw.decode("utf-8", "replace")
            queue += [
                urllib.parse.urljoin(url, m)
                for m in MODULE_IMPORT.findall(text)
                if m.startswith(".")
            ]
    html_gzip = len(gzip.compress(body, 6))
    asset_bytes = sum(a["transferred"] for a in assets)
    return {
        "status": status,
        "html": len(body),
        "html_gzip": html_gzip,
        "assets": assets,
        "assets_transferred": asset_bytes,
        "total": len(body) + asset_bytes,
        "total_if_compressed": html_gzip + asset_bytes,
    }


def wrk_run(
    url: str,
    *,
    seconds: int,
    connections: int,
    headers: tuple[str, ...] = (),
    script: Path = LUA,
    script_args: tuple[str, ...] = (),
) -> str:
    """wrk's output: one thread, a 30 s timeout, X-Forwarded-Proto as the proxy sets it."""
    command = [
        shutil.which("wrk") or "/usr/bin/wrk",
        "-t",
        "1",
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        "-H",
        "X-Forwarded-Proto: https",
    ]
    for header in headers:
        command += ["-H", header]
    command += [url]
    if script_args:
        command += ["--", *script_args]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def wrk_report(output: str, tag: str = "WRKJSON") -> dict:
    """The JSON line a wrk script printed after `tag`."""
    line = next(line for line in output.splitlines() if line.startswith(f"{tag} "))
    return json.loads(line[len(tag) + 1 :])


def wrk_figures(raw: dict) -> dict:
    """Requests, rate, latency percentiles and errors from wrk_report.lua's summary."""
    seconds_run = raw["duration_us"] / 1e6
    errors = sum(
        raw[k]
        for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return {
        "requests": raw["requests"],
        "rps": round(raw["requests"] / seconds_run, 1),
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p95_ms": raw["p95_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "mean_ms": round(raw["mean_us"] / 1000, 2),
        "errors": errors,
        "status_errors": raw["status_errors"],
    }


def wrk(url: str, *, seconds: int, connections: int, cookie: str | None) -> dict:
    headers = (f"Cookie: {cookie}",) if cookie else ()
    output = wrk_run(url, seconds=seconds, connections=connections, headers=headers)
    return wrk_figures(wrk_report(output))


# --- the whole run -------------------------------------------------------------------------


def machine() -> dict:
    def out(*command):
        try:
            return subprocess.run(
                command, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return "?"

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in out("lscpu").splitlines()
            if line.startswith("Model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return {
        "nproc": out("nproc"),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "postgres": postgres("SHOW server_version")[0][0],
        "python": platform.python_version(),
        "wrk": wrk_version(),
        "kernel": platform.release(),
    }


def wrk_version() -> str:
    try:
        found = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    except OSError:
        return "wrk ?"
    return " ".join(found.stdout.split()[:2])


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids) -> dict[int, float]:
    """User + system CPU seconds each process has used so far."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / TICK
    return used


def server_processes(server: "Server") -> dict[str, list[int]]:
    """gunicorn's workers and the PostgreSQL backends connected to the database."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    workers = [int(pid) for pid in children.read_text().split()]
    backends = [
        row[0]
        for row in postgres(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            server.database,
        )
    ]
    return {"app": workers, "db": backends}


def settle(base: str, *, quiet_ms: float = 25, timeout: float = 60) -> None:
    """Wait until the server has worked off what the last run left queued."""
    deadline, quick = time.monotonic() + timeout, 0
    while quick < 3 and time.monotonic() < deadline:
        began = time.perf_counter()
        fetch(base + FLOOR[1])
        quick = quick + 1 if (time.perf_counter() - began) * 1000 < quiet_ms else 0
        time.sleep(0.2)


def alone(url: str, cookie: str | None, *, times: int = 7) -> float:
    """The median time of a few requests one after another: the latency without queueing."""
    headers = {"Cookie": cookie} if cookie else {}
    spent = []
    for _ in range(times):
        began = time.perf_counter()
        fetch(url, headers)
        spent.append((time.perf_counter() - began) * 1000)
    return round(sorted(spent)[len(spent) // 2], 1)


def measure_page(server: "Server", url: str, cookie: str | None, args) -> dict:
    """wrk against one page, with the CPU the app and the database spent per request."""
    settle(server.base)
    single = alone(url, cookie)
    wrk(url, seconds=args.warmup, connections=args.connections, cookie=cookie)
    settle(server.base)
    processes = server_processes(server)
    before = {kind: cpu_seconds(pids) for kind, pids in processes.items()}
    figures = wrk(url, seconds=args.seconds, connections=args.connections, cookie=cookie)
    settle(server.base)
    processes = server_processes(server)
    for kind, pids in processes.items():
        after = cpu_seconds(pids)
        spent = sum(after[pid] - before[kind].get(pid, 0) for pid in after)
        figures[f"{kind}_cpu_ms"] = round(spent * 1000 / max(1, figures["requests"]), 2)
    figures["alone_ms"] = single
    return figures


def collect_static() -> None:
    """The static files, collected as a deployment does."""
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=REPO,
        env=django_env(LARGE),
        check=True,
    )


def command_run(args) -> None:
    started = time.monotonic()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    result = {
        "label": args.label,
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            "workers": args.workers,
            "connections": args.connections,
            "seconds": args.seconds,
            "warmup_seconds": args.warmup,
        },
    }
    result["databases"] = {
        name: ensure_database(name, scale, rebuild=args.rebuild)
        for name, scale in DATABASES.items()
    }
    collect_static()
    print("Counting queries per page in-process ...", flush=True)
    counts = {name: run_inprocess(name) for name in DATABASES}
    large = counts[LARGE]
    result["queries"] = {
        name: {db: counts[db]["pages"][name]["queries"] for db in DATABASES}
        for name in large["pages"]
    }
    result["status"] = {name: page["status"] for name, page in large["pages"].items()}
    result["shape"] = {
        "board": large["board"],
        "innovation": large["innovation"],
        "period": large["period"],
    }
    cookie_name = large["cookie_name"]
    cookies = {who: f"{cookie_name}={key}" for who, key in large["sessions"].items()}
    cookies["anonymous"] = None

    pages = [FLOOR[0]] + [name for name in large["pages"] if name != FLOOR[0]]
    if args.pages:
        pages = [FLOOR[0]] + [p for p in pages if p in args.pages.split(",")]
    print(f"Serving {LARGE} with gunicorn ({args.workers} workers) ...", flush=True)
    result["latency"], result["bytes"] = {}, {}
    result["load_before"] = os.getloadavg()
    with Server(LARGE, port=args.port, workers=args.workers) as server:
        for name in pages:
            page = large["pages"][name]
            result["bytes"][name] = page_bytes(server.base, page["path"], cookies[page["who"]])
        for name in [*pages, FLOOR[0]]:
            page = large["pages"][name]
            url, cookie = server.base + page["path"], cookies[page["who"]]
            key = name if name not in result["latency"] else "floor_after"
            print(
                f"  wrk {args.connections} connections, {args.seconds} s: {page['path']}",
                flush=True,
            )
            result["latency"][key] = measure_page(server, url, cookie, args)
    # What each page costs when nothing of it is kept: the first view after a change.
    result["rendered"] = {}
    with Server(
        LARGE, port=args.port + 1, workers=args.workers, settings=RENDER_EVERY_TIME
    ) as server:
        for name in pages[1:]:
            page = large["pages"][name]
            url, cookie = server.base + page["path"], cookies[page["who"]]
            print(f"  wrk, rendered every time: {page['path']}", flush=True)
            result["rendered"][name] = measure_page(server, url, cookie, args)
    result["load_after"] = os.getloadavg()
    print("Composing and sending every board's digest ...", flush=True)
    result["digests"] = run_digests(LARGE)
    result["duration_s"] = round(time.monotonic() - started)
    store = json.loads(RESULTS_JSON.read_text()) if RESULTS_JSON.exists() else {}
    store[args.label] = result
    RESULTS_JSON.write_text(json.dumps(store, indent=1) + "\n")
    write_markdown(store)
    print(f"Done in {result['duration_s']} s: {RESULTS_MD.relative_to(REPO)}")
    print(render_run(result))


# --- RESULTS.md ------------------------------------------------------------------------------

BEGIN, END = (
    "<!-- BEGIN generated by bench/measure.py -->",
    "<!-- END generated by bench/measure.py -->",
)


def verdict(ok: bool) -> str:
    return "pass" if ok else "**miss**"


def evaluate(result: dict) -> list[dict]:
    """One row per page, with each target's verdict."""
    latency, floor = result["latency"], result["latency"]["floor"]["p50_ms"]
    rows = []
    for name, figures in latency.items():
        page = "floor" if name == "floor_after" else name
        bytes_ = result["bytes"].get(page, {})
        queries = result["queries"].get(page, {})
        ratio = figures["p50_ms"] / floor if floor else None
        checks = []
        if page != "floor":
            limit = P95_LIMIT_MS.get(page, DEFAULT_P95_LIMIT_MS)
            measured = figures["requests"] > 0
            checks.append(("p95", measured and figures["p95_ms"] < limit, f"p95 < {limit} ms"))
            if page == "board_dashboard":
                checks.append(
                    (
                        "ratio",
                        measured and ratio <= DASHBOARD_FLOOR_RATIO,
                        f"p50 ≤ {DASHBOARD_FLOOR_RATIO}× floor",
                    )
                )
            checks.append(("bytes", bytes_.get("total", 0) < PAGE_BYTES_LIMIT, "< 200 KB"))
            checks.append(
                ("queries", len(set(queries.values())) == 1, "same queries at both scales")
            )
            checks.append(
                (
                    "status",
                    result["status"].get(page) == 200
                    and figures["errors"] == 0
                    and figures["requests"] > 0,
                    "200, no errors",
                )
            )
        rows.append(
            {
                "name": name,
                "page": page,
                "figures": figures,
                "ratio": ratio,
                "bytes": bytes_,
                "queries": queries,
                "checks": checks,
            }
        )
    return rows


def render_run(result: dict) -> str:
    m, s, shape = result["machine"], result["settings"], result["shape"]
    board, innovation = shape["board"], shape["innovation"]
    lines = [
        f"Run **{result['label']}** on {result['date']}, {result['duration_s']} s in all.",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory_gb']} GB memory, "
        f"PostgreSQL {m['postgres']}, Python {m['python']}, {m['wrk']}; wrk, gunicorn "
        "and PostgreSQL share the machine.",
        f"gunicorn: {s['workers']} sync workers, production settings (DEBUG off); wrk: "
        f"1 thread, {s['connections']} connections, {s['seconds']} s per page after "
        f"{s['warmup_seconds']} s of warm-up.",
        f"Largest board: {board['name']} ({board['adoptions']} adoptions); innovation page: "
        f"{innovation['name']} ({innovation['adoptions']} adoptions); reporting month "
        f"{shape['period'][:7]}.",
        "Load average (1, 5, 15 min) before the HTTP measurements: "
        + ", ".join(f"{x:.2f}" for x in result.get("load_before", ()))
        + "; after: "
        + ", ".join(f"{x:.2f}" for x in result.get("load_after", ()))
        + " (anything above 0 before is other work on the machine).",
        "",
        "| page | queries s0.1 / s1 | alone ms | p50 ms | p95 ms | p99 ms | req/s "
        "| p50 ÷ floor | CPU ms/req app + db | bytes (HTML + CSS/JS) | targets |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in evaluate(result):
        f, q, b = row["figures"], row["queries"], row["bytes"]
        queries = " / ".join(str(q.get(db, "?")) for db in DATABASES) if q else ""
        size = ""
        if b and row["page"] != "floor":
            size = f"{b['html'] / 1024:.0f} KB + {b['assets_transferred'] / 1024:.0f} KB"
        checks = ", ".join(f"{label}: {verdict(ok)}" for _, ok, label in row["checks"])
        label = PAGE_LABELS.get(row["page"], row["page"])
        if row["name"] == "floor_after":
            label += " (after the pages)"
        ratio = ""
        if row["ratio"] is not None and row["page"] != "floor":
            ratio = f"{row['ratio']:.1f}×"
        cpu = f"{f.get('app_cpu_ms', 0):.1f} + {f.get('db_cpu_ms', 0):.1f}"
        lines.append(
            f"| {label} | {queries} | {f.get('alone_ms', 0):.1f} | {f['p50_ms']:.1f} "
            f"| {f['p95_ms']:.1f} | {f['p99_ms']:.1f} | {f['rps']:.0f} | {ratio} | {cpu} "
            f"| {size} | {checks} |"
        )
    if result.get("rendered"):
        lines += [
            "",
            "The same pages with both caches off (`PUBLIC_PAGE_CACHE=false`, "
            "`FRAGMENT_CACHE=false`; a second gunicorn, same settings otherwise): what a "
            "page costs when nothing of it is kept, as the first view after a change. For "
            "reference; the targets above are the pages as served.",
            "",
            "| page, rendered every time | alone ms | p50 ms | p95 ms | p99 ms | req/s "
            "| CPU ms/req app + db |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, f in result["rendered"].items():
            lines.append(
                f"| {PAGE_LABELS.get(name, name)} | {f.get('alone_ms', 0):.1f} "
                f"| {f['p50_ms']:.1f} | {f['p95_ms']:.1f} | {f['p99_ms']:.1f} | {f['rps']:.0f} "
                f"| {f.get('app_cpu_ms', 0):.1f} + {f.get('db_cpu_ms', 0):.1f} |"
            )
    d = result["digests"]
    slowest = d["slowest"]
    lines += [
        "",
        f"Digests: {d['boards']} boards composed and {d['emails_sent']} emails sent into the "
        f"file backend in **{d['seconds']:.1f} s** ({d['compose_s']:.1f} s composing, "
        f"{d['send_s']:.1f} s sending), {d['queries']} queries (composing one board: "
        f"{', '.join(map(str, d['plan_queries']))} queries; sending: "
        f"{d['send_queries_per_email']} per email); slowest board: {slowest['board']} "
        f"({slowest['adoptions']} adoptions, {slowest['compose_s']:.2f} s). "
        f"Target < {DIGESTS_LIMIT_S} s: {verdict(d['seconds'] < DIGESTS_LIMIT_S)}.",
    ]
    built = []
    for name, info in result["databases"].items():
        text = f"{name} {'reused' if info.get('reused') else 'built'} at scale {info['scale']:g}"
        text += f", {info.get('size', '?')}"
        if "generate_s" in info:
            text += (
                f", generated in {info['generate_s']:.0f} s (+ {info['migrate_s']:.0f} s "
                f"migrating, {info['vacuum_s']:.0f} s vacuuming)"
            )
        built.append(text)
    lines += ["", "Data: " + "; ".join(built) + "."]
    sizes = [
        f"{PAGE_LABELS.get(name, name)} {b['html'] / 1024:.0f} KB "
        f"({b['html_gzip'] / 1024:.0f} KB gzipped)"
        for name, b in result["bytes"].items()
        if name != "floor"
    ]
    assets = next(
        (b["assets"] for n, b in result["bytes"].items() if n != "floor" and b["assets"]), []
    )
    linked = ", ".join(
        f"{a['url'].split('/')[-1]} {a['transferred'] / 1024:.0f} KB "
        f"({a['encoding'] or 'identity'}; {a['bytes'] / 1024:.0f} KB raw)"
        for a in assets
    )
    lines += [
        "",
        "Bytes: the HTML as gunicorn sends it (uncompressed), plus each linked stylesheet and "
        "script (and the modules it imports) as WhiteNoise sends them to a browser accepting "
        f"brotli: {linked}. HTML per page, and gzipped as a compressing proxy would send it: "
        + "; ".join(sizes)
        + ".",
    ]
    return "\n".join(lines)


def write_markdown(store: dict) -> None:
    order = ["baseline"] + [label for label in store if label != "baseline"]
    parts = [BEGIN, ""]
    for label in order:
        if label in store:
            parts += [f"### {label}", "", render_run(store[label]), ""]
    parts.append(END)
    results_md_replace(BEGIN, END, "\n".join(parts))


def results_md_replace(begin: str, end: str, generated: str) -> None:
    """Put `generated` (which starts with `begin` and ends with `end`) in RESULTS.md in
    place of what was between those markers; the rest is written by hand."""
    text = RESULTS_MD.read_text() if RESULTS_MD.exists() else "# Benchmark results\n"
    if begin not in text:
        text += f"\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    tail = rest.split(end, 1)[1]
    RESULTS_MD.write_text(head + generated + tail)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="everything (the default)")
    for p in (parser, run):
        p.add_argument("--rebuild", action="store_true", help="regenerate both databases")
        p.add_argument("--label", default="latest", help="name of this run in results.json")
        p.add_argument("--seconds", type=int, default=15, help="wrk time per page")
        p.add_argument("--warmup", type=int, default=3, help="wrk warm-up per page, not counted")
        p.add_argument("--connections", type=int, default=8)
        p.add_argument("--workers", type=int, default=3, help="gunicorn workers")
        p.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", 8701)))
        p.add_argument("--pages", help="comma-separated page names (default: all)")
    inprocess = sub.add_parser("inprocess")
    inprocess.add_argument("--database", required=True)
    inprocess.add_argument("--out", required=True)
    digests = sub.add_parser("digests")
    digests.add_argument("--database", required=True)
    digests.add_argument("--out", required=True)
    profile = sub.add_parser("profile", help="pyinstrument and EXPLAIN ANALYZE for a page")
    profile.add_argument("--database", default=LARGE)
    profile.add_argument("--page", default="all")
    profile.add_argument("--explain", type=int, default=4, help="how many slow queries to explain")
    sub.add_parser("markdown", help="rewrite RESULTS.md from results.json")
    args = parser.parse_args()
    if args.command == "inprocess":
        command_inprocess(args)
    elif args.command == "digests":
        command_digests(args)
    elif args.command == "profile":
        command_profile(args)
    elif args.command == "markdown":
        write_markdown(json.loads(RESULTS_JSON.read_text()))
    else:
        command_run(args)


if __name__ == "__main__":
    main()
