# decisionaid — the two commands a clinic needs are `make run` and `make test`.
# Every target sets itself up: Debian packages (only those missing), a .venv, the project.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test suite test-stress lint bench demo check translations system-run system-test fhir-test-server clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --upgrade pip
	@$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

system-run:
	@.ci/system-packages.sh run

system-test:
	@.ci/system-packages.sh test

# The FHIR server the health-record tests send to (Medplum's router, from npm; Node 20.19 or
# newer): installed again only when its lock file changes. Without npm the tests say so.
FHIR_SERVER := tests/fhir_server
$(FHIR_SERVER)/node_modules/.installed: $(FHIR_SERVER)/package-lock.json
	@if command -v npm >/dev/null; then \
	  cd $(FHIR_SERVER) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: the health-record tests need Node 20.19+ and npm"; fi

fhir-test-server: $(FHIR_SERVER)/node_modules/.installed

# The kiosk starts from compiled bytecode (written once, even where the environment says
# not to write it) and compiled catalogues (.mo, not committed), as an installed package would.
run: system-run $(STAMP)
	@$(BIN)/python -m compileall -q decisionaid >/dev/null
	@$(BIN)/python -m decisionaid.i18n.catalogues compile
	@.ci/run-kiosk.sh

check: $(STAMP)
	@$(BIN)/decisionaid check

# After changing the program's words: extract each domain's English into its template
# (decisionaid/i18n/locale/DOMAIN.pot) and update every language's PO from it (new messages
# untranslated, changed ones fuzzy). A domain takes part when it has a mapping file
# decisionaid/i18n/babel/DOMAIN.cfg; docs/translating.md says more.
translations: $(STAMP)
	@$(BIN)/python -m decisionaid.i18n.catalogues update

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test: system-test fhir-test-server $(STAMP) lint suite

# The whole suite alone, without the Debian packages and linters `test` sees to first: CI runs
# it again on the newest Python, e.g. `make suite PYTHON=python3.13 VENV=.venv-3.13`.
# One worker per core; tests sharing a printer queue, the speech daemon or a display run in one
# worker (tests/conftest.py). `make suite PARALLEL=` runs it in one process.
PARALLEL ?= -n auto --dist loadgroup
suite: fhir-test-server $(STAMP)
	@source .ci/services.sh && $(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS)

# The whole suite with one CPU-bound process per core beside it (started and always stopped
# here): it must pass as it does on a quiet machine, only slower.
test-stress: system-test fhir-test-server $(STAMP)
	@source .ci/services.sh && .ci/stress.sh $(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS)

bench: system-test $(STAMP)
	@source .ci/services.sh && $(BIN)/python benchmarks/run.py

demo: system-run $(STAMP)
	$(BIN)/decisionaid demo --out demo-out

clean:
	rm -rf $(VENV) .venv-3.* $(FHIR_SERVER)/node_modules .pytest_cache .ruff_cache .hypothesis demo-out .run
