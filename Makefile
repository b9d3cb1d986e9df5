# Hearth: `make run` opens the app, `make test` proves it. Both set themselves up from a
# fresh clone: a virtual environment in .venv with the project and its dev tools, and (for
# the tests, when run as root) the Debian packages the real-component tests use.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The npm side (Hardhat node for the chain tests, solc, OpenZeppelin): reinstalled from the
# lock file whenever the lock is newer than the last install.
NODE_STAMP := contracts/node_modules/.installed-stamp

.PHONY: run test lint typecheck unit system-packages bench screenshots translations clean

run: $(STAMP)
	$(BIN)/hearth

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Hearth needs Python 3.11 or newer."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE_STAMP): contracts/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		cd contracts && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed-stamp; \
	else \
		echo "npm is not installed: the tests that need a Hardhat node will be skipped."; \
	fi

system-packages:
	@bash packaging/linux/install-system-packages.sh

test: $(STAMP) system-packages lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(NODE_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python bench/unlock.py

screenshots: $(STAMP) system-packages
	xvfb-run -a -s "-screen 0 1280x900x24" $(BIN)/python -m hearth.ui.screenshots docs/screenshots

translations: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find app/hearth/ui -name '*.py') -ts resources/translations/hearth_es.ts
	$(BIN)/pyside6-lrelease resources/translations/hearth_es.ts -qm resources/translations/hearth_es.qm

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
