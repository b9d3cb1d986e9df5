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

# The one-folder bundle (packaging/hearth.spec) and what it is built from: rebuilt when any
# of these changed since the last build.
BUNDLE := dist/hearth/hearth
BUNDLE_SOURCES := pyproject.toml packaging/hearth.spec packaging/hearth_entry.py \
	$(shell find app/hearth resources -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: run test lint typecheck unit system-packages bench bench-bundle screenshots \
	translations package bundle-test package-linux appimage clean

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

# The bundle is checked last: the unit tests say what broke faster than a frozen build does.
test: $(STAMP) system-packages lint typecheck unit bundle-test

lint: $(STAMP)
	$(BIN)/ruff check app tests bench packaging
	$(BIN)/ruff format --check app tests bench packaging
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP) $(NODE_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n 2

# Issue 3's figures too: import speed and memory against the peer, the dataset summary and
# the GUI's longest stall during an import (bench/README.md; several minutes).
bench: $(STAMP)
	$(BIN)/python bench/unlock.py
	$(BIN)/python bench/import_health.py --keep-vault
	$(BIN)/python bench/summary.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/gui_stall.py

# Size of the bundle, its start to the unlocked window and its self-test (bench/README.md).
bench-bundle: $(BUNDLE)
	$(BIN)/python bench/bundle.py

package: $(BUNDLE)

$(BUNDLE): $(STAMP) $(BUNDLE_SOURCES)
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build packaging/hearth.spec
	@touch $@

# The frozen app's own checks: --version, --self-test (under a private Secret Service when
# gnome-keyring is installed), init + doctor --support-bundle, and every library's links.
bundle-test: $(BUNDLE) system-packages
	$(BIN)/python packaging/check_bundle.py $(BUNDLE)

# dist/hearth-VERSION-linux-ARCH.tar.gz (+ .sha256): the bundle, hearth.desktop, the icon
# and a per-user install script. The AppImage recipe needs appimagetool (packaging/README.md).
package-linux: $(BUNDLE)
	bash packaging/linux/make-tarball.sh

appimage: $(BUNDLE)
	bash packaging/linux/make-appimage.sh

screenshots: $(STAMP) system-packages
	xvfb-run -a -s "-screen 0 1280x900x24" $(BIN)/python -m hearth.ui.screenshots docs/screenshots

translations: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find app/hearth/ui -name '*.py') -ts resources/translations/hearth_es.ts
	$(BIN)/pyside6-lrelease resources/translations/hearth_es.ts -qm resources/translations/hearth_es.qm

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
