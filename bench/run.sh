#!/usr/bin/env bash
# `make bench`: the England-scale benchmark (issue 8). Needs PostgreSQL on 127.0.0.1:5432
# and Redis on 127.0.0.1:6379 (started here if they are not running, as .ci/run does),
# and wrk (installed from Debian if missing). Arguments go to bench/measure.py, e.g.
#   bench/run.sh --rebuild          regenerate both databases
#   bench/run.sh --label baseline   store the run under another name in results.json
set -euo pipefail
cd "$(dirname "$0")/.."

source bench/services.sh

exec .venv/bin/python bench/measure.py "$@"
