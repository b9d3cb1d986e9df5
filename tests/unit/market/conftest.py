"""The market's unit tests keep wallets in an in-memory keyring and start each test with no
sandbox open in memory (the real Secret Service is in tests/integration)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from hearth.market import sandbox
from hearth.vault import Role, Vault
from hearth.wallet import accounts
from tests.conftest import OWNER, PASSPHRASE
from tests.unit.market.helpers import seller_with_terms
from tests.unit.wallet.memory_keyring import MemoryKeyring


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def no_open_sandbox() -> Iterator[None]:
    sandbox.forget()
    yield
    sandbox.forget()


BEN, BEN_PASS = "Ben", "ben's own long passphrase"


@pytest.fixture
def household(vault: Vault, vault_path: Path, tmp_path: Path) -> tuple[Path, int]:
    """Ana's vault with a dataset on sale and Ben, an adult with a wallet; both closed."""
    vault.add_member(BEN, Role.ADULT, BEN_PASS)
    dataset_id = seller_with_terms(vault, tmp_path)
    vault.close()
    with Vault.unlock(vault_path, BEN, BEN_PASS) as ben:
        accounts.create_wallet(ben)
    return vault_path, dataset_id


def as_ana(path: Path) -> Vault:
    return Vault.unlock(path, OWNER, PASSPHRASE)


def as_ben(path: Path) -> Vault:
    return Vault.unlock(path, BEN, BEN_PASS)
