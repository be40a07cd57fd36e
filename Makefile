# The two commands: `make run` (the demo on http://127.0.0.1:8000) and `make test`.
# Each sets itself up from a fresh clone: a virtualenv, Python and npm packages,
# and the compiled GOV.UK Frontend assets.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install lint format check clean bench load

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile

# The suite on every core, up to 4 (each worker has its own test database and Redis
# database); TEST_WORKERS=0 runs it in this one process.
TEST_WORKERS ?= auto

test: install
	$(BIN)/pytest --numprocesses $(TEST_WORKERS) --maxprocesses 4 --dist loadgroup

# The England-scale benchmark (bench/README.md): builds aa_bench_s01 and aa_bench_s1 on the
# local PostgreSQL (reused when unchanged), measures, writes bench/RESULTS.md. Not in `test`.
bench: install
	bench/run.sh $(BENCH_ARGS)

# The load run (issue 9, bench/README.md): wrk, 32 clients for 60 s over the main pages of
# aa_bench_s1 under gunicorn; fails on any 5xx or error. Not in `test`.
load: install
	bench/load.sh $(LOAD_ARGS)

install: $(VENV)/.installed static/build/app.css

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (set PYTHON=python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/app.css: node_modules/.installed scripts/build-frontend.mjs $(wildcard static/scss/*.scss)
	npm run --silent build

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) node_modules static/build staticfiles
