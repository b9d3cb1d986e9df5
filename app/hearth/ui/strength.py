"""How hard a passphrase is to guess, in words a person can act on (zxcvbn's 0-4 score)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from zxcvbn import zxcvbn

# zxcvbn's matching grows fast with length; the first 64 characters tell enough.
_CHECKED_LENGTH = 64


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (guessed at once) .. 4 (very hard); -1 when nothing was typed
    words: str


def rate_passphrase(passphrase: str, known_words: Sequence[str] = ()) -> Strength:
    """Rate ``passphrase``; ``known_words`` (the person's name, "hearth") count as guessable."""
    if not passphrase:
        return Strength(
            -1,
            QCoreApplication.translate(
                "Strength", "Type a passphrase: three or four unrelated words work well."
            ),
        )
    inputs = [w for w in known_words if w] + ["hearth", "vault"]
    score = int(zxcvbn(passphrase[:_CHECKED_LENGTH], user_inputs=inputs)["score"])
    return Strength(score, describe_score(score))


def describe_score(score: int) -> str:
    words = {
        0: QCoreApplication.translate("Strength", "Very weak: add two or three more words"),
        1: QCoreApplication.translate("Strength", "Weak: add another word"),
        2: QCoreApplication.translate("Strength", "Fair: one more word would make it strong"),
        3: QCoreApplication.translate("Strength", "Good: hard to guess"),
        4: QCoreApplication.translate("Strength", "Strong: very hard to guess"),
    }
    return words[max(0, min(4, score))]
