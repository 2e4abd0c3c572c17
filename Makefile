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

.PHONY: run install migrate demo serve test install-test lint typecheck test-sqlite test-postgres test-redis test-e2e test-fuzz fuzz bench clean

install: .venv/.installed

.venv/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check uv
	uv sync --frozen --python python3
	@touch $@

migrate: install
	@mkdir -p var
	$(PY) -m pecgov migrate --noinput -v0

# `make run EMPTY=1`: no trust, a site administrator with a one-time password (ADM-1), in its own database.
ifdef EMPTY
export DATABASE_URL ?= sqlite:///$(CURDIR)/var/pecgov-empty.sqlite3
DEMO_ARGS := --empty
endif

demo: migrate
	$(PY) -m pecgov load_demo $(DEMO_ARGS)

# The server, a task worker (emails, scheduled checks: NOT-2) and the scheduler, stopped together on Ctrl-C.
run: demo
	@echo "Serving PEC Governance on http://$(HOST):$(PORT)/ with a task worker (Ctrl-C stops all three)"
	@trap 'kill $$(jobs -p) 2>/dev/null' EXIT INT TERM; \
	$(PY) -m pecgov db_worker --no-startup-delay -v0 & \
	$(PY) -m pecgov notifications scheduler & \
	.venv/bin/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) --blocking-threads $(BLOCKING_THREADS) --no-ws pecgov.wsgi:application

serve: migrate
	.venv/bin/granian --interface wsgi --host $(HOST) --port $(PORT) --workers $(WORKERS) --blocking-threads $(BLOCKING_THREADS) --no-ws pecgov.wsgi:application

install-test: install
	bash scripts/install-test-deps.sh

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

typecheck: install
	.venv/bin/mypy

test-sqlite: install
	PECGOV_TESTING=1 .venv/bin/pytest -n auto -m "not e2e and not redis" -q

test-postgres: install
	bash scripts/with-postgres.sh env PECGOV_TESTING=1 .venv/bin/pytest -n auto -m "not e2e and not redis" -q

# The page cache and the sign-in counters shared by every server process through Redis (ADM-1, ADM-5):
# the page-cache tests again, and the shared-cache tests, against a throwaway Redis. One process:
# the test databases of parallel workers would share one Redis.
test-redis: install
	bash scripts/with-redis.sh env PECGOV_TESTING=1 .venv/bin/pytest -p no:xdist -q tests/ui/test_pagecache.py tests/ui/test_shared_cache.py tests/ui/test_rolepages.py

test-e2e: install
	PECGOV_TESTING=1 .venv/bin/pytest -m e2e -q -p no:xdist

test: install-test lint typecheck test-sqlite test-postgres test-redis test-e2e test-fuzz

# The API fuzzed with schemathesis against /api/openapi.json on a demo database served on
# loopback only, anonymous and with a token, fixed seed: zero 5xx, every status code documented
# (X-4, PUB-2). `make test` runs a short pass over every operation; `make fuzz` a long one.
# The anonymous and the token passes run side by side against a two-process server.
FUZZ_EXAMPLES ?= 25
FUZZ_PORT ?= 8765
FUZZ_SEED ?= 14
FUZZ_DIR := var/fuzz
FUZZ_ENV := DATABASE_URL=sqlite:///$(CURDIR)/$(FUZZ_DIR)/fuzz.sqlite3 PECGOV_VAR_DIR=$(CURDIR)/$(FUZZ_DIR) PECGOV_PAGE_CACHE=0

test-fuzz: install
	@rm -rf $(FUZZ_DIR) && mkdir -p $(FUZZ_DIR)
	$(FUZZ_ENV) DJANGO_SETTINGS_MODULE=pecgov.settings PYTHONPATH=src $(PY) -m tests.schema_cache $(FUZZ_DIR)/fuzz.sqlite3
	$(FUZZ_ENV) $(PY) -m pecgov migrate --noinput -v0
	$(FUZZ_ENV) $(PY) -m pecgov load_demo >/dev/null
	@$(FUZZ_ENV) $(PY) -m pecgov token create lead fuzz > $(FUZZ_DIR)/token
	@set -e; $(FUZZ_ENV) .venv/bin/granian --interface wsgi --host 127.0.0.1 --port $(FUZZ_PORT) --workers 2 \
	  --blocking-threads 4 --no-ws pecgov.wsgi:application > $(FUZZ_DIR)/server.log 2>&1 & echo $$! > $(FUZZ_DIR)/server.pid; \
	trap 'kill $$(cat $(FUZZ_DIR)/server.pid) 2>/dev/null || true' EXIT; \
	for i in $$(seq 1 60); do curl -fs -o /dev/null http://127.0.0.1:$(FUZZ_PORT)/api/openapi.json && break; sleep 1; done; \
	pids=""; for auth in anonymous token; do \
	  header=$$( [ $$auth = token ] && echo "Authorization: Bearer $$(cat $(FUZZ_DIR)/token)" || echo "X-Fuzz: anonymous" ); \
	  ( .venv/bin/st run http://127.0.0.1:$(FUZZ_PORT)/api/openapi.json --checks not_a_server_error,status_code_conformance \
	      --max-examples $(FUZZ_EXAMPLES) --seed $(FUZZ_SEED) -H "$$header" > $(FUZZ_DIR)/st-$$auth.log 2>&1; \
	    echo $$? > $(FUZZ_DIR)/st-$$auth.rc ) & pids="$$pids $$!"; \
	done; wait $$pids; \
	status=0; for auth in anonymous token; do \
	  echo "schemathesis ($$auth, $(FUZZ_EXAMPLES) examples per operation, seed $(FUZZ_SEED))"; \
	  cat $(FUZZ_DIR)/st-$$auth.log; [ "$$(cat $(FUZZ_DIR)/st-$$auth.rc)" = 0 ] || status=1; \
	done; exit $$status

# The long run (about 1,000 requests per operation; takes a while): `make fuzz`.
fuzz:
	$(MAKE) test-fuzz FUZZ_EXAMPLES=1000

# `make bench` (not part of `make test`): see bench/README.md. SCALE=demo|national|N, DB=sqlite|postgres.
# MIX=1: the mixed run instead (bench/mixed.py: 50 users, a writer at RATES writes/s, DURATION s a phase).
SCALE ?= demo
DB ?= sqlite
DURATION ?= $(if $(MIX),20,10)
RATES ?= 0,1,10
CONNECTIONS ?= 8

bench: install
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; \
	  else echo "make bench needs wrk: install it (Debian: sudo apt-get install wrk) and run make bench again." >&2; exit 1; fi; }
	$(if $(filter postgres,$(DB)),bash scripts/with-postgres.sh) $(PY) bench/$(if $(MIX),mixed.py --rates $(RATES),run.py) \
	  --scale $(SCALE) --db $(DB) --duration $(DURATION) --connections $(CONNECTIONS) --workers $(WORKERS) \
	  --blocking-threads $(BLOCKING_THREADS)

clean:
	rm -rf .venv var
