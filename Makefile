# Each target sets up the local .venv from pyproject.toml by itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run plain serve lint test check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/samarbeid

plain: $(STAMP)
	$(BIN)/samarbeid --plain

# The interview in a browser, on this computer only: http://127.0.0.1:8000/ (Ctrl-C or kill stops it).
# For a room's network: make serve HOST=0.0.0.0 (it warns who can reach it); another port: PORT=8080.
# It answers only to its own names: more with SERVE_ARGS="--allowed-host NAME"; behind a reverse proxy
# SERVE_ARGS="--proxy ADDRESS" (its X-Forwarded-For/-Proto are believed). samarbeid serve --help says all.
HOST ?= 127.0.0.1
PORT ?= 8000
SERVE_ARGS ?=
serve: $(STAMP)
	$(BIN)/samarbeid serve --host $(HOST) --port $(PORT) $(SERVE_ARGS)

# The gate: style and slips (ruff), types (mypy), the layers (import-linter); all configured in pyproject.toml
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Tests in parallel (pytest-xdist). The assistant's tests spend much of their time waiting for the
# app to go idle after each key, so one worker more than this machine's two cores keeps both busy;
# --dist loadgroup keeps tests marked xdist_group (one wheel build, one marker file) on one worker.
TEST_WORKERS ?= 3

# Where PYTHONDONTWRITEBYTECODE is set (as on this project's machines), each test worker and each
# program a test starts would compile the package anew and pytest would rewrite every test module
# again; the tests keep their bytecode (in __pycache__, which git ignores).
test: export PYTHONDONTWRITEBYTECODE =
test: lint
	$(BIN)/samarbeid check --strict
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist loadgroup

check: $(STAMP)
	$(BIN)/samarbeid check --strict
	$(BIN)/samarbeid cases

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info
