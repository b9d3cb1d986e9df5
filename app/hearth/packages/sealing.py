"""The package's zip, made deterministic and fed straight into age's encryptor.

pyrage encrypts from a reader, so the zip is built on demand: `PullStream.read` runs the
build's steps until the zip writer has put enough bytes in the `Outbox`. Plaintext lives only
in those few hundred kilobytes of memory, never in a file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Generator
from typing import Any

from hearth.errors import BadInput

# Fixed for every entry, so the same files make the same zip: the zip format's earliest
# date, a regular file readable by all, made on Unix. Level 1: the CSV still shrinks about
# sixfold, several times faster than the default level.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o100644
ZIP_LEVEL = 1
_UNIX = 3


def zip_entry(path: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(path, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info._compresslevel = ZIP_LEVEL  # type: ignore[attr-defined]  # (3.13: compress_level)
    info.create_system = _UNIX
    info.external_attr = ZIP_MODE << 16
    return info


class Outbox:
    """Where the zip writer writes: a buffer the encryptor drains. Not seekable, so zipfile
    writes sizes after each entry's data instead of seeking back."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.start = 0

    def write(self, data: bytes, /) -> int:
        self.buffer += data
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def pending(self) -> int:
        return len(self.buffer) - self.start

    def take(self, size: int) -> bytes:
        end = self.start + size
        chunk = bytes(self.buffer[self.start : end])
        self.start = min(end, len(self.buffer))
        if self.start > 1 << 20:  # drop what was read now and then, not on every read
            del self.buffer[: self.start]
            self.start = 0
        return chunk


class PullStream:
    """A reader for `pyrage.encrypt_io` that runs `steps` as it is read.

    pyrage turns an exception raised in `read` into its own error with the message only;
    the original (a cancel, a vault error) is kept in `error` for the caller to re-raise."""

    def __init__(self, steps: Generator[None, None, Any], outbox: Outbox) -> None:
        self._steps = steps
        self._outbox = outbox
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            while not self.done and (size < 0 or self._outbox.pending() < size):
                try:
                    next(self._steps)
                except StopIteration as finished:
                    self.done = True
                    self.result = finished.value
        except BaseException as exc:
            self.error = exc
            raise
        return self._outbox.take(self._outbox.pending() if size < 0 else size)


def checked_entry_name(name: str) -> str:
    """A zip entry name a package may hold: `manifest.json` or `data/<table>.csv`, nothing
    else (no folders, no `..`, no absolute or Windows paths)."""
    parts = name.split("/")
    ok = name == "manifest.json" or (
        len(parts) == 2
        and parts[0] == "data"
        and parts[1].endswith(".csv")
        and parts[1][:-4].replace("_", "").isalnum()
        and parts[1][:-4].isascii()
    )
    if not ok:
        raise BadInput(f"The package holds a file it should not ({name[:80]!r}): not opened.")
    return name
