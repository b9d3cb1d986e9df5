"""Opening a package as its buyer: decrypt with the age identity, check the zip, re-hash
every file against the manifest, recompute the Merkle root and the terms hash.

Everything happens in a private folder beside ``out_dir`` that becomes ``out_dir`` by one
rename once all checks passed; any failure removes it, so nothing partial is left. A failure
is one sentence naming the file and what is wrong with it.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyrage  # type: ignore[import-untyped]
from pyrage import x25519  # type: ignore[import-untyped]

from hearth.consent.odrl import canonical_json
from hearth.errors import BadInput, UsageError
from hearth.packages.manifest import FORMAT, FORMAT_VERSION, MANIFEST, MERKLE_SCHEME
from hearth.packages.merkle import merkle_root
from hearth.packages.sealing import checked_entry_name
from hearth.progress import CancelToken, Progress, ProgressCallback, check, report

# A package's CSV shrinks about sixfold in the zip; far beyond that is a zip bomb.
MAX_EXPANSION = 200
MAX_MANIFEST_BYTES = 16 << 20
MAX_FILES = 10_000
_CHUNK = 1 << 20


@dataclass(frozen=True)
class OpenedPackage:
    verified: bool
    merkle_root: str
    terms_hash: str
    files: list[str]
    rows: int
    out_dir: Path

    def to_json(self) -> dict[str, Any]:
        return {
            "verified": self.verified,
            "merkle_root": self.merkle_root,
            "terms_hash": self.terms_hash,
            "files": self.files,
            "rows": self.rows,
        }


def open_package(
    path: Path,
    identity: Path,
    out_dir: Path,
    *,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> OpenedPackage:
    """Decrypt and verify the package at ``path`` into ``out_dir`` (made by this call)."""
    path, out_dir = Path(path), Path(out_dir)
    identities = read_identities(Path(identity))
    if not path.is_file():
        raise UsageError(f"There is no package at {path}.")
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise UsageError(f"{out_dir} already exists and is not empty: choose a new folder.")
    parent = out_dir.resolve().parent
    if not parent.is_dir():
        raise UsageError(f"The folder {parent} does not exist.")

    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".opening", dir=parent))
    try:
        archive_path = staging / "package.zip"
        _decrypt(path, archive_path, identities, progress, cancel)
        contents = staging / "contents"
        contents.mkdir(mode=0o700)
        opened = _verify_and_extract(archive_path, contents, cancel)
        archive_path.unlink()
        if out_dir.exists():
            out_dir.rmdir()  # empty, checked above
        os.replace(contents, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return OpenedPackage(
        True, opened.merkle_root, opened.terms_hash, opened.files, opened.rows, out_dir
    )


def read_identities(path: Path) -> list[Any]:
    """The age identities in a key file as `age-keygen` writes it (comments, then one or
    more AGE-SECRET-KEY-1... lines). The file's content is never quoted in an error."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        raise BadInput(f"{path} cannot be read as an age identity file.") from None
    identities = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            identities.append(x25519.Identity.from_str(line))
        except pyrage.IdentityError:
            raise BadInput(
                f"{path} is not an age identity file (`age-keygen -o FILE` makes one)."
            ) from None
    if not identities:
        raise BadInput(f"{path} holds no age identity (`age-keygen -o FILE` makes one).")
    return identities


# ---------------------------------------------------------------------- decrypting


class _Reading:
    """The encrypted file as pyrage reads it, with progress and cancel between reads."""

    def __init__(
        self, handle: IO[bytes], total: int, progress: ProgressCallback | None, cancel: Any
    ) -> None:
        self.handle = handle
        self.total = total
        self.done = 0
        self.progress = progress
        self.cancel = cancel
        self.error: BaseException | None = None

    def read(self, size: int = -1) -> bytes:
        try:
            check(self.cancel)
        except BaseException as exc:
            self.error = exc
            raise
        data = self.handle.read(size)
        self.done += len(data)
        if self.done % _CHUNK < len(data):
            report(self.progress, Progress(self.done, self.total, "bytes", "Decrypting"))
        return data


