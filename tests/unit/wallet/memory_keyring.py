"""A keyring backend that keeps entries in a dict: for the fast unit layer only (the real Secret
Service is exercised by tests/integration/test_wallet_secret_service.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.compat import properties
from keyring.errors import PasswordDeleteError


class MemoryKeyring(KeyringBackend):
    @properties.classproperty
    def priority(cls) -> float:
        # Never chosen on its own: only where a test sets it (keyring.set_keyring).
        raise RuntimeError("only for tests that choose it")

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise PasswordDeleteError("no such entry")
        del self.entries[(service, username)]


class JsonFileKeyring(MemoryKeyring):
    """The same, kept in the JSON file named by $HEARTH_TEST_KEYRING_FILE, so that several
    `hearth` processes of one CLI test share it (select it with $PYTHON_KEYRING_BACKEND)."""

    FILE_ENV = "HEARTH_TEST_KEYRING_FILE"

    @properties.classproperty
    def priority(cls) -> float:
        if cls.FILE_ENV not in os.environ:
            raise RuntimeError(f"only with ${cls.FILE_ENV}")
        return 1

    def __init__(self) -> None:
        super().__init__()
        self.path = Path(os.environ[self.FILE_ENV])
        if self.path.exists():
            self.entries = {
                (service, user): secret
                for service, user, secret in json.loads(self.path.read_text())
            }

    def set_password(self, service: str, username: str, password: str) -> None:
        super().set_password(service, username, password)
        self._save()

    def delete_password(self, service: str, username: str) -> None:
        super().delete_password(service, username)
        self._save()

    def _save(self) -> None:
        self.path.write_text(json.dumps([[s, u, p] for (s, u), p in self.entries.items()]))
