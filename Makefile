# PEC Governance: `make run` and `make test` are the two commands (see README).
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
# Threads per worker that run the application: each keeps its own database connection, so
# WORKERS x BLOCKING_THREADS bounds the connections (granian's own default is far more).
BLOCKING_THREADS ?= 4

.PHONY: run install migrate demo serve test install-test lint typecheck test-sqlite test-postgres test-e2e bench clean

install: .venv/.installed

.venv/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check uv
	uv sync --frozen --python python3
	@touch $@

migrate: install
	@mkdir -p var
	$(PY) -m pecgov migrate --noinput -v0

demo: migrate
	$(PY) -m pecgov load_demo

run: demo
	@echo "Serving PEC Governance on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	.venv/bin/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) --blocking-threads $(BLOCKING_THREADS) --no-ws pecgov.wsgi:application

serve: migrate
	.venv/bin/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) --blocking-threads $(BLOCKING_THREADS) --no-ws pecgov.wsgi:application

install-test: install
	bash scripts/install-test-deps.sh

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

typecheck: install
	.venv/bin/mypy

test-sqlite: install
	PECGOV_TESTING=1 .venv/bin/pytest -n auto -m "not e2e" -q

test-postgres: install
	bash scripts/with-postgres.sh env PECGOV_TESTING=1 .venv/bin/pytest -n auto -m "not e2e" -q

test-e2e: install
	PECGOV_TESTING=1 .venv/bin/pytest -m e2e -q -p no:xdist

test: install-test lint typecheck test-sqlite test-postgres test-e2e

# `make bench` (not part of `make test`): see bench/README.md. SCALE=demo|national|N, DB=sqlite|postgres.
SCALE ?= demo
DB ?= sqlite
DURATION ?= 10
CONNECTIONS ?= 8

bench: install
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; \
	  else echo "make bench needs wrk: install it (Debian: sudo apt-get install wrk) and run make bench again." >&2; exit 1; fi; }
	$(if $(filter postgres,$(DB)),bash scripts/with-postgres.sh) $(PY) bench/run.py --scale $(SCALE) --db $(DB) \
	  --duration $(DURATION) --connections $(CONNECTIONS) --workers $(WORKERS) \
	  --blocking-threads $(BLOCKING_THREADS)

clean:
	rm -rf .venv var
