"""The member's wallet operations against an in-memory keyring (the real Secret Service is in
tests/integration/test_wallet_secret_service.py)."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pyrage
import pytest
from eth_account import Account
from eth_account.messages import encode_defunct
from keyring.backends import fail

from hearth.errors import BadInput, NotAllowed, UsageError, VaultDamaged, WrongPassphrase
from hearth.vault import Role, Vault
from hearth.wallet import accounts, keystore_file, secret_store
from hearth.wallet.info import NoWallet, wallet_info
from hearth.wallet.keys import keystore_json, secret_from_words
from tests.conftest import PASSPHRASE
from tests.unit.wallet.memory_keyring import MemoryKeyring
from tests.unit.wallet.test_keys import HARDHAT, HARDHAT_ADDRESS, HARDHAT_KEY


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def _state(vault: Vault, backend: MemoryKeyring) -> tuple[Any, ...]:
    """Everything a wallet operation could change: rows, audit log, keyring, vault folder."""
    with vault.reading() as conn:
        rows = conn.execute("SELECT * FROM wallets ORDER BY member_id").fetchall()
    files = sorted(p.name for p in vault.path.iterdir())
    return rows, len(vault.audit_entries()), dict(backend.entries), files


def test_a_new_wallet_keeps_its_secret_in_the_keyring_under_ids_only(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    info = accounts.create_wallet(vault)
    assert info.address.startswith("0x")
    assert info.age_recipient.startswith("age1")
    assert (info.storage, info.member, info.words_confirmed) == ("keyring", "Ana", False)
    member_id = vault.member.id  # type: ignore[union-attr]
    service, user = f"hearth:{vault.vault_id}", f"member-{member_id}:wallet"
    assert list(memory_keyring.entries) == [(service, user)]
    assert "Ana" not in service + user
    stored = json.loads(memory_keyring.entries[(service, user)])
    assert len(stored["mnemonic"].split()) == 12
    assert stored["address"] == info.address
    assert wallet_info(vault) == info


def test_the_vault_keeps_only_the_public_half(vault: Vault) -> None:
    info = accounts.create_wallet(vault, words=24)
    with vault.reading() as conn:
        row = conn.execute("SELECT * FROM wallets").fetchone()
    words = accounts.reveal_words(vault, PASSPHRASE)
    assert len(words) == 24
    assert info.address in row
    assert not any(" ".join(words) in str(cell) for cell in row)


def test_the_unlocked_account_signs_for_the_wallet_address(vault: Vault) -> None:
    info = accounts.create_wallet(vault)
    account = accounts.unlock_account(vault)
    message = encode_defunct(text="Sell a licence to 'Heart rate'")
    signed = account.sign_message(message)
    assert Account.recover_message(message, signature=signed.signature) == info.address


def test_the_age_identity_opens_what_was_sealed_to_the_wallet_recipient(vault: Vault) -> None:
    info = accounts.create_wallet(vault)
    recipient = pyrage.x25519.Recipient.from_str(info.age_recipient)
    sealed = pyrage.encrypt(b"package", [recipient])
    assert pyrage.decrypt(sealed, [accounts.age_identity(vault)]) == b"package"


def test_audit_entries_name_the_action_and_address_but_no_secret(vault: Vault) -> None:
    info = accounts.create_wallet(vault)
    words = " ".join(accounts.reveal_words(vault, PASSPHRASE))
    exported = accounts.export_keystore(vault, "export password", PASSPHRASE)
    accounts.delete_wallet(vault)
    wallet_entries = [e for e in vault.audit_entries() if e.action.startswith("wallet.")]
    assert [e.action for e in wallet_entries] == [
        "wallet.created",
        "wallet.words_shown",
        "wallet.keystore_exported",
        "wallet.deleted",
    ]
    key = secret_from_words(words).private_key.hex()
    for entry in wallet_entries:
        text = json.dumps(entry.details)
        assert info.address in text
        assert words.split()[0] not in text.split('"')
        assert key not in text
        assert "crypto" not in text
    assert json.loads(exported)["crypto"]


def test_a_second_wallet_for_the_same_member_is_refused(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    accounts.create_wallet(vault)
    before = _state(vault, memory_keyring)
    with pytest.raises(UsageError, match="already have a wallet"):
        accounts.create_wallet(vault)
    assert _state(vault, memory_keyring) == before


def test_restoring_from_words_brings_back_the_same_account(vault: Vault) -> None:
    info = accounts.restore_from_words(vault, HARDHAT.split())
    assert info.address == HARDHAT_ADDRESS
    assert bytes(accounts.unlock_account(vault).key).hex() == HARDHAT_KEY
    assert [e.details for e in vault.audit_entries(action="wallet.restored")] == [
        {"address": HARDHAT_ADDRESS, "storage": "keyring", "from": "words"}
    ]


@pytest.mark.parametrize(
    "words",
    ["abandon " * 12, "test " * 11, HARDHAT.replace("junk", "junq")],
    ids=["checksum", "count", "spelling"],
)
def test_bad_words_are_a_sentence_and_change_nothing(
    vault: Vault, memory_keyring: MemoryKeyring, words: str
) -> None:
    before = _state(vault, memory_keyring)
    with pytest.raises(BadInput):
        accounts.restore_from_words(vault, words)
    assert _state(vault, memory_keyring) == before


def test_an_exported_keystore_restores_the_same_wallet_in_another_vault(
    vault: Vault, tmp_path: Path
) -> None:
    info = accounts.restore_from_words(vault, HARDHAT)
    exported = accounts.export_keystore(vault, "export password", PASSPHRASE)
    assert Account.decrypt(exported, "export password").hex() == HARDHAT_KEY
    other, _ = Vault.create(tmp_path / "other", "Ben", PASSPHRASE)
    with other:
        restored = accounts.restore_from_keystore(other, exported, "export password")
        assert (restored.address, restored.age_recipient) == (info.address, info.age_recipient)
        with pytest.raises(UsageError, match="no backup words"):
            accounts.reveal_words(other, PASSPHRASE)


def test_export_needs_the_vault_passphrase_and_a_real_password(vault: Vault) -> None:
    accounts.create_wallet(vault)
    with pytest.raises(WrongPassphrase):
        accounts.export_keystore(vault, "export password", "not my passphrase")
    with pytest.raises(UsageError, match="at least 8"):
        accounts.export_keystore(vault, "short", PASSPHRASE)


def test_a_wrong_keystore_password_changes_nothing(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    text = keystore_json(secret_from_words(HARDHAT), "right password", iterations=1024)
    before = _state(vault, memory_keyring)
    with pytest.raises(WrongPassphrase, match="does not open the keystore"):
        accounts.restore_from_keystore(vault, text, "wrong password")
    with pytest.raises(BadInput):
        accounts.restore_from_keystore(vault, "{not json", "right password")
    assert _state(vault, memory_keyring) == before


def test_the_words_are_shown_only_with_the_passphrase_and_the_quiz_is_recorded(
    vault: Vault,
) -> None:
    accounts.restore_from_words(vault, HARDHAT)
    with pytest.raises(WrongPassphrase):
        accounts.reveal_words(vault, "not my passphrase")
    assert vault.audit_entries(action="wallet.words_shown") == []
    assert accounts.reveal_words(vault, PASSPHRASE) == HARDHAT.split()
    accounts.mark_words_confirmed(vault)
    info = wallet_info(vault)
    assert info is not None and info.words_confirmed


def test_deleting_a_wallet_removes_its_keyring_entry(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    accounts.create_wallet(vault)
    accounts.delete_wallet(vault)
    assert memory_keyring.entries == {}
    assert wallet_info(vault) is None
    with pytest.raises(NoWallet, match="hearth wallet create"):
        accounts.unlock_account(vault)
    accounts.create_wallet(vault)  # a fresh one may follow


def test_without_a_usable_keyring_create_suggests_the_keystore_file(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    keyring.set_keyring(fail.Keyring())
    before = _state(vault, memory_keyring)
    with pytest.raises(secret_store.NoUsableKeyring, match="keystore file") as caught:
        accounts.create_wallet(vault)
    assert "--keystore-file" in str(caught.value)
    assert _state(vault, memory_keyring) == before


def test_a_keyring_that_keeps_nothing_is_caught_at_once(
    vault: Vault, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(MemoryKeyring, "set_password", lambda *_args: None)
    with pytest.raises(secret_store.NoUsableKeyring, match="did not keep it"):
        accounts.create_wallet(vault)
    assert wallet_info(vault) is None


def test_the_keystore_file_choice_works_and_holds_no_plaintext_secret(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    keyring.set_keyring(fail.Keyring())
    info = accounts.restore_from_words(
        vault, HARDHAT, storage="keystore-file", passphrase=PASSPHRASE
    )
    assert info.storage == "keystore-file"
    path = keystore_file.path_for(vault.path, vault.member.id)  # type: ignore[union-attr]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    raw = path.read_bytes()
    secret = secret_from_words(HARDHAT)
    for needle in (HARDHAT, "junk", HARDHAT_KEY, secret.age_identity, secret.age_identity.lower()):
        assert needle.encode() not in raw
    assert secret.private_key not in raw
    # Its Web3 keystore part opens in any Ethereum tool with the passphrase.
    assert Account.decrypt(json.loads(raw)["keystore"], PASSPHRASE).hex() == HARDHAT_KEY
    assert memory_keyring.entries == {}
    with pytest.raises(accounts.PassphraseNeeded):
        accounts.unlock_account(vault)
    with pytest.raises(WrongPassphrase, match="wallet file"):
        accounts.unlock_account(vault, "not my passphrase")
    assert accounts.unlock_account(vault, PASSPHRASE).address == HARDHAT_ADDRESS
    assert str(accounts.age_identity(vault, PASSPHRASE)) == secret.age_identity
    assert accounts.reveal_words(vault, PASSPHRASE) == HARDHAT.split()
    accounts.delete_wallet(vault)
    assert not path.exists()


def test_the_keystore_file_needs_the_members_own_passphrase(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    before = _state(vault, memory_keyring)
    with pytest.raises(accounts.PassphraseNeeded):
        accounts.create_wallet(vault, storage="keystore-file")
    with pytest.raises(WrongPassphrase):
        accounts.create_wallet(vault, storage="keystore-file", passphrase="a made-up passphrase")
    assert _state(vault, memory_keyring) == before


def test_after_a_passphrase_change_the_keystore_file_is_rewrapped_under_the_new_one(
    vault: Vault,
) -> None:
    accounts.restore_from_words(vault, HARDHAT, storage="keystore-file", passphrase=PASSPHRASE)
    vault.change_passphrase("Ana", "a new passphrase")
    with pytest.raises(WrongPassphrase):
        accounts.rewrap_keystore_file(vault, "not the old one", "a new passphrase")
    with pytest.raises(WrongPassphrase):
        accounts.rewrap_keystore_file(vault, PASSPHRASE, "not the new one")
    assert accounts.unlock_account(vault, PASSPHRASE).address == HARDHAT_ADDRESS
    accounts.rewrap_keystore_file(vault, PASSPHRASE, "a new passphrase")
    assert accounts.unlock_account(vault, "a new passphrase").address == HARDHAT_ADDRESS
    with pytest.raises(WrongPassphrase):
        accounts.unlock_account(vault, PASSPHRASE)


def test_a_keystore_file_copied_to_another_member_does_not_open(vault: Vault) -> None:
    accounts.create_wallet(vault, storage="keystore-file", passphrase=PASSPHRASE)
    ben = vault.add_member("Ben", Role.ADULT, PASSPHRASE)
    owner_file = keystore_file.path_for(vault.path, vault.member.id)  # type: ignore[union-attr]
    keystore_file.path_for(vault.path, ben.id).write_bytes(owner_file.read_bytes())
    with pytest.raises(VaultDamaged, match="another vault or member"):
        keystore_file.read_secret(
            vault.path, vault_id=vault.vault_id, member_id=ben.id, passphrase=PASSPHRASE
        )


def test_a_wallet_cannot_belong_to_two_members(vault: Vault, vault_path: Path) -> None:
    accounts.restore_from_words(vault, HARDHAT)
    vault.add_member("Ben", Role.ADULT, "Ben's own passphrase")
    vault.close()
    with Vault.unlock(vault_path, "Ben", "Ben's own passphrase") as ben:
        with pytest.raises(UsageError, match="another member"):
            accounts.restore_from_words(ben, HARDHAT)
        assert wallet_info(ben) is None
        other = wallet_info(ben, "Ana")
        assert other is not None and other.address == HARDHAT_ADDRESS


def test_a_missing_keyring_secret_is_explained_and_restoring_the_words_repairs_it(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    accounts.restore_from_words(vault, HARDHAT)
    memory_keyring.entries.clear()  # another computer, or a wiped keyring
    with pytest.raises(UsageError, match="not in this computer's system keyring"):
        accounts.unlock_account(vault)
    accounts.restore_from_words(vault, HARDHAT)
    assert accounts.unlock_account(vault).address == HARDHAT_ADDRESS


def test_restoring_a_keystore_over_the_same_wallet_keeps_its_words(vault: Vault) -> None:
    accounts.restore_from_words(vault, HARDHAT)
    exported = accounts.export_keystore(vault, "export password", PASSPHRASE)
    accounts.restore_from_keystore(vault, exported, "export password")
    assert accounts.reveal_words(vault, PASSPHRASE) == HARDHAT.split()


def test_a_keyring_secret_the_vault_forgot_is_not_overwritten(
    vault: Vault, memory_keyring: MemoryKeyring
) -> None:
    forgotten = accounts.restore_from_words(vault, HARDHAT)
    with vault.writing() as conn:  # as after restoring a backup older than the wallet
        conn.execute("DELETE FROM wallets")
    with pytest.raises(UsageError, match="restore --from-keyring"):
        accounts.create_wallet(vault)
    assert accounts.restore_from_keyring(vault).address == forgotten.address


def test_a_failed_database_write_takes_the_new_secret_back_out(
    vault: Vault, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_audit(*_args: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(vault, "audit", broken_audit)
    with pytest.raises(RuntimeError):
        accounts.create_wallet(vault)
    assert memory_keyring.entries == {}
    assert wallet_info(vault) is None


def test_the_recovery_key_cannot_act_for_a_wallet(vault_path: Path) -> None:
    _vault, recovery_key = Vault.create(vault_path, "Ana", PASSPHRASE)
    _vault.close()
    with (
        Vault.unlock_with_recovery_key(vault_path, recovery_key) as opened,
        pytest.raises(NotAllowed),
    ):
        accounts.create_wallet(opened)


def test_check_passphrase_tells_right_from_wrong(vault: Vault) -> None:
    vault.check_passphrase(PASSPHRASE)
    with pytest.raises(WrongPassphrase, match="Wrong passphrase for Ana"):
        vault.check_passphrase("not my passphrase")
