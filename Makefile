# Set-up and everyday commands. A fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SCALE ?= national
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: demo test bench lint format messages browser-deps serve clean

$(STAMP): pyproject.toml requirements/dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

## make demo: the platform with demo data on SQLite, served on http://127.0.0.1:$(PORT), and its worker
demo: $(STAMP)
	mkdir -p var
	$(BIN)/gen migrate --noinput
	$(BIN)/gen load-territories
	$(BIN)/gen load-rome
	$(BIN)/gen seed-demo --scale $(SCALE)
	$(BIN)/gen refresh-stats --apply
	@echo "Serving http://127.0.0.1:$(PORT) with the worker beside it (Procfile.dev); Ctrl-C stops both."
	$(BIN)/honcho start --procfile Procfile.dev --port $(PORT)

## make test: the whole suite (PostgreSQL when DATABASE_URL is set, SQLite otherwise), spread over
## TEST_WORKERS pytest-xdist processes (one per core, at most 4; TEST_WORKERS=0 runs it in one process);
## PYTEST_ARGS adds pytest options. `--dist loadgroup` keeps a module with a module-scoped fixture (a
## seeded demo) on one worker (tests/conftest.py).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ "$$n" -gt 4 ] && n=4; echo $$n)
test: $(STAMP) browser-deps
	$(BIN)/ruff check src tests bench
	env -u DATABASE_URL DJANGO_SETTINGS_MODULE=gen.settings.test $(BIN)/gen makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## make bench: the benchmarks, on a PostgreSQL database holding the stress data (made if missing)
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/gen_bench
bench: $(STAMP)
	psql "$(dir $(BENCH_DATABASE_URL))postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(BENCH_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/gen migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/gen load-territories
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/gen load-rome
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/gen seed-demo --scale stress
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/run.py

browser-deps: node_modules/axe-core/axe.min.js
	@test -x /usr/bin/chromium || { echo "Installing Debian's Chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

## make messages: refresh each app's French translations after changing interface strings
APPS_WITH_LOCALE = $(patsubst %/locale,%,$(wildcard src/gen/*/locale))
messages: $(STAMP)
	for app in $(APPS_WITH_LOCALE); do \
		(cd $$app && $(CURDIR)/$(BIN)/gen makemessages --locale fr --no-obsolete --no-location) || exit 1; \
	done
	cd src/gen && $(CURDIR)/$(BIN)/gen compilemessages --locale fr

clean:
	rm -rf $(VENV) var node_modules
