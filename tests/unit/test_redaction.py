"""The redaction filter: every secret Hearth knows of, planted in log calls in every way a
careless line could write it, never reaches the log file."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_account import Account

from hearth import logs, redact
from hearth.errors import BadInput
from tests.conftest import PASSPHRASE

Account.enable_unaudited_hdwallet_features()

AGE_IDENTITY = "AGE-SECRET-KEY-1QQPQ8C0FSSU8X2FZH5S4DLXP9HRYSHQ7M6GHAF0CKY7W4GU8XYCQ2LZ2XV"
AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
RECOVERY_KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"
HEART_RATE_NOTE = "HKMetadataKeyHeartRateMotionContext=Sedentary 71.5 bpm at the Rosalind Clinic"


@pytest.fixture
def account() -> tuple[str, str]:
    """A throwaway wallet: its private key hex and its 12 words."""
    acct, words = Account.create_with_mnemonic()
    return bytes(acct.key).hex(), words


@pytest.fixture
def log_text(tmp_path: Path) -> Iterator[Path]:
    """The `hearth` log going to a fresh file (the isolated HOME of the tests)."""
    logger = logging.getLogger("hearth")
    before = list(logger.handlers)
    for handler in before:
        logger.removeHandler(handler)
    logs.setup_logging()
    yield logs.log_file()
    for handler in list(logger.handlers):
        handler.close()
        logger.removeHandler(handler)
    for handler in before:
        logger.addHandler(handler)
    redact.forget_secrets()


def _written(path: Path) -> str:
    for handler in logging.getLogger("hearth").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_secret_shapes_are_replaced_without_registration(
    log_text: Path, account: tuple[str, str]
) -> None:
    key_hex, words = account
    log = logging.getLogger("hearth.test")
    log.warning("restored from words %s", words)
    log.warning("restored from WORDS %s", words.upper().replace(" ", ", "))
    log.warning("key 0x%s and bare %s", key_hex, key_hex)
    log.warning("identity %s for %s", AGE_IDENTITY, AGE_RECIPIENT)
    log.warning("recovery key is %s", RECOVERY_KEY)
    log.warning("passphrase=%s password: 'two words' Passwd=%s", PASSPHRASE, PASSPHRASE)
    log.warning("options %s", {"passphrase": PASSPHRASE, "mnemonic": words})
    log.warning("keystore %s", json.dumps({"crypto": {"ciphertext": "c0ffee" * 10}}))
    text = _written(log_text)
    for secret in (
        words,
        *words.split()[:11:5],  # no leftover piece of the phrase either
        key_hex,
        AGE_IDENTITY,
        AGE_IDENTITY[-20:],
        RECOVERY_KEY,
        PASSPHRASE,
        "two words",
        "c0ffee" * 10,
    ):
        assert secret.lower() not in text.lower(), secret
    assert AGE_RECIPIENT in text  # public: a helper may need to see which key was used
    assert text.count("WARNING hearth.test") == 8


def test_registered_secrets_are_replaced_wherever_they_appear(log_text: Path) -> None:
    odd = "Ñandú corre 7 veces"  # a passphrase no shape would catch
    data_key = bytes(range(32))
    redact.register_secret(odd)
    redact.register_secret(data_key)
    log = logging.getLogger("hearth.vault")
    log.info("typed %r", odd)
    log.info("as json %s", json.dumps({"p": odd}))
    log.info("key %s / %s", data_key.hex().upper(), "0x" + data_key.hex())
    text = _written(log_text)
    assert "corre 7" not in text and "And\\u00fa" not in text.lower()
    assert data_key.hex() not in text.lower()


def test_short_values_are_not_registered() -> None:
    redact.register_secret("ab")
    assert redact.redact("a tab and a crab") == "a tab and a crab"
    redact.forget_secrets()


def test_exception_messages_that_may_quote_data_are_left_out(log_text: Path) -> None:
    log = logging.getLogger("hearth.importers")
    try:
        float(HEART_RATE_NOTE)
    except ValueError:
        log.exception("parsing failed")
    try:
        raise BadInput("The file is not an Apple Health export.")
    except BadInput:
        log.exception("bad input")
    text = _written(log_text)
    assert "Rosalind" not in text and "71.5" not in text
    assert "ValueError" in text and "test_redaction.py" in text  # where it happened stays
    assert "The file is not an Apple Health export." in text  # Hearth's own sentences stay


def test_a_secret_in_a_chained_exception_is_left_out(
    log_text: Path, account: tuple[str, str]
) -> None:
    key_hex, _ = account
    try:
        try:
            raise KeyError(key_hex)
        except KeyError as inner:
            raise RuntimeError("while signing") from inner
    except RuntimeError:
        logging.getLogger("hearth.wallet").exception("signing failed")
    text = _written(log_text)
    assert key_hex not in text
    assert "KeyError" in text and "RuntimeError" in text


def test_prose_and_public_values_are_kept() -> None:
    sentence = "Imported 1200 heart rates into dataset 4 from export.zip for member id 2"
    address = "0x" + "ab" * 20
    assert redact.redact(sentence) == sentence
    assert redact.redact(f"wallet {address}") == f"wallet {address}"
    # Eleven list words in a row are not a phrase (the shortest is twelve).
    eleven = "abandon ability able about above absent absorb abstract absurd abuse access"
    assert redact.redact(eleven) == eleven


def test_python_s_own_fallback_handler_is_redacted_too(log_text: Path) -> None:
    fallback = logging.lastResort
    assert fallback is not None
    assert any(isinstance(f, redact.RedactingFilter) for f in fallback.filters)
