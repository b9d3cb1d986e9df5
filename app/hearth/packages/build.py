"""Building a package: check the recipient and the consent, transform, zip, encrypt to the
buyer's age recipient, and put the file in place atomically.

The zip is made inside age's encryptor (`sealing.py`), so no plaintext touches the disk; the
encrypted file appears at ``out`` only once complete (temp name in the same folder, fsync,
rename) and nothing is left there after an error or a cancel.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage  # type: ignore[import-untyped]
from pyrage import x25519  # type: ignore[import-untyped]

from hearth.atomic import fsync_directory
from hearth.consent.policy import ConsentPolicy, Purpose, checked_address
from hearth.consent.store import effective_policy
from hearth.errors import BadInput, UsageError
from hearth.packages.contents import Contents, PackageSource, run
from hearth.packages.manifest import MANIFEST, manifest_bytes, manifest_document
from hearth.packages.sealing import Outbox, PullStream, zip_entry
from hearth.packages.snapshot import Snapshot, reading_snapshot
from hearth.progress import CancelToken, ProgressCallback, check
from hearth.vault import Vault


@dataclass(frozen=True)
class BuiltPackage:
    path: Path
    merkle_root: str
    terms_hash: str
    rows: int
    bytes: int

    def to_json(self) -> dict[str, Any]:
        return {
            "merkle_root": self.merkle_root,
            "terms_hash": self.terms_hash,
            "rows": self.rows,
            "bytes": self.bytes,
        }


def build_package(
    vault: Vault,
    dataset_id: int,
    *,
    recipient: str,
    out: Path,
    purpose: Purpose | None = None,
    buyer: str | None = None,
    seller_address: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> BuiltPackage:
    """Build the dataset's package under its active policy, encrypted to ``recipient``."""
    age_recipient = parse_recipient(recipient)
    out = Path(out)
    if not out.parent.is_dir():
        raise UsageError(f"The folder {out.parent} does not exist.")
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the package a file name.")
    seller = checked_address(seller_address) if seller_address else None
    policy = effective_policy(vault, dataset_id, purpose=purpose, buyer=buyer).policy
    source = PackageSource(vault, dataset_id, policy, buyer)

    fd, temp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as sealed, reading_snapshot(vault) as snapshot:
            outbox = Outbox()
            steps = _zip_steps(source, snapshot, outbox, seller, progress, cancel)
            stream = PullStream(steps, outbox)
            try:
                pyrage.encrypt_io(stream, sealed, [age_recipient])
            except pyrage.EncryptError:
                if stream.error is not None:
                    raise stream.error from None
                raise
            finally:
                steps.close()  # stopped half-way (an error writing): its readers stop now
            check(cancel)
            sealed.flush()
            os.fsync(sealed.fileno())
            size = sealed.tell()
        contents: Contents = stream.result
        os.replace(temp, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    fsync_directory(out.parent)
    return BuiltPackage(out, contents.merkle_root, contents.terms_hash, contents.rows, size)


def merkle_root_of(
    vault: Vault, dataset_id: int, policy: ConsentPolicy, buyer: str | None = None
) -> str:
    """The Merkle root the package of ``policy`` would have (what an offer commits to),
    without writing or encrypting anything."""
    source = PackageSource(vault, dataset_id, policy, buyer)
    with reading_snapshot(vault) as snapshot:
        return run(source.steps(snapshot)).merkle_root


def parse_recipient(text: str) -> Any:
    """An age X25519 recipient ("age1..."), or `BadInput` before any work is done."""
    text = text.strip()
    if text.upper().startswith("AGE-SECRET-KEY-"):
        # Never echoed: it is the buyer's secret, given by mistake.
        raise BadInput(
            "That is an age secret key, not a recipient: keep it private and give the "
            "public key (age1..., which `age-keygen -y KEYFILE` prints)."
        )
    try:
        return x25519.Recipient.from_str(text)
    except pyrage.RecipientError:
        raise BadInput(
            "The recipient is not an age public key: it starts with age1 "
            "(`age-keygen -y KEYFILE` prints it)."
        ) from None


def _zip_steps(
    source: PackageSource,
    snapshot: Snapshot,
    outbox: Outbox,
    seller: str | None,
    progress: ProgressCallback | None,
    cancel: CancelToken | None,
) -> Generator[None, None, Contents]:
    """The zip: data files in path order, then the manifest (it lists their hashes)."""
    with zipfile.ZipFile(outbox, "w") as archive:

        def open_file(path: str) -> Any:
            # zip64 always: an entry's size is not known before it is written.
            return archive.open(zip_entry(path), "w", force_zip64=True)

        contents = yield from source.steps(snapshot, open_file, progress=progress, cancel=cancel)
        manifest = manifest_bytes(manifest_document(source, contents, seller))
        archive.writestr(zip_entry(MANIFEST), manifest)
    yield
    return contents
