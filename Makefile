# Two commands on a fresh machine: `make run` and `make test` (see README.md).
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run prepare test bench clean stack load faults vnu audit lighthouse

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

# Faults under a quiz load (issue 15): on a throw-away PostgreSQL cluster and Redis of its own (free ports,
# never the shared ones), gunicorn (deploy/gunicorn.conf.py), a Celery worker and beat; kills a gunicorn
# worker, the Celery worker, Redis for 30 s, restarts PostgreSQL; then counts what the server acknowledged
# against the database, and the reminders and ranking caught up (config/faults.py). FAULTS_ARGS, e.g. "--quick".
faults: $(VENV)/.installed
	$(PY) -m config.faults $(FAULTS_ARGS)

# DEBUG=1 unless told otherwise: the suite runs against development settings
# (no TLS redirect); production settings are tested in subprocesses.
test: $(VENV)/.installed-dev
	DEBUG=$${DEBUG:-1} $(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .cache

# Quality checks (issue 15). Tools land in .cache/ (git-ignored), pinned here.
CACHE := .cache
VNU_VERSION := 26.9.27
VNU_JAR := $(CACHE)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
PIP_AUDIT_VERSION := 2.10.1
LIGHTHOUSE_VERSION := 13.5.0

# The Nu HTML Checker from the npm registry, run on the machine's Java (Debian's openjdk-17);
# --ignore-scripts: its postinstall would fetch a Java runtime. tests/test_html_valid.py uses it.
vnu: $(VNU_JAR)
$(VNU_JAR): Makefile
	npm install --prefix $(CACHE)/vnu --ignore-scripts --no-audit --no-fund --silent vnu-jar@$(VNU_VERSION)
	touch $@

# Known vulnerabilities in the pinned requirements (PyPI's vulnerability data, else OSV), with
# pip-audit in its own venv so that the tool's dependencies are not audited as the portal's.
# The decision for a network where neither service answers: docs/decisions.md (issue 15).
audit:
	test -x $(CACHE)/pip-audit/bin/pip-audit || (python3 -m venv $(CACHE)/pip-audit && \
	  $(CACHE)/pip-audit/bin/pip install -q pip-audit==$(PIP_AUDIT_VERSION))
	bash scripts/audit.sh $(CACHE)/pip-audit/bin/pip-audit requirements.txt requirements-dev.txt

# Lighthouse (mobile, accessibility and performance) on the quiz, an article and the report page
# of a server started for the run; not in CI (see docs/decisions.md, issue 15).
lighthouse: $(VENV)/.installed
	npm install --prefix $(CACHE)/lighthouse --no-audit --no-fund --silent lighthouse@$(LIGHTHOUSE_VERSION)
	PY=$(PY) LIGHTHOUSE=$(CACHE)/lighthouse/node_modules/.bin/lighthouse bash scripts/lighthouse.sh

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
