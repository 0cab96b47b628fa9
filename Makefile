# Sosiaalinen kampus: `make dev` runs the network, `make lint` checks the code, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: dev install lint test test-unit test-integration bench clean asyncapi definitions browser-deps mutation guide-screenshots

$(BIN)/kampus: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $(BIN)/kampus

install: $(BIN)/kampus

dev: install
	$(BIN)/kampus migrate
	$(BIN)/kampus dev --port $(PORT)

# ruff (style, bugs, import order) over the repository; mypy over shared/ and every service's domain/
# (both configured in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# Every test: the independent files in parallel (pytest-xdist, one file per worker at a time, each test with
# its own database and vhost), then the few that stop a shared server (marked serial) alone.
TEST_WORKERS ?= 3
test: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not serial"
	$(BIN)/python -m pytest -m serial

# The quick loop: unit tests without the ones marked slow.
test-unit: install
	$(BIN)/python -m pytest tests/unit -m "not slow"

# Mutation testing of the modules listed in pyproject's [tool.kampus.mutation]: scores, survivors and
# docs/quality.md (long: not part of `make test`, which runs a sampled, bounded run in tests/mutation/).
mutation: install
	nice -n 10 $(BIN)/python tools/mutation.py

test-integration: install
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not serial" tests/integration tests/e2e
	$(BIN)/python -m pytest -m serial tests/integration tests/e2e

# The user guide's pictures (docs/guide/img/*.png), taken by the Finnish browser journeys (tests/e2e/test_journeys.py).
guide-screenshots: install
	KAMPUS_GUIDE_SCREENSHOTS=docs/guide/img $(BIN)/python -m pytest tests/e2e/test_journeys.py -k fi -q

bench: install
	$(BIN)/python bench/bus.py

asyncapi: install
	$(BIN)/kampus asyncapi

# The demo network's broker definitions and PostgreSQL set-up, generated from its network file.
definitions: install
	$(BIN)/kampus rabbitmq definitions --network deploy/network.yaml > deploy/rabbitmq/definitions.json
	$(BIN)/kampus postgres init-sql --network deploy/network.yaml > deploy/postgres/init.sql

clean:
	rm -rf var .pytest_cache

# Strings to translate: extract from Python and templates (babel.cfg), merge into the fi/sv/en catalogs
# of shared/translations, then compile the .mo files that are committed beside them.
.PHONY: translations
translations: install
	@# The shared catalog holds the strings of shared/ and of every service's __init__.py (its navigation
	@# entries, which every app shows); each service's own catalog those of its tree. PYTHONPATH: babel.cfg names
	@# this tree's Jinja extension (shared.web.shell), which the extraction imports.
	@for tree in shared $(wildcard services/*); do \
	  [ -d $$tree/translations ] || continue; \
	  also=""; [ $$tree = shared ] && also="$(wildcard services/*/__init__.py)"; \
	  PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k _l -k N_ -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2 --add-location=file \
	    --sort-output --project="Sosiaalinen kampus" -o $$tree/translations/messages.pot $$tree $$also && \
	  $(BIN)/pybabel update -i $$tree/translations/messages.pot -d $$tree/translations --ignore-obsolete && \
	  $(BIN)/pybabel compile -d $$tree/translations --statistics || exit 1; \
	done
	@$(MAKE) --no-print-directory check-translations

# Every fi and sv entry present, not fuzzy and with all its plural forms (tests/unit/web/test_catalog_check.py).
.PHONY: check-translations
check-translations:
	$(BIN)/python -m shared.catalog_check
