"""Taking secrets out of text before it is written where a helper may read it: the log file
and the support bundle.

Two nets: the secrets this process knows exactly (a passphrase just typed, the data key,
wallet words; the vault and wallet call `register_secret` when they unlock) are replaced
wherever they appear, and anything shaped like a secret is replaced even when nobody
registered it: BIP-39 word runs, 64-digit hex keys, age identities, recovery keys, values
after ``passphrase=`` and the like, a keystore's ``ciphertext``, and the path and query of
web addresses.

Record values (a heart rate, a visited URL) have no shape to catch, so the rule for them is
that they are never logged; as a last net, messages of exceptions that are not Hearth's own
sentences are left out of logged tracebacks, since they may quote what was being parsed.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import threading
import traceback
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from hearth.errors import HearthError

# Below this length a registered value would be replaced all over ordinary words.
MIN_SECRET_LENGTH = 4
# BIP-39 phrases have 12 to 24 words; 12 in a row from the list is never prose.
MNEMONIC_MIN_WORDS = 12

_registered: set[str] = set()
_registered_lock = threading.Lock()

# The names of secrets (not a secret): the value after them is replaced.
_SECRET_NAMES = "|".join(
    (
        r"pass(?:word|phrase|wd)",
        r"secret",
        r"private[_ -]?key",
        r"mnemonic",
        r"seed(?:[_ ]phrase)?",
        r"recovery[_ -]?key",
        r"data[_ -]?key",
    )
)
_PATTERNS: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    # A keystore's encrypted key, in JSON or in a Python dict's repr.
    (
        re.compile(r"""(["']ciphertext["']\s*:\s*)(["'])[^"']*\2""", re.IGNORECASE),
        r"\1\2[redacted]\2",
    ),
    # age identities (X25519 and plug-in ones); age1... recipients are public and stay.
    (
        re.compile(r"AGE-(?:PLUGIN-[A-Z0-9-]+-|SECRET-KEY-)1[A-Z0-9]+", re.IGNORECASE),
        "[age identity]",
    ),
    # `name=value`, `name: value`, `"name": "value"`: the value goes, the name stays.
    (
        re.compile(
            rf"""(?P<name>\b(?:{_SECRET_NAMES})\b["']?\s*[=:]\s*)"""
            r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s,;&}\]]+)""",
            re.IGNORECASE,
        ),
        r"\g<name>[redacted]",
    ),
    # Private keys and data keys as hex, with or without 0x. Transaction hashes and
    # sha256 digests have the same shape and go too: a log does not need them.
    (re.compile(r"(?<![0-9A-Za-z])(?:0x)?[0-9a-fA-F]{64}(?![0-9A-Za-z])"), "[hex key]"),
    # Web addresses keep their scheme and host (which RPC node, which site) and lose the
    # rest: a visited page's path is personal, and an RPC URL's path often holds an API key.
    (
        re.compile(
            r"\b((?:https?|wss?)://)(?:[^\s/@]*@)?([^\s/?#'\"]+)([/?#][^\s'\"<>]*)?",
            re.IGNORECASE,
        ),
        lambda m: f"{m[1]}{m[2]}{'/[…]' if m[3] and m[3] != '/' else ''}",
    ),
    # A vault recovery key: 8 groups of 4 base32 characters.
    (re.compile(r"(?<![A-Z0-9])[A-Z2-7]{4}(?:[- ][A-Z2-7]{4}){7}(?![A-Z0-9])"), "[recovery key]"),
)
_WORD = re.compile(r"[A-Za-z]+")
_BETWEEN_WORDS = re.compile(r"""[\s,"']+""")


def register_secret(value: str | bytes) -> None:
    """Replace ``value`` (and, for bytes, its hex) wherever this process logs or bundles it.

    Called by whoever holds a secret in the clear: the unlock (passphrase, data key), the
    wallet (words, private key). Values shorter than `MIN_SECRET_LENGTH` are ignored.
    """
    if isinstance(value, bytes):
        forms = [value.hex(), "0x" + value.hex(), value.hex().upper()]
    else:
        # Also as it appears inside JSON text ("é" is "\\u00e9" there).
        forms = [value, json.dumps(value)[1:-1]]
    with _registered_lock:
        _registered.update(f for f in forms if len(f.strip()) >= MIN_SECRET_LENGTH)


def forget_secrets() -> None:
    """Drop every registered value (tests; a process that locked everything)."""
    with _registered_lock:
        _registered.clear()


def redact(text: str) -> str:
    """``text`` with every registered secret and everything shaped like one replaced."""
    with _registered_lock:
        known = sorted(_registered, key=len, reverse=True)
    for secret in known:  # longest first: a passphrase may contain a shorter secret
        if secret in text:
            text = text.replace(secret, "[redacted]")
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return _without_mnemonics(text)


def _without_mnemonics(text: str) -> str:
    """Replace each run of `MNEMONIC_MIN_WORDS` or more BIP-39 words (any case, separated by
    spaces, commas or quotes) with "[words]"."""
    words = _bip39_words()
    if not words:
        return text
    runs: list[tuple[int, int]] = []
    start = end = count = 0
    for match in _WORD.finditer(text):
        joined = count and _BETWEEN_WORDS.fullmatch(text, end, match.start()) is not None
        if match.group().lower() in words:
            if not joined:
                start, count = match.start(), 0
            count += 1
            end = match.end()
            if count == MNEMONIC_MIN_WORDS:
                runs.append((start, end))
            elif count > MNEMONIC_MIN_WORDS:
                runs[-1] = (start, end)
        else:
            count = 0
    for run_start, run_end in reversed(runs):
        text = text[:run_start] + "[words]" + text[run_end:]
    return text


@lru_cache(maxsize=1)
def _bip39_words() -> frozenset[str]:
    """The English BIP-39 list that eth-account ships (found without importing eth-account,
    which takes a second; bundled by packaging/hearth.spec)."""
    spec = importlib.util.find_spec("eth_account")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "hdaccount" / "wordlist" / "english.txt"
        if path.is_file():
            return frozenset(path.read_text(encoding="utf-8").split())
    return frozenset()


def safe_traceback(error: BaseException) -> str:
    """A traceback with frames and exception types, whose messages are kept only for Hearth's
    own errors (sentences written for people) and OS errors, and redacted."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        cause = current.__cause__
        current = (
            cause if cause is not None or current.__suppress_context__ else current.__context__
        )
    parts: list[str] = []
    for number, exc in enumerate(reversed(chain)):
        if number:
            parts.append("\nWhile handling or because of the error above:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_tb(exc.__traceback__))
        parts.append(f"{type(exc).__module__}.{type(exc).__qualname__}: {_message_of(exc)}\n")
    return redact("".join(parts))


def _message_of(error: BaseException) -> str:
    if isinstance(error, HearthError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"[Errno {error.errno}] {error.strerror}{where}"
    return "(message left out: it may quote data)"


class RedactingFilter(logging.Filter):
    """Put on every handler: rewrites each record's message, traceback and stack redacted.

    On a handler rather than a logger because a logger's filters do not see the records
    that its children propagate to it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call must not hide the record; its args are dropped
            message = str(record.msg)
        record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = safe_traceback(record.exc_info[1]).rstrip("\n")
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
