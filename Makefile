# Two commands on a fresh machine: `make run` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run prepare test bench clean stack load

$(VENV)/.installed: requirements.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

# Everything `run` does before serving: migrate, demo data, static files.
prepare: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --noinput -v0

run: prepare
	PORT=$(PORT) PY=$(PY) bash scripts/serve.sh

# The real stack: PostgreSQL + Redis (started if down), gunicorn with deploy/gunicorn.conf.py on
# 127.0.0.1:$(PORT), a Celery worker and beat, DEBUG=0; Ctrl-C stops all (scripts/stack.sh).
stack: $(VENV)/.installed
	PORT=$(PORT) PY=$(PY) bash scripts/stack.sh

# DEBUG=1 unless told otherwise: the suite runs against development settings
# (no TLS redirect); production settings are tested in subprocesses.
test: $(VENV)/.installed-dev
	DEBUG=$${DEBUG:-1} $(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache

# Figures, each beside a ceiling measured in the same run, on a throw-away
# test database (SQLite by default; DATABASE_URL for PostgreSQL).
bench: $(VENV)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench_contests
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench_contests_http
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench_reports
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench_search
	DEBUG=$${DEBUG:-1} $(PY) manage.py bench_content_http

# Load test: wrk (Debian's package, installed here when missing) against gunicorn +
# PostgreSQL + Redis on this machine; needs DATABASE_URL (PostgreSQL) and REDIS_URL.
# LOAD_ARGS, e.g. "--seconds 20 --clients 16 --gunicorn-conf deploy/gunicorn.conf.py".
load: $(VENV)/.installed
	command -v wrk >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; else sudo apt-get install -y -qq wrk; fi; }
	DEBUG=$${DEBUG:-1} $(PY) -m config.loadtest $(LOAD_ARGS)
