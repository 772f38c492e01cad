# PaN Registry: the two commands of the README and what they need.
# Only Python 3.11+ is required on the machine; everything else is installed
# into .venv from pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: demo test install lint clean

## demo: install, migrate, load the real demo data and serve http://127.0.0.1:8000
demo: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py load_demo
	@echo "Serving PaN Registry at http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## test: install and run the whole test suite, one process per core
## (PYTEST_ARGS="-n0 ..." runs it in one process, e.g. to debug a test)
PYTEST_ARGS ?= -n auto --dist loadgroup
test: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# axe-core for the browser tests; without npm those tests skip and say why.
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	  else echo "npm not found: browser accessibility tests will skip"; fi
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) var db.sqlite3
