# Two entry points on a fresh machine: `make demo` and `make test`. Both create .venv and
# install what they need; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DIR ?= demo-workspace

.PHONY: demo test lint typecheck bench clean install browser model

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m cradlewatch.demo --dir $(DEMO_DIR)

# Debian's Chromium for the Playwright browser tests (never Playwright's own download).
browser:
	scripts/install-browser

test: $(STAMP) browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# Find's text model: the scenario's training split plus the development sets written by people
# (never tests/data/handwritten, the held-out set; the trainer refuses it). See docs/find.md.
LABELLED_SETS := $(sort $(wildcard tests/data/dev*))
model: $(STAMP)
	$(BIN)/cradlewatch train scan $(foreach set,$(LABELLED_SETS),--labels $(set))

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DIR) .pytest_cache .mypy_cache .hypothesis