def _decrypt(
    path: Path,
    target: Path,
    identities: list[Any],
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> None:
    with path.open("rb") as sealed, _private_file(target) as plain:
        reading = _Reading(sealed, path.stat().st_size, progress, cancel)
        try:
            pyrage.decrypt_io(reading, plain, identities)
        except (pyrage.DecryptError, OSError) as exc:
            if reading.error is not None:
                raise reading.error from None
            raise BadInput(_decrypt_problem(str(exc))) from None


def _decrypt_problem(message: str) -> str:
    lowered = message.lower()
    if "no matching keys" in lowered:
        return "Wrong identity: this package was not encrypted to you (or its header is damaged)."
    if "header" in lowered or "fill whole buffer" in lowered:
        return "The package is not an age-encrypted file, or its header is truncated."
    return "The package is truncated or was changed: it does not decrypt to its end."


@contextlib.contextmanager
def _private_file(path: Path) -> Any:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        yield handle


# ---------------------------------------------------------------------- verifying


@dataclass(frozen=True)
class _Verified:
    merkle_root: str
    terms_hash: str
    files: list[str]
    rows: int


def _verify_and_extract(archive_path: Path, into: Path, cancel: CancelToken | None) -> _Verified:
    try:
        archive = zipfile.ZipFile(archive_path)
    except (zipfile.BadZipFile, OSError):
        raise BadInput("The package decrypts but its archive is damaged.") from None
    with archive:
        entries = _checked_entries(archive, archive_path.stat().st_size)
        if MANIFEST not in entries:
            raise BadInput("The package has no manifest.json.")
        manifest = _read_manifest(archive, entries[MANIFEST])
        listed = _listed_files(manifest)
        extra = sorted(set(entries) - set(listed) - {MANIFEST})
        if extra:
            raise BadInput(f"{extra[0]} is in the package but not in its manifest.")
        rows = 0
        (into / "data").mkdir(mode=0o700)
        for name, (digest, expected_rows, header) in listed.items():
            check(cancel)
            if name not in entries:
                raise BadInput(f"{name} is listed in the manifest but missing from the package.")
            _extract(archive, entries[name], into / name, digest)
            rows += _check_rows(into / name, name, expected_rows, header)
        (into / MANIFEST).write_bytes(archive.read(entries[MANIFEST]))
    root = merkle_root({name: digest for name, (digest, _, _) in listed.items()})
    if root != manifest.get("merkle_root"):
        raise BadInput(
            "manifest.json's Merkle root does not match its files' hashes: "
            "the manifest was changed."
        )
    from eth_hash.auto import keccak  # (see `hearth.consent.odrl.terms_hash`)

    terms = "0x" + keccak(canonical_json(manifest.get("policy"))).hex()
    if terms != manifest.get("terms_hash"):
        raise BadInput(
            "manifest.json's licence terms do not match its terms hash: the manifest was changed."
        )
    if manifest.get("rows") != rows:
        raise BadInput("manifest.json's row count does not match its files.")
    return _Verified(root, terms, [MANIFEST, *listed], rows)


def _checked_entries(archive: zipfile.ZipFile, archive_size: int) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > MAX_FILES:
        raise BadInput("The package holds more files than any package does: not opened.")
    entries: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = checked_entry_name(info.filename)
        if name in entries:
            raise BadInput(f"The package holds {name} twice: not opened.")
        entries[name] = info
        total += info.file_size
    if total > MAX_EXPANSION * archive_size + (1 << 20):
        raise BadInput(
            "The package would unpack to far more than it holds (a zip bomb): not opened."
        )
    return entries


def _read_manifest(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> dict[str, Any]:
    if info.file_size > MAX_MANIFEST_BYTES:
        raise BadInput("manifest.json is larger than any manifest is: not opened.")
    try:
        manifest = json.loads(_read_entry(archive, info, MAX_MANIFEST_BYTES))
    except (ValueError, UnicodeDecodeError):
        raise BadInput("manifest.json is not readable JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BadInput("manifest.json is not a Hearth package manifest.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BadInput("This package was made by a newer Hearth: update Hearth to open it.")
    if manifest.get("merkle_scheme") != MERKLE_SCHEME:
        raise BadInput("manifest.json names a Merkle scheme this Hearth does not know.")
    return manifest


def _listed_files(manifest: dict[str, Any]) -> dict[str, tuple[str, int, list[str]]]:
    """path -> (sha256, rows, column names), in the manifest's order."""
    listed: dict[str, tuple[str, int, list[str]]] = {}
    try:
        for table in manifest["distribution"]:
            name = checked_entry_name(str(table["path"]))
            digest = str(table["sha256"])
            if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
                raise BadInput(f"manifest.json gives {name} a hash that is not a sha256.")
            header = [str(column["name"]) for column in table["columns"]]
            listed[name] = (digest, int(table["rows"]), header)
    except (KeyError, TypeError, ValueError):
        raise BadInput("manifest.json does not list its files the way a package does.") from None
    return listed


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    try:
        with archive.open(info) as entry:
            data = entry.read(limit + 1)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise BadInput(f"{info.filename} is damaged in the package ({exc}).") from None
    if len(data) > limit:
        raise BadInput(f"{info.filename} is larger than the package says.")
    return data


def _extract(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, digest: str) -> None:
    """Copy one entry out, hashing it; zipfile checks its CRC and size at the end."""
    sha = hashlib.sha256()
    try:
        with archive.open(info) as entry, _private_file(target) as out:
            while chunk := entry.read(_CHUNK):
                sha.update(chunk)
                out.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise BadInput(f"{info.filename} is damaged in the package ({exc}).") from None
    if sha.hexdigest() != digest:
        raise BadInput(f"{info.filename} does not match its hash in the manifest.")


def _check_rows(path: Path, name: str, expected: int, header: list[str]) -> int:
    """The file's header and row count against the manifest's (its hash already matched,
    so a difference means the manifest's description was changed)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        if next(reader, None) != header:
            raise BadInput(f"{name}'s columns do not match the manifest.")
        rows = sum(1 for _ in reader)
    if rows != expected:
        raise BadInput(f"{name} has {rows} rows; the manifest says {expected}.")
    return rows
