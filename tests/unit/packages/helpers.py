"""Building, decrypting and reading packages in tests, on vaults filled from real exports."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pyrage
from pyrage import x25519

from hearth.consent.policy import (
    ConsentPolicy,
    Price,
    PrivacyChoices,
    Purpose,
    Scope,
    parse_currency,
)
from hearth.consent.store import set_policy
from hearth.importers.pipeline import import_path
from hearth.packages.build import build_package
from hearth.vault import Vault
from hearth.vault.records import ImportWriter

APPLE = "apple-health/healthkit-to-sqlite-export.xml"
APPLE_ROUTE = "apple-health/route_2019-06-11_3.00pm.gpx"
FIT = "fit/fenix2-run.fit"
FIT5 = "fit/fenix5-run.fit"
GPX = "gpx/korita.gpx"
CHROME = "browser/chrome-History.sqlite"


def import_fixtures(vault: Vault, fixtures: Path, *names: str) -> dict[str, int]:
    """Import shared fixture files; returns dataset id by source ("apple-health", ...)."""
    ids: dict[str, int] = {}
    for name in names:
        for outcome in import_path(vault, fixtures / name):
            ids[outcome.source] = outcome.result.dataset_id
    return ids


def writer_for(vault: Vault, source: str, sha256: str) -> ImportWriter:
    """An import of rows a test makes itself into the acting member's ``source`` dataset
    (the same source again adds to the same dataset); ``sha256`` tells the imports apart."""
    assert vault.member is not None
    return ImportWriter(
        vault.open_reader(),
        member_id=vault.member.id,
        actor=vault.actor,
        source=source,
        title=source.title(),
        file_name=source,
        sha256=sha256,
        importer="test",
    )


def policy(dataset_id: int, scope: Scope | None = None, **privacy: Any) -> ConsentPolicy:
    """A sellable policy (a purpose and a price) with these privacy choices."""
    return ConsentPolicy(
        dataset_id,
        purposes=frozenset({Purpose.ACADEMIC_RESEARCH}),
        price=Price.parse("0.01", parse_currency("ETH")),
        scope=scope or Scope(),
        privacy=PrivacyChoices(**privacy),
    )


def new_identity(folder: Path) -> tuple[Any, Path]:
    """An age identity and its key file, as `age-keygen -o` writes it."""
    identity = x25519.Identity.generate()
    key_file = folder / "buyer-key.txt"
    key_file.write_text(
        f"# created: 2024-01-01T00:00:00Z\n# public key: {identity.to_public()}\n{identity}\n"
    )
    return identity, key_file


def decrypt(path: Path, identity: Any) -> bytes:
    out = io.BytesIO()
    with path.open("rb") as sealed:
        pyrage.decrypt_io(sealed, out, [identity])
    return out.getvalue()


def zip_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package_files(
    vault: Vault, tmp_path: Path, sellable: ConsentPolicy, buyer: str | None = None
) -> dict[str, bytes]:
    """Set ``sellable`` as the dataset's policy, build its package and return every file in
    it, decrypted and unzipped."""
    set_policy(vault, sellable)
    identity = x25519.Identity.generate()
    out = tmp_path / "package.age"
    build_package(
        vault, sellable.dataset_id, recipient=str(identity.to_public()), out=out, buyer=buyer
    )
    return zip_files(decrypt(out, identity))


def table(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    """The rows of data/<name>.csv as dicts."""
    text = files[f"data/{name}.csv"].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def all_bytes(files: dict[str, bytes]) -> bytes:
    return b"\n".join(files.values())
