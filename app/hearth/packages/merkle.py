"""The Merkle root over a package's data files: what an offer commits to on chain.

Leaves are the data files sorted by path (UTF-8 bytes); leaf = sha256(0x00 || path || 0x00 ||
sha256 of the file), node = sha256(0x01 || left || right), an odd node is carried up to the
next level as it is; the root is "0x" + 64 hex digits. No files: sha256 of nothing. The
prefixes keep a leaf from ever being read as a node (second-preimage attacks). Specified in
docs/formats/package.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping


def merkle_root(file_hashes: Mapping[str, str]) -> str:
    """The root over ``{path: hex sha256 of the file}``."""
    level = [
        hashlib.sha256(b"\x00" + path.encode() + b"\x00" + bytes.fromhex(digest)).digest()
        for path, digest in sorted(file_hashes.items(), key=lambda item: item[0].encode())
    ]
    if not level:
        return "0x" + hashlib.sha256(b"").hexdigest()
    while len(level) > 1:
        paired = [
            hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest()
            for i in range(0, len(level) - 1, 2)
        ]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return "0x" + level[0].hex()
