# PEP: `make run` serves the app with the 2020 book loaded; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint ci worker

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py bootstrap
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# A background worker (docs/operations.md): it runs the jobs queued in the database (imports,
# closings, large exports, e-mail) when TASKS_BACKEND=database, the production default. Start
# as many as you like, on this machine or others, against the same DATABASE_URL. `make run`
# needs none: in development jobs run inside the request (TASKS_BACKEND=immediate).
worker: install
	TASKS_BACKEND=$${TASKS_BACKEND:-database} $(BIN)/python manage.py db_worker --no-reload $(WORKER_ARGS)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

ci: test lint

# Production-like serving (gunicorn + whitenoise) on BIND, default 127.0.0.1:8000, with WORKERS (2).
# Expects the production variables: DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (see
# .env.example and docs/operations.md). `make run` is for development.
.PHONY: serve
serve: install
	$(BIN)/python manage.py collectstatic --noinput
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/gunicorn pep.wsgi:application --bind $${BIND:-127.0.0.1:8000} --workers $${WORKERS:-2} --access-logfile - --error-logfile -

# README's screenshots, taken by the browser journeys in Debian's Chromium.
.PHONY: screenshots
screenshots: install
	PEP_SCREENSHOTS=docs/img $(BIN)/pytest tests/browser -k readme_screenshots

# Benchmarks (not timed tests): pages under gunicorn + wrk, import_book against a bare openpyxl
# read, peak memory; writes the figures into docs/performance.md. Options: BENCH_ARGS="--runs 1".
.PHONY: bench
bench: install
	command -v wrk >/dev/null || apt-get install -y wrk
	$(BIN)/python -m tools.bench --output docs/performance.md $(BENCH_ARGS)
