# The two commands: `make demo` and `make test`. Both need only Python 3.11+, Node.js 20+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo and the tests run in the development profile; production sets DEBUG=false.
export DEBUG ?= true
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/cse_hub

.PHONY: demo test test-postgres production-smoke bench-pages bench-smoke bench-database-url setup assets lint serve clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "CSE Hub needs Python 3.11 or newer: set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "CSE Hub needs Node.js 20+ and npm to build its pages"; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

assets: node_modules/.installed
	npm run build --silent
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

setup: $(VENV)/.installed assets

# The background worker (agenda packs, letters, person linking) runs beside the server and stops with it.
demo: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
		trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint
	$(BIN)/pytest

# The same suite on PostgreSQL (the production database); .ci/run runs it after `make test`.
test-postgres: setup
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest --create-db

# The production profile served by gunicorn, signed into as every role (.ci/run runs it after the suites).
production-smoke: setup
	DEBUG=true $(BIN)/python -m tests.production_smoke

# Page benchmarks on the production profile (docs/performance.md), on an existing database that the demo
# generator filled: make bench-pages DATABASE_URL=postgres://... [BENCH_ARGS=--smoke]
bench-database-url:
	@test -n "$(DATABASE_URL)" || { echo "Set DATABASE_URL to an existing database the demo generator filled"; exit 1; }

bench-pages: bench-database-url setup
	DEBUG=true $(BIN)/python bench/pages.py --database-url "$(DATABASE_URL)" $(BENCH_ARGS)

# The tripwire .ci/run runs: the small county (10,000 children) built afresh, then every page once
# more than a few times; it fails when a page's median passes 8 times the floor's.
BENCH_SMOKE_URL ?= postgres://postgres@127.0.0.1:5432/cse_hub_bench_smoke
bench-smoke: setup
	DEBUG=true $(BIN)/python bench/generate.py --scale small --fresh --database-url "$(BENCH_SMOKE_URL)"
	DEBUG=true $(BIN)/python bench/pages.py --smoke --database-url "$(BENCH_SMOKE_URL)"

clean:
	rm -rf $(VENV) node_modules frontend/build data/staticfiles
