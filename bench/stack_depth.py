"""How much of a page's CPU goes on CPython's frame-stack chunks (issue 8, item 10).

CPython 3.11 to 3.13 keep the frames of Python calls in 16 KB chunks. A call that does
not fit in the current chunk maps a new one, and returning from it unmaps that chunk
again, so a loop that calls across the boundary pays an mmap and an munmap on every call
(python/cpython#142183: fixed on CPython's main branch and in 3.13 in March 2026;
3.11 and 3.12 take only security fixes). Where the boundary falls depends on how deep
the stack is when the page starts, so the same page costs more or less CPU when it is
served a few frames deeper.

    .venv/bin/python -m bench.stack_depth                  # the update form, 0 to 70 frames deeper
    .venv/bin/python -m bench.stack_depth --page board_dashboard --frames 0,20,40,60

For each depth, gunicorn serves the page as in `make bench` (production settings, 3
workers) through bench/deep_wsgi.py, that many frames deeper: strace counts the 16 KB
chunks the workers unmap over `--traced` requests made one at a time, then wrk measures
p50, p95 and the CPU a request as `make bench` does. Needs the benchmark's scale-1
database (built or reused as by `make bench`), PostgreSQL and Redis as `make bench` does,
wrk, and strace (`apt-get install strace`); prints a Markdown table.
"""

import argparse
import json
import subprocess
import time
from pathlib import Path

from bench.measure import (
    DATABASES,
    LARGE,
    PAGE_LABELS,
    VAR_DIR,
    Server,
    collect_static,
    ensure_database,
    fetch,
    measure_page,
    run_inprocess,
    server_processes,
)

STRACE = "/usr/bin/strace"
CHUNK_BYTES = 16 * 1024  # CPython's DATA_STACK_CHUNK_SIZE


def chunks_unmapped(server: Server, url: str, headers: dict, requests: int) -> float:
    """16 KB munmaps a request across gunicorn's workers: frame-stack chunks freed."""
    log = VAR_DIR / "strace.log"
    workers = server_processes(server)["app"]
    command = [STRACE, "-e", "trace=munmap", "-o", str(log)]
    for pid in workers:
        command += ["-p", str(pid)]
    tracer = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    # strace says "Process N attached" once per process before it traces anything.
    for _ in workers:
        said = tracer.stderr.readline()
        if "attached" not in said:
            tracer.kill()
            raise SystemExit(f"strace could not trace gunicorn's workers: {said.strip()}")
    for _ in range(requests):
        status = fetch(url, headers)[0]
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
    tracer.terminate()
    tracer.wait()
    unmapped = sum(f", {CHUNK_BYTES})" in line for line in log.read_text().splitlines())
    return round(unmapped / requests, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", default="update_form", choices=list(PAGE_LABELS))
    parser.add_argument("--frames", default="0,10,20,30,40,50,60,70")
    parser.add_argument("--traced", type=int, default=50, help="requests counted by strace")
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8721)
    args = parser.parse_args()
    if not Path(STRACE).exists():
        raise SystemExit(f"{STRACE} is needed: apt-get install strace")

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    ensure_database(LARGE, DATABASES[LARGE], rebuild=False)
    collect_static()
    signed_in = run_inprocess(LARGE)
    page = signed_in["pages"][args.page]
    cookie = (
        f"{signed_in['cookie_name']}={signed_in['sessions'][page['who']]}"
        if page["who"] != "anonymous"
        else None
    )
    headers = {"Cookie": cookie} if cookie else {}
    rows = []
    for frames in [int(n) for n in args.frames.split(",")]:
        with Server(
            LARGE,
            port=args.port,
            workers=args.workers,
            settings={"BENCH_EXTRA_FRAMES": str(frames)},
            application="bench.deep_wsgi",
        ) as server:
            url = server.base + page["path"]
            for _ in range(3 * args.workers):  # every worker has drawn the page once
                fetch(url, headers)
            unmapped = chunks_unmapped(server, url, headers, args.traced)
            figures = measure_page(server, url, cookie, args)
        rows.append({"frames": frames, "chunks_unmapped": unmapped, **figures})
        print(
            f"{frames} frames deeper: {unmapped} chunks a request, "
            f"{figures['app_cpu_ms']} + {figures['db_cpu_ms']} ms CPU, "
            f"p95 {figures['p95_ms']:.1f} ms",
            flush=True,
        )
    (VAR_DIR / f"stack-depth-{args.page}.json").write_text(json.dumps(rows, indent=1))
    print(f"\n{PAGE_LABELS[args.page]} ({page['path']}), {time.strftime('%Y-%m-%d %H:%M')}\n")
    print(
        "| frames deeper | 16 KB chunks unmapped a request | CPU ms/req app + db "
        "| alone ms | p50 ms | p95 ms |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['frames']} | {row['chunks_unmapped']:.0f} "
            f"| {row['app_cpu_ms']:.1f} + {row['db_cpu_ms']:.1f} | {row['alone_ms']:.1f} "
            f"| {row['p50_ms']:.1f} | {row['p95_ms']:.1f} |"
        )


if __name__ == "__main__":
    main()
