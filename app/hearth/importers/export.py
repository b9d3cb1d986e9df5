"""What a person hands to Hearth: a file, a folder, or a zip, seen as a list of entries.

Importers find their files by content (`head`), never by name alone: Apple translates
`export.xml`, Google translates Takeout's folder names. Zips are read with limits, because
an export is untrusted input: no `../` or absolute paths, a cap on entries, on each entry's
and the total uncompressed size, and on the compression ratio (zip bombs).
"""

from __future__ import annotations

import contextlib
import io
import os
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from hearth.errors import BadInput

MAX_ENTRIES = 200_000
MAX_ENTRY_BYTES = 64 * 1024**3  # the largest Apple Health exports seen are a few GB
MAX_TOTAL_BYTES = 256 * 1024**3
MAX_RATIO = 200  # XML compresses about 15:1; bombs go to thousands
HEAD_BYTES = 4096


# What zipfile raises for damaged, encrypted or exotic archives (it has no error root of its own).
_ZIP_FAILURES = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    zlib.error,
    ValueError,
    RuntimeError,  # an encrypted entry
    NotImplementedError,  # an unknown compression method or zip version
)


def _why(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) and "encrypted" in str(exc):
        return "it is password-protected; export it again without a password"
    if isinstance(exc, NotImplementedError):
        return "it uses a kind of compression Hearth cannot read"
    return str(exc) or type(exc).__name__


@dataclass(frozen=True)
class Entry:
    """One file inside the export: ``name`` uses forward slashes, relative to the export."""

    name: str
    size: int  # uncompressed bytes
    stored_size: int  # bytes on disk (compressed size inside a zip)

    @property
    def basename(self) -> str:
        return PurePosixPath(self.name).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()


class Export:
    """A file, folder or zip the person chose. Use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if not path.exists():
            raise BadInput(f"{path} does not exist.")
        if path.is_dir():
            self.kind = "folder"
            self._entries = _folder_entries(path)
        elif zipfile.is_zipfile(path):
            self.kind = "zip"
            try:
                self._zip = zipfile.ZipFile(path)
                self._entries = _zip_entries(self._zip, path)
            except _ZIP_FAILURES as exc:
                raise BadInput(f"{path.name} is a damaged zip file ({_why(exc)}).") from None
        elif _starts_like_a_zip(path):
            # A zip's table of contents is at its end: without it, the download or the copy
            # was cut short.
            raise BadInput(
                f"{path.name} is a zip file that is cut off or damaged: download or copy it again."
            )
        else:
            self.kind = "file"
            size = path.stat().st_size
            self._entries = [Entry(path.name, size, size)]
        self._by_name = {e.name: e for e in self._entries}

    def __enter__(self) -> Export:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None

    @property
    def entries(self) -> list[Entry]:
        return list(self._entries)

    def entry(self, name: str) -> Entry | None:
        return self._by_name.get(name)

    def entries_named(self, names: Iterable[str]) -> list[Entry]:
        """The entries with these names (a match's), in that order; unknown names are left out."""
        return [self._by_name[name] for name in names if name in self._by_name]

    @property
    def stored_size(self) -> int:
        return sum(e.stored_size for e in self._entries)

    def open(self, entry: Entry) -> IO[bytes]:
        """A binary stream of ``entry``'s content (decompressed)."""
        try:
            if self._zip is not None:
                return io.BufferedReader(_CappedReader(self._zip.open(entry.name), entry))
            if self.kind == "folder":
                return (self.path / entry.name).open("rb")
            return self.path.open("rb")
        except _ZIP_FAILURES as exc:
            raise BadInput(f"Cannot read {entry.name} in {self.path.name} ({_why(exc)}).") from None

    def local_path(self, entry: Entry) -> Path | None:
        """The file on disk for ``entry``, when it is not inside a zip."""
        if self.kind == "folder":
            return self.path / entry.name
        if self.kind == "file":
            return self.path
        return None

    def head(self, entry: Entry, size: int = HEAD_BYTES) -> bytes:
        """The first ``size`` bytes of ``entry`` (for sniffing), or b"" if it cannot be read."""
        try:
            with self.open(entry) as stream:
                return stream.read(size)
        except (BadInput, *_ZIP_FAILURES):
            return b""


class _CappedReader(io.RawIOBase):
    """A zip member stream that stops at the size the zip declared (bombs lie about it) and
    reports damage as `BadInput`."""

    def __init__(self, inner: IO[bytes], entry: Entry) -> None:
        super().__init__()
        self._inner = inner
        self._left = entry.size
        self._name = entry.name

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self._inner.read(len(buffer))
        except _ZIP_FAILURES as exc:
            raise BadInput(
                f"{self._name} in the zip is damaged or truncated ({_why(exc)})."
            ) from None
        self._left -= len(data)
        if self._left < 0:
            raise BadInput(f"{self._name} in the zip is larger than it claims (a zip bomb?).")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def _starts_like_a_zip(path: Path) -> bool:
    with path.open("rb") as head:
        return head.read(4) == b"PK\x03\x04"


def _zip_entries(archive: zipfile.ZipFile, path: Path) -> list[Entry]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BadInput(f"{path.name} holds {len(infos)} files, more than an export would.")
    entries: list[Entry] = []
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        name = info.filename.replace("\\", "/")
        parts = PurePosixPath(name).parts
        if name.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
            raise BadInput(
                f"{path.name} contains a file with an unsafe path ({name!r}); it was not opened."
            )
        if info.file_size > MAX_ENTRY_BYTES or info.file_size > max(
            info.compress_size, 1
        ) * MAX_RATIO + (1 << 20):
            raise BadInput(
                f"{path.name} looks like a zip bomb: {name} would expand to {info.file_size} bytes."
            )
        total += info.file_size
        entries.append(Entry(name, info.file_size, info.compress_size))
    if total > MAX_TOTAL_BYTES:
        raise BadInput(f"{path.name} would expand to {total} bytes, more than Hearth accepts.")
    return entries


def _folder_entries(root: Path) -> list[Entry]:
    entries: list[Entry] = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            full = Path(folder) / name
            with contextlib.suppress(OSError):
                if full.is_symlink():  # a link could point anywhere; exports have none
                    continue
                size = full.stat().st_size
                entries.append(Entry(full.relative_to(root).as_posix(), size, size))
                if len(entries) > MAX_ENTRIES:
                    raise BadInput(f"{root.name} holds more files than an export would.")
    return entries


def iter_lines(stream: IO[bytes], encoding: str = "utf-8-sig") -> Iterator[str]:
    """Decoded lines of a text entry; `BadInput` on bytes that are not in ``encoding``."""
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        yield from text
    except UnicodeDecodeError:
        raise BadInput(f"The file is not {encoding} text.") from None
