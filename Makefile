# VästKom webb. Two commands do everything: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test test-sqlite checks lint venv browser-deps screenshots clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

## The site on http://127.0.0.1:8000 with SQLite and demo content, no configuration.
run: venv
	export DJANGO_DEBUG=1; \
	$(PY) manage.py migrate --no-input && \
	$(PY) manage.py load_demo --editor && \
	echo "Webbplatsen: http://127.0.0.1:$(PORT)/   Redaktörernas admin: http://127.0.0.1:$(PORT)/admin/" && \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## The whole suite on PostgreSQL (DATABASE_URL if set, else the local server on 127.0.0.1:5432).
test: venv browser-deps
	source scripts/test-database.sh && source scripts/test-redis.sh && \
	$(MAKE) --no-print-directory checks && \
	$(PY) -m pytest $(PYTEST_ARGS)

## The suite once more on the zero-setup default (SQLite); PostgreSQL-only tests skip.
test-sqlite: venv
	DATABASE_URL=sqlite:///$(CURDIR)/.test-sqlite.db $(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

## Configuration checks: system checks, migrations in step, production deploy checks, lint.
checks: venv
	DJANGO_DEBUG=1 $(PY) manage.py check --fail-level WARNING
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY="ci-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')" \
	  DJANGO_ALLOWED_HOSTS=www.vastkom.se $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/ruff check .

lint: venv
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

browser-deps:
	bash scripts/browser-deps.sh

## Screenshots of home, article and topic page at 1280 and 375 px into docs/screenshots/
## (its own SQLite database with the demo content, on a free port; Chromium as in the tests).
screenshots: venv browser-deps
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 .test-sqlite.db media staticfiles node_modules
