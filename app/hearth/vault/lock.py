"""The `LOCK` file: one process at a time has a vault open."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from hearth.errors import VaultInUse

LOCK_FILE = "LOCK"


class VaultLock:
    """An OS-level lock on `LOCK` (released by the OS if the process dies)."""

    def __init__(self, vault_path: Path) -> None:
        self._lock = FileLock(vault_path / LOCK_FILE, timeout=0, thread_local=False)

    def acquire(self) -> None:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise VaultInUse(
                "This vault is open in another Hearth window or command. Close it there, then "
                "try again."
            ) from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked
