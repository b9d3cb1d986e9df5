"""The printable recovery key: 160 random bits written as eight groups of four characters."""

from __future__ import annotations

import base64
import secrets

from hearth.errors import WrongPassphrase

RECOVERY_BYTES = 20  # 160 bits: beyond guessing even without the KDF's help
GROUP = 4
# People copy keys from paper: read the digits that look like base32 letters as those letters.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})


def new_recovery_key() -> str:
    """A fresh recovery key, e.g. ``ABCD-EFGH-...`` (32 characters in 8 groups)."""
    text = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def recovery_secret(typed: str) -> bytes:
    """The bytes behind a recovery key as a person typed it (any case, spaces or dashes)."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_LOOKALIKES)
    try:
        secret = base64.b32decode(cleaned, casefold=False)
    except ValueError:
        raise WrongPassphrase(
            "That is not a recovery key: it should be 32 letters and digits in 8 groups."
        ) from None
    if len(secret) != RECOVERY_BYTES:
        raise WrongPassphrase(
            "That is not a recovery key: it should be 32 letters and digits in 8 groups."
        )
    return secret
