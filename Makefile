# Two commands: `make run` serves the app on the embedded default; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PY := $(UV) run --locked
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test lint format check-browser check-wrk clean bench bench-pages bench-reminders bench-lighthouse bench-deletion bench-profile reliability

help:
	@echo "make run    set up, migrate and serve on http://$(HOST):$(PORT) with a Celery worker and beat"
	@echo "make test   set up and run lint and the whole test suite (PostgreSQL, Redis, Chromium)"
	@echo "make lint   ruff check, format check and mypy (the whole tree)"
	@echo "make bench  all benchmarks (tests/bench/): page latency, then 100,000 reminders"
	@echo "make bench-lighthouse  Lighthouse scores for five pages, with Debian's Chromium"
	@echo "make bench-deletion  deleting the heavy user's account, median of three seeded runs"
	@echo "make bench-profile  top functions of Today and the timeline (cProfile, in-process)"
	@echo "make bench-reminders  100,000 reminders due at once: two workers, Redis, a local SMTP sink"
	@echo "make reliability  60 s of mixed load, then with Redis stopped and PostgreSQL restarted (tests/reliability/)"

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked
	@touch $@

var:
	@mkdir -p var/mail

# Web, worker and beat under honcho (Procfile.dev): Ctrl-C stops all three.
run: .venv/.synced var
	$(PY) python manage.py migrate --noinput
	@echo "Thaw: http://$(HOST):$(PORT)  (email goes to var/mail/, Ctrl-C stops everything)"
	HOST=$(HOST) PORT=$(PORT) $(PY) honcho --no-prefix -f Procfile.dev start

# Coverage is printed (files not fully covered), never a gate.
test: .venv/.synced check-browser lint
	$(PY) pytest --cov --cov-report=term

lint: .venv/.synced
	$(PY) ruff check .
	$(PY) ruff format --check .
	$(PY) mypy .

# Benchmarks are not part of `make test`: they need minutes and a quiet machine.
bench: bench-pages bench-reminders

bench-pages: .venv/.synced check-wrk
	$(PY) python -m tests.bench.run_pages

# Not part of `make test` either: three 60-second runs, and it stops Redis and restarts PostgreSQL
# on this machine (both come back by themselves). `make test` runs a 4-second smoke version.
reliability: .venv/.synced
	$(PY) python -m tests.reliability.run $(SCENARIOS)

# Where Today's and the timeline's time goes (cProfile, in-process, on the seeded bench database).
bench-profile: .venv/.synced
	$(PY) python -m tests.bench.profile_pages

# Deleting the heavy user's account, median of three seeded runs.
bench-deletion: .venv/.synced
	$(PY) python -m tests.bench.run_deletion

bench-reminders: .venv/.synced
	$(PY) python -m tests.bench.run_reminders

# Lighthouse from npm (Node is on the machine), run with Debian's Chromium.
bench-lighthouse: .venv/.synced check-browser
	@test -x .tools/lighthouse/node_modules/.bin/lighthouse || npm install --prefix .tools/lighthouse --no-audit --no-fund lighthouse@12.8.2
	$(PY) python -m tests.bench.run_lighthouse

format: .venv/.synced
	$(PY) ruff check --fix .
	$(PY) ruff format .

# Benchmarks drive the server with wrk (Debian's package).
check-wrk:
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
		else echo "wrk is missing: sudo apt-get install wrk"; exit 1; fi; }

# The browser tests drive Debian's Chromium (never a downloaded browser).
check-browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "Chromium is missing: sudo apt-get install chromium"; exit 1; \
		fi; \
	fi

clean:
	rm -rf .venv .tools staticfiles .pytest_cache .mypy_cache
