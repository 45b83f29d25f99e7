# Each target sets up the local .venv by itself: `make run` (and plain, serve, the commands below) with what
# running needs, `make test` (and lint, check, bench) with the development tools as well. Versions come
# from requirements.lock, so two fresh clones get the same.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
RUN    := $(VENV)/.installed-run
DEV    := $(VENV)/.installed-dev
PIP    := $(BIN)/python -m pip --disable-pip-version-check
LOCK   := requirements.lock

.PHONY: run plain serve decide compare questions cases lint test check bench lock clean

$(RUN): pyproject.toml $(LOCK)
	@echo "samarbeid: setting up $(VENV) with what running needs (once; about 20 s on a quiet machine)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --progress-bar off -c $(LOCK) -e .
	@touch $(RUN)
	@echo "samarbeid: ready. The command is $(BIN)/samarbeid, or ./samarbeid from this folder."

$(DEV): $(RUN)
	@echo "samarbeid: adding the development tools to $(VENV) (once)"
	$(PIP) install --quiet -c $(LOCK) -e '.[dev]'
	@touch $(DEV)

run: $(RUN)
	$(BIN)/samarbeid

plain: $(RUN)
	$(BIN)/samarbeid --plain

# The other commands through make: make decide FILE=examples/supplier.yaml ARGS="--format html -o r.html",
# make compare DIR=room-folder, make questions ARGS="--role entrepreneur", make cases.
ARGS ?=
decide: $(RUN)
	$(BIN)/samarbeid decide $(FILE) $(ARGS)

compare: $(RUN)
	$(BIN)/samarbeid compare $(DIR) $(ARGS)

questions: $(RUN)
	$(BIN)/samarbeid questions $(ARGS)

cases: $(RUN)
	$(BIN)/samarbeid cases $(ARGS)

# The interview in a browser, on this computer only: http://127.0.0.1:8000/ (Ctrl-C or kill stops it).
# For a room's network: make serve HOST=0.0.0.0 (it warns who can reach it); another port: PORT=8080.
# It answers only to its own names: more with SERVE_ARGS="--allowed-host NAME"; behind a reverse proxy
# SERVE_ARGS="--proxy ADDRESS" (its X-Forwarded-For/-Proto are believed). samarbeid serve --help says all.
HOST ?= 127.0.0.1
PORT ?= 8000
SERVE_ARGS ?=
serve: $(RUN)
	$(BIN)/samarbeid serve --host $(HOST) --port $(PORT) $(SERVE_ARGS)

# The gate: style and slips (ruff), types (mypy), the layers (import-linter); all configured in pyproject.toml
lint: $(DEV)
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

check: $(DEV)
	$(BIN)/samarbeid check --strict
	$(BIN)/samarbeid cases

bench: $(DEV)
	$(BIN)/python bench/run.py

# requirements.lock anew from the .venv make test set up (after a change of pyproject.toml's ranges)
lock: $(DEV)
	@{ sed -n '1,/^# from a .venv/p' $(LOCK); $(PIP) freeze --exclude-editable; } > $(LOCK).new && mv $(LOCK).new $(LOCK)

clean:
	rm -rf $(VENV) build dist *.egg-info
