#!/usr/bin/env bash
# `make load`: the load run of issue 9 (bench/README.md). Needs what bench/run.sh needs
# (started or installed here). Arguments go to bench/load.py, e.g.
#   bench/load.sh --seconds 10      a shorter run
# Exits non-zero if any response was not a 200 (a 5xx, a redirect to sign in) or any
# request failed (socket error, timeout).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/services.sh

exec .venv/bin/python -m bench.load "$@"
