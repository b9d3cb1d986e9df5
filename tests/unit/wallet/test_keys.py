"""Keys: BIP-39 words, the account at m/44'/60'/0'/0/0, the age identity, keystores, addresses."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest

from hearth.errors import BadInput, UsageError, WrongPassphrase
from hearth.wallet import backup_quiz, keys

# Published vectors: the BIP-39 "abandon ... about" phrase and Hardhat's default accounts.
ABANDON = "abandon " * 11 + "about"
ABANDON_ADDRESS = "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
HARDHAT = "test test test test test test test test test test test junk"
HARDHAT_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
HARDHAT_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"


def test_words_give_the_account_every_wallet_derives_at_the_default_path() -> None:
    assert keys.secret_from_words(ABANDON).address == ABANDON_ADDRESS
    hardhat = keys.secret_from_words(HARDHAT)
    assert hardhat.address == HARDHAT_ADDRESS
    assert hardhat.private_key.hex() == HARDHAT_KEY


@pytest.mark.parametrize("count", [12, 24])
def test_new_words_are_a_valid_mnemonic_of_the_asked_length(count: int) -> None:
    phrase = keys.new_words(count)
    assert len(phrase.split()) == count
    assert keys.normalize_words(phrase) == phrase
    assert keys.new_words(count) != phrase


def test_other_word_counts_are_refused() -> None:
    with pytest.raises(UsageError, match="12 or 24"):
        keys.new_words(18)


def test_words_are_read_whatever_the_case_and_spacing() -> None:
    messy = "  " + HARDHAT.upper().replace(" ", " \n\t ") + "\n"
    assert keys.secret_from_words(messy).address == HARDHAT_ADDRESS


def test_a_missing_word_is_refused_with_the_count() -> None:
    with pytest.raises(BadInput, match="12 or 24; 11 were given"):
        keys.normalize_words(" ".join(HARDHAT.split()[:-1]))


def test_a_misspelt_word_is_refused_by_position_without_quoting_it() -> None:
    words = HARDHAT.split()
    words[4] = "tset"
    with pytest.raises(BadInput, match="Word 5 is not one of") as caught:
        keys.normalize_words(" ".join(words))
    assert "tset" not in str(caught.value)


def test_words_with_a_wrong_checksum_are_refused_without_quoting_them() -> None:
    with pytest.raises(BadInput, match="checksum") as caught:
        keys.normalize_words("abandon " * 12)
    assert "abandon" not in str(caught.value)


def test_the_age_identity_follows_the_key_so_both_restores_give_the_same_one() -> None:
    from_words = keys.secret_from_words(HARDHAT)
    from_key = keys.secret_from_private_key(bytes.fromhex(HARDHAT_KEY))
    assert from_key.age_identity == from_words.age_identity
    assert from_words.age_recipient.startswith("age1")
    assert keys.secret_from_words(ABANDON).age_recipient != from_words.age_recipient
    assert from_key.mnemonic is None


def test_a_package_encrypted_to_the_recipient_opens_with_the_identity() -> None:
    secret = keys.secret_from_words(keys.new_words())
    recipient = pyrage.x25519.Recipient.from_str(secret.age_recipient)
    sealed = pyrage.encrypt(b"heart rate 2019", [recipient])
    identity = pyrage.x25519.Identity.from_str(secret.age_identity)
    assert pyrage.decrypt(sealed, [identity]) == b"heart rate 2019"


@pytest.mark.skipif(shutil.which("age") is None, reason="the stock `age` program is not installed")
def test_the_stock_age_program_accepts_the_derived_identity(tmp_path: Path) -> None:
    secret = keys.secret_from_words(HARDHAT)
    identity_file = tmp_path / "identity.txt"
    identity_file.write_text(secret.age_identity + "\n")
    sealed = tmp_path / "data.age"
    recipient = pyrage.x25519.Recipient.from_str(secret.age_recipient)
    sealed.write_bytes(pyrage.encrypt(b"steps", [recipient]))
    opened = subprocess.run(
        ["age", "--decrypt", "-i", str(identity_file), str(sealed)],
        capture_output=True,
        check=True,
    )
    assert opened.stdout == b"steps"


def test_a_keystore_round_trip_keeps_the_key_but_not_the_words() -> None:
    secret = keys.secret_from_words(HARDHAT)
    text = keys.keystore_json(secret, "a long password", iterations=1024)
    document = json.loads(text)
    assert document["crypto"]["kdf"] == "scrypt"
    assert HARDHAT_KEY not in text
    restored = keys.secret_from_keystore(text, "a long password")
    assert restored.address == HARDHAT_ADDRESS
    assert restored.private_key == secret.private_key
    assert restored.mnemonic is None


def test_a_wrong_keystore_password_is_a_wrong_passphrase_sentence() -> None:
    text = keys.keystore_json(keys.secret_from_words(HARDHAT), "a long password", iterations=1024)
    with pytest.raises(WrongPassphrase, match="does not open the keystore file"):
        keys.secret_from_keystore(text, "another password")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("not json", "not JSON"),
        ('{"hello": 1}', "not an Ethereum keystore"),
        ('{"crypto": {"kdf": "scrypt"}, "version": 3}', "damaged or of an unsupported kind"),
        ("[1, 2]", "not an Ethereum keystore"),
    ],
)
def test_a_file_that_is_not_a_keystore_is_bad_input(text: str, sentence: str) -> None:
    with pytest.raises(BadInput, match=sentence):
        keys.secret_from_keystore(text, "whatever password")


def test_a_keystore_whose_address_field_lies_is_refused() -> None:
    document = json.loads(
        keys.keystore_json(keys.secret_from_words(HARDHAT), "a long password", iterations=1024)
    )
    document["address"] = ABANDON_ADDRESS[2:].lower()
    with pytest.raises(BadInput, match="does not match the address"):
        keys.secret_from_keystore(json.dumps(document), "a long password")


def test_addresses_in_one_case_are_accepted_and_checksummed() -> None:
    assert keys.checked_address(HARDHAT_ADDRESS.lower()) == HARDHAT_ADDRESS
    assert keys.checked_address("0x" + HARDHAT_ADDRESS[2:].upper()) == HARDHAT_ADDRESS
    assert keys.checked_address(f"  {HARDHAT_ADDRESS}\n") == HARDHAT_ADDRESS


def test_a_mixed_case_address_with_a_wrong_capital_is_refused() -> None:
    wrong = HARDHAT_ADDRESS.replace("Fd", "fd", 1)
    assert wrong != HARDHAT_ADDRESS
    with pytest.raises(BadInput, match="EIP-55"):
        keys.checked_address(wrong)


@pytest.mark.parametrize(
    "text", ["", "0x1234", "f39Fd6e51aad88F6F4ce6aB8827279cffFb92266x", "0xZZ"]
)
def test_something_that_is_not_an_address_is_refused(text: str) -> None:
    with pytest.raises(BadInput, match="not an Ethereum address"):
        keys.checked_address(text)


def test_the_quiz_passes_only_when_every_asked_word_is_right() -> None:
    phrase = keys.normalize_words(HARDHAT)
    positions = backup_quiz.quiz_positions(12)
    assert len(set(positions)) == 3
    assert all(1 <= p <= 12 for p in positions)
    assert backup_quiz.quiz_passed(phrase, {1: "test", 12: " JUNK "})
    assert not backup_quiz.quiz_passed(phrase, {1: "test", 12: "test"})
    assert not backup_quiz.quiz_passed(phrase, {13: "junk"})
    assert not backup_quiz.quiz_passed(phrase, {})


def test_a_wallet_secret_shows_only_its_address() -> None:
    secret = keys.secret_from_words(HARDHAT)
    shown = repr(secret) + str(secret)
    assert HARDHAT_ADDRESS in shown
    assert HARDHAT_KEY not in shown
    assert "junk" not in shown
    assert "AGE-SECRET-KEY" not in shown


def test_the_stored_form_round_trips_and_damage_is_bad_input() -> None:
    secret = keys.secret_from_words(HARDHAT)
    assert keys.WalletSecret.from_json_bytes(secret.to_json_bytes()) == secret
    body = json.loads(secret.to_json_bytes())
    body["address"] = ABANDON_ADDRESS
    with pytest.raises(BadInput, match="does not match"):
        keys.WalletSecret.from_json_bytes(json.dumps(body).encode())
    with pytest.raises(BadInput, match="damaged"):
        keys.WalletSecret.from_json_bytes(b"{")
