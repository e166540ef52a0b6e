# Institute — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench screenshots install install-dev migrate demo lint format check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements/base.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.lock
	touch $@

$(VENV)/.installed-dev: requirements/dev.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.lock
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py ensure_admin

# Absolute links (the admin address it prints, e-mails) follow HOST and PORT.
run demo: export BASE_URL ?= http://$(HOST):$(PORT)

## Set everything up from a fresh clone and serve the site with demo data. A task worker runs
## beside the server (search indexing, e-mails); Ctrl+C stops both.
run: demo
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl+C to stop)"
	@DJANGO_SETTINGS_MODULE=institute.settings.dev PATH="$(CURDIR)/$(BIN):$$PATH" deploy/task-worker & \
	  worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/python manage.py runserver $(HOST):$(PORT)

## The whole test suite (unit, integration, browser; PostgreSQL-only tests when DATABASE_URL is set).
test: install-dev
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=institute.settings.test
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

## Benchmarks at demo scale `large`: prints a table and writes benchmarks/results/latest.json.
bench: install-dev
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

## PNGs of the main pages at 390 and 1280 px in var/screenshots/ (after `make demo`), for review.
screenshots: install-dev
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py screenshots $(SCREENSHOT_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var .pytest_cache
