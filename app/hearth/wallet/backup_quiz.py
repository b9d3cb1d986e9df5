"""The check that a person wrote their backup words down: a few of them, asked back.

Apart from `keys` because it needs none of eth-account, which the Wallet page would
otherwise load (about a second) before anyone asks to see their words.
"""

from __future__ import annotations

import hmac
import secrets
import unicodedata
from collections.abc import Mapping


def quiz_positions(word_count: int, questions: int = 3) -> list[int]:
    """Which words (1-based, ascending) to ask back after showing them."""
    return sorted(secrets.SystemRandom().sample(range(1, word_count + 1), questions))


def quiz_passed(phrase: str, answers: Mapping[int, str]) -> bool:
    """True when every answered position (1-based) holds the word given."""
    words = phrase.split()
    ok = bool(answers)
    for position, answer in answers.items():
        given = unicodedata.normalize("NFKD", answer).strip().lower()
        expected = words[position - 1] if 1 <= position <= len(words) else ""
        ok = hmac.compare_digest(given.encode(), expected.encode()) and ok
    return ok
