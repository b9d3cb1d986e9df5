"""Copying secrets: remember what Hearth put on the clipboard so locking can take it back.

Only a digest is kept, never the text, and the clipboard is cleared only while it still
holds what Hearth put there: whatever the person copied since is theirs.
"""

from __future__ import annotations

import hashlib

from PySide6.QtGui import QGuiApplication

_our_digest: bytes | None = None


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def copy_secret(text: str) -> None:
    """Put ``text`` on the clipboard and remember that it was us."""
    global _our_digest
    QGuiApplication.clipboard().setText(text)
    _our_digest = _digest(text)


def clear_if_ours() -> bool:
    """Empty the clipboard if it still holds what `copy_secret` put there."""
    global _our_digest
    if _our_digest is None:
        return False
    clipboard = QGuiApplication.clipboard()
    ours = _digest(clipboard.text()) == _our_digest
    if ours:
        clipboard.clear()
    _our_digest = None
    return ours
