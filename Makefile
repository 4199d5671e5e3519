# Two commands from a fresh clone: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve demo build publish check check-links liveness lint test clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

serve: $(STAMP)
	$(BIN)/invoke serve

# A site of sample chats, marked as examples on every page, for a full week to look at.
demo: $(STAMP)
	$(BIN)/invoke demo

build: $(STAMP)
	$(BIN)/invoke build

publish: $(STAMP)
	$(BIN)/invoke build --publish

check: $(STAMP)
	$(BIN)/invoke check

# Never fails the build: the report lists what is broken.
check-links: $(STAMP)
	$(BIN)/invoke check-links --markdown links.md --json links.json

# Reads public hashtag timelines; writes content/liveness.json only.
liveness: $(STAMP)
	$(BIN)/invoke liveness

lint: $(STAMP)
	$(BIN)/ruff check .

test: $(STAMP) node_modules/.installed lint
	$(BIN)/pytest -n 2

clean:
	$(BIN)/invoke clean 2>/dev/null || rm -rf output
