# The two commands: `make demo` and `make test`. Both install what they need.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NO_SERVE ?=
PYTEST_ARGS ?=

.PHONY: install demo test bench lint chromium frontend

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) frontend

# Front-end packages come from npm at build time and are never committed.
frontend:
	@if [ -f frontend/package.json ]; then $(MAKE) -s -C frontend; fi

# Debian's chromium for the browser tests (Playwright's own download cannot work here)
# and Liberation Mono, the Courier-metric font of the screenplay PDFs.
chromium:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -q "Liberation Mono"; then \
	  echo "installing Debian's chromium and fonts-liberation"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	fi

demo: install
	@fc-list 2>/dev/null | grep -q "Liberation Mono" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-liberation >/dev/null; }
	$(BIN)/mosaico demo $(if $(NO_SERVE),--no-serve,)

test: install chromium
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: install
	$(BIN)/pip install -q -e ".[dev,bench]"
	@command -v minizinc >/dev/null 2>&1 || { \
	  echo "installing Debian's minizinc (with Gecode) for the talent-scheduling benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq minizinc >/dev/null; }
	@for b in benchmarks/[!_]*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done
