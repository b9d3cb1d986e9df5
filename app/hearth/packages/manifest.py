"""`manifest.json`: a package's DCAT-style description, its licence terms and its hashes.

Written last into the package (it lists the data files' hashes) and never holds anything
that changes between two builds of the same rows and policy (no build time, no counts of what
the transforms removed), so that the bytes are the same each time. Fields are specified in
docs/formats/package.md.
"""

from __future__ import annotations

import json
from typing import Any

from hearth.consent.odrl import to_odrl
from hearth.packages.contents import Contents, PackageSource

MANIFEST = "manifest.json"
FORMAT = "hearth-package"
FORMAT_VERSION = 1
MERKLE_SCHEME = "hearth-merkle-sha256-v1"

_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "odrl": "http://www.w3.org/ns/odrl/2/",
    "@vocab": "https://hearth.invalid/ns/package#",
    "Dataset": "dcat:Dataset",
    "identifier": "dct:identifier",
    "title": "dct:title",
    "description": "dct:description",
    "publisher": {"@id": "dct:publisher", "@type": "@id"},
    "temporal": "dct:temporal",
    "startDate": "dcat:startDate",
    "endDate": "dcat:endDate",
    "distribution": "dcat:distribution",
    "mediaType": "dcat:mediaType",
    "byteSize": "dcat:byteSize",
    "policy": {"@id": "odrl:hasPolicy", "@type": "@json"},
}


def manifest_document(
    source: PackageSource, contents: Contents, seller: str | None = None
) -> dict[str, Any]:
    """The manifest of ``contents`` built from ``source``; ``seller`` is the wallet address,
    the member's pseudonymous URN until there is one."""
    tables = contents.tables
    starts = [t.first for t in tables if t.first]
    ends = [t.last for t in tables if t.last]
    labels = sorted({t.schema()["label"] for t in tables})
    return {
        "@context": _CONTEXT,
        "@type": "Dataset",
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "identifier": source.uid,
        "title": source.title,
        "description": _description(source.title, labels, starts, ends),
        "publisher": seller or source.member_urn,
        "temporal": {
            "startDate": min(starts) if starts else None,
            "endDate": max(ends) if ends else None,
        },
        "rows": contents.rows,
        "distribution": [t.schema() for t in tables],
        "transforms": contents.transforms.applied(),
        "policy": to_odrl(source.policy, source.uid),
        "terms_hash": contents.terms_hash,
        "merkle_scheme": MERKLE_SCHEME,
        "merkle_root": contents.merkle_root,
    }


def manifest_bytes(document: dict[str, Any]) -> bytes:
    """Sorted keys, two-space indent, UTF-8, a final newline: one text per document."""
    text = json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _description(title: str, labels: list[str], starts: list[str], ends: list[str]) -> str:
    what = ", ".join(labels) if labels else "no records"
    when = f", {min(starts)[:4]}–{max(ends)[:4]}" if starts and ends else ""
    return (
        f"{what} from {title}{when}, after the privacy transforms listed under 'transforms'. "
        "One CSV file per table under data/."
    )
