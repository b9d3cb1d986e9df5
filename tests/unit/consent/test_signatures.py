"""Consent records signed over EIP-712 with the member's wallet key, once the wallet exists."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from hearth.consent import signatures, store
from hearth.errors import UsageError, UserCancelled
from hearth.importers.pipeline import import_path
from hearth.vault import Role, Vault
from hearth.wallet import accounts
from hearth.wallet.info import NoWallet
from hearth.wallet.signer import statement_signer
from hearth.wallet.signing import SigningRequest
from tests.unit.importers.apple_samples import write_heart_rates
from tests.unit.wallet.memory_keyring import MemoryKeyring

from ..vault_helpers import OWNER, PASSPHRASE
from .policies import sellable

BEN, BEN_PASS = "Ben", "ben's own passphrase"


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


class Answers:
    """An approve callback that says ``answer`` and keeps what it was asked."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.requests: list[SigningRequest] = []

    def __call__(self, request: SigningRequest) -> bool:
        self.requests.append(request)
        return self.answer


def dataset(vault: Vault, folder: Path) -> int:
    [outcome] = import_path(vault, write_heart_rates(folder / "export.xml", 20))
    return outcome.result.dataset_id


def sign_all(vault: Vault, answers: Answers) -> int:
    signer = statement_signer(vault, answers)
    return signatures.sign_my_records(vault, signer.sign_statement, signer.address)


def test_records_made_before_the_wallet_are_marked_unsigned_then_signed_by_its_key(
    vault: Vault, tmp_path: Path
) -> None:
    dataset_id = dataset(vault, tmp_path)
    store.set_policy(vault, sellable(dataset_id))
    [before] = store.consent_records(vault, dataset_id)
    assert before["signature"] == {"status": "unsigned", "reason": "no wallet yet"}
    assert not signatures.has_wallet(vault)

    info = accounts.create_wallet(vault)
    answers = Answers()
    assert sign_all(vault, answers) == 1
    [request] = answers.requests
    # What the person is shown: the dataset and event in words, no chain, every field.
    assert request.kind == "typed-data" and request.chain_id == 0
    assert "consent record" in request.action and "given" in request.action
    assert "Network: no network: kept in your vault, never sent" in request.lines()
    assert {d.name for d in request.message} >= {"recordId", "termsHash", "recordDigest"}

    [after] = store.consent_records(vault, dataset_id)
    assert after["signature"]["status"] == "signed"
    assert after["signature"]["signer"] == info.address
    assert signatures.signer_of(after) == info.address
    # The record itself is what it was: only its signature was added.
    assert {k: v for k, v in after.items() if k != "signature"} == {
        k: v for k, v in before.items() if k != "signature"
    }
    assert "consent.record_signed" in {e.action for e in vault.audit_entries()}
    assert sign_all(vault, Answers()) == 0  # nothing left to sign


def test_an_edited_record_or_a_signature_moved_to_another_record_does_not_verify(
    vault: Vault, tmp_path: Path
) -> None:
    dataset_id = dataset(vault, tmp_path)
    accounts.create_wallet(vault)
    store.set_policy(vault, sellable(dataset_id))
    store.set_policy(vault, sellable(dataset_id, price="0.02"))
    assert sign_all(vault, Answers()) == 2
    first, second = store.consent_records(vault, dataset_id)
    assert signatures.signer_of(first) and signatures.signer_of(second)

    edited = json.loads(json.dumps(first))
    edited["processing"]["purposes"] = ["advertising"]
    assert signatures.signer_of(edited) is None
    swapped = {**second, "signature": first["signature"]}
    assert signatures.signer_of(swapped) is None
    claimed = {**first, "signature": {**first["signature"], "signer": "0x" + "b0" * 20}}
    assert signatures.signer_of(claimed) is None


def test_a_declined_signature_leaves_the_record_unsigned_and_the_terms_in_force(
    vault: Vault, tmp_path: Path
) -> None:
    dataset_id = dataset(vault, tmp_path)
    accounts.create_wallet(vault)
    store.set_policy(vault, sellable(dataset_id))
    with pytest.raises(UserCancelled):
        sign_all(vault, Answers(answer=False))
    [record] = store.consent_records(vault, dataset_id)
    assert record["signature"]["status"] == "unsigned"
    assert store.status(vault, dataset_id).active is not None
    assert "consent.record_signed" not in {e.action for e in vault.audit_entries()}


def test_each_member_signs_only_the_records_of_what_they_did(
    vault: Vault, vault_path: Path, tmp_path: Path
) -> None:
    vault.add_member(BEN, Role.ADULT, BEN_PASS)
    dataset_id = dataset(vault, tmp_path)
    store.set_policy(vault, sellable(dataset_id))
    vault.close()
    with Vault.unlock(vault_path, BEN, BEN_PASS) as ben:
        accounts.create_wallet(ben)
        assert signatures.unsigned_records(ben) == []
        assert sign_all(ben, Answers()) == 0
    with Vault.unlock(vault_path, OWNER, PASSPHRASE) as ana:
        [record] = store.consent_records(ana, dataset_id)
        assert record["signature"]["status"] == "unsigned"


def test_the_statement_path_refuses_typed_data_bound_to_a_chain_or_contract(
    vault: Vault,
) -> None:
    accounts.create_wallet(vault)
    signer = statement_signer(vault, Answers())
    message = {"recordId": "x", "event": "given", "time": "t", "principal": "p",
               "termsHash": b"\0" * 32, "recordDigest": b"\0" * 32}  # fmt: skip
    for domain in (
        {**signatures.DOMAIN, "chainId": 1},
        {**signatures.DOMAIN, "verifyingContract": "0x" + "a1" * 20},
        {"name": "Some other app", "version": "1"},
    ):
        with pytest.raises(UsageError, match="nothing was signed"):
            signer.sign_statement(domain, signatures.TYPES, message, "Sign this")


def test_without_a_wallet_there_is_nothing_to_sign_with(vault: Vault, tmp_path: Path) -> None:
    dataset_id = dataset(vault, tmp_path)
    store.set_policy(vault, sellable(dataset_id))
    with pytest.raises(NoWallet):
        statement_signer(vault, Answers())
