"""Shared test set-up.

Key derivation is calibrated to half a second per unlock for real vaults; tests create
hundreds, so they use the documented unsafe test cost (`HEARTH_UNSAFE_FAST_KDF=1`, which
`hearth doctor` flags as weak). The benchmark in bench/unlock.py measures the real cost.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ["HEARTH_UNSAFE_FAST_KDF"] = "1"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PASSPHRASE = "correct horse battery staple"
OWNER = "Ana"


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def vault(vault_path: Path) -> Iterator[object]:
    """A new open vault owned by Ana (passphrase `PASSPHRASE`)."""
    from hearth.vault import Vault

    opened, _recovery_key = Vault.create(vault_path, OWNER, PASSPHRASE)
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Keep settings, logs and the default vault out of the real home folder, and each
    test's log in its own (a log file opened by an earlier test stays open otherwise, in
    that test's home, and a later test reading its own log finds it empty)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("HEARTH_VAULT", raising=False)
    monkeypatch.delenv("HEARTH_PASSPHRASE", raising=False)
    yield
    logger = logging.getLogger("hearth")
    for handler in list(logger.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            logger.removeHandler(handler)
            handler.close()


SHARED_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "real"


@pytest.fixture
def shared_fixtures() -> Path:
    """Real export files from real devices (copied from ../shared/fixtures into
    tests/fixtures/real, with their licences in its README)."""
    return SHARED_FIXTURES
