"""`hearth market ...` as a script or a person runs it, on the built-in sandbox: real processes,
real exit codes, real money movements on the vault's own chain.

The sandbox lives in the vault folder, so seller and buyer are two members of one household:
Ana sells, Ben buys. Their wallets are in the JSON-file keyring that the test's processes share
(tests/unit/wallet/memory_keyring.py); the real Secret Service and a real node are in
tests/integration/test_market_hardhat.py. Every process costs a second or two of start-up, so
each test is a scenario of several steps on one vault, made in this process.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
import pytest
from eth_account import Account
from eth_utils.crypto import keccak

from hearth.consent.odrl import canonical_json
from hearth.market import sandbox
from hearth.market.contracts import Offer
from hearth.market.offers import OfferDocument, write_offer
from hearth.vault import Role, Vault
from hearth.wallet import accounts
from hearth.wallet.info import wallet_info
from tests.cli.test_cli_vault import assert_one_sentence, folder_digest, hearth
from tests.conftest import PASSPHRASE
from tests.unit.market.helpers import PRICE_WEI, seller_with_terms
from tests.unit.market.ipfs_standin import IpfsStandIn, raw_cid
from tests.unit.wallet.memory_keyring import JsonFileKeyring

REPO = Path(__file__).resolve().parents[2]
TEST_KEYRING = "tests.unit.wallet.memory_keyring.JsonFileKeyring"
BEN, BEN_PASS = "Ben", "ben's own long passphrase"


@dataclass(frozen=True)
class Household:
    vault: Path
    dataset_id: int
    env: dict[str, str]
    ana: str  # wallet addresses
    ben: str


@pytest.fixture
def household(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Household]:
    """Ana's vault with a heart-rate dataset on sale for 0.01 ETH, and Ben, an adult; both with
    a wallet in the keyring file the `hearth` processes read. Nothing on the sandbox yet."""
    keyring_file = tmp_path / "keyring.json"
    monkeypatch.setenv(JsonFileKeyring.FILE_ENV, str(keyring_file))
    previous = keyring.get_keyring()
    keyring.set_keyring(JsonFileKeyring())
    path = tmp_path / "vault"
    try:
        vault, _recovery_key = Vault.create(path, "Ana", PASSPHRASE)
        with vault:
            vault.add_member(BEN, Role.ADULT, BEN_PASS)
            dataset_id = seller_with_terms(vault, tmp_path)
            ana = wallet_info(vault)
        with Vault.unlock(path, BEN, BEN_PASS) as ben_vault:
            ben = accounts.create_wallet(ben_vault)
    finally:
        keyring.set_keyring(previous)
    assert ana is not None
    env = {
        "PYTHON_KEYRING_BACKEND": TEST_KEYRING,
        JsonFileKeyring.FILE_ENV: str(keyring_file),
        "PYTHONPATH": str(REPO),
    }
    sandbox.forget()
    yield Household(path, dataset_id, env, ana.address, ben.address)
    sandbox.forget()


def market(
    household: Household, *args: str | Path, member: str = "Ana"
) -> subprocess.CompletedProcess[str]:
    passphrase = BEN_PASS if member == BEN else PASSPHRASE
    return hearth(
        "--vault",
        household.vault,
        "--member",
        member,
        "market",
        *args,
        env=household.env,
        passphrase=passphrase,
    )


def document(result: subprocess.CompletedProcess[str]) -> Any:
    """The run succeeded and printed exactly one JSON document (what was signed is on stderr)."""
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def refused(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The run failed with ``code`` and one sentence on stderr; the sentence."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert_one_sentence(result)
    return result.stderr.strip()


def chain_of(household: Household) -> Any:
    """The vault's sandbox as the last process left it (replayed here from its journal)."""
    sandbox.forget(household.vault)
    return sandbox.open_sandbox(household.vault).web3


def gas_paid(web3: Any, tx_hash: str) -> int:
    receipt = web3.eth.get_transaction_receipt(tx_hash)
    return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])


def test_a_sale_from_deploy_to_withdrawal_and_an_early_refund_refused(
    household: Household, tmp_path: Path
) -> None:
    deployed = document(market(household, "deploy", "--yes", "--json"))
    assert set(deployed) == {"market", "tx"}
    assert deployed["market"].startswith("0x") and len(deployed["market"]) == 42

    offer_file = tmp_path / "offer.json"
    made = document(
        market(
            household, "offer", str(household.dataset_id), "--out", offer_file, "--yes", "--json"
        )
    )
    assert made == {"offer": str(offer_file), "offer_id": made["offer_id"]}
    written = json.loads(offer_file.read_text())
    assert written["offer_id"] == made["offer_id"]
    assert written["typed_data"]["domain"]["verifyingContract"] == deployed["market"]

    [listed] = document(market(household, "offers", offer_file, "--json"))["offers"]
    assert (listed["valid"], listed["offer_id"], listed["seller"]) == (
        True,
        made["offer_id"],
        household.ana,
    )
    assert listed["price_units"] == str(PRICE_WEI)
    tampered = tmp_path / "tampered.json"
    changed = json.loads(offer_file.read_text())
    changed["typed_data"]["message"]["price"] = 1  # a bargain the seller never signed
    tampered.write_text(json.dumps(changed))
    checked = market(household, "offers", tampered)
    assert checked.returncode == 4, checked.stderr
    assert "NOT VALID" in checked.stdout and "signature is not the seller's" in checked.stdout

    bought = document(market(household, "buy", offer_file, "--yes", "--json", member=BEN))
    assert set(bought) == {"purchase_id", "tx"} and bought["purchase_id"] == 1

    fulfilled = document(market(household, "fulfil", "--once", "--yes", "--json"))
    [delivered] = fulfilled["delivered"]
    assert delivered["purchase_id"] == 1 and fulfilled["refused"] == []
    package = Path(delivered["package"])
    assert package.is_file() and package.parent == household.vault / "outbox"

    received = document(
        market(household, "receive", package, "--out", tmp_path / "got", "--json", member=BEN)
    )
    assert received["verified"] is True
    assert received["merkle_root"] == written["typed_data"]["message"]["datasetCommitment"]
    assert (tmp_path / "got" / "data" / "heart_rate.csv").is_file()

    [sale] = document(market(household, "sales", "--json"))["sales"]
    assert (sale["purchase_id"], sale["state"], sale["buyer"]) == (1, "delivered", household.ben)
    [purchase] = document(market(household, "purchases", "--json", member=BEN))["purchases"]
    assert (purchase["state"], purchase["merkle_root"]) == ("received", received["merkle_root"])

    withdrawn = document(market(household, "withdraw", "--yes", "--json"))
    assert withdrawn["withdrawn"] == str(PRICE_WEI)  # a market deployed with no fee

    again = document(market(household, "buy", offer_file, "--yes", "--json", member=BEN))
    assert again["purchase_id"] == 2
    early = refused(market(household, "refund", "2", "--yes", member=BEN), 7)
    assert early == (
        "The seller still has time to deliver; a refund is possible after the deadline."
    )

    # The money, to the wei: Ana paid gas for deploying, delivering and withdrawing, and got
    # the price; Ben paid two prices and the gas of two purchases, and the refused refund
    # sent nothing.
    web3 = chain_of(household)
    ana_gas = sum(gas_paid(web3, tx) for tx in (deployed["tx"], delivered["tx"], withdrawn["tx"]))
    assert web3.eth.get_balance(household.ana) == sandbox.GIFT_WEI + PRICE_WEI - ana_gas
    assert web3.eth.get_transaction_count(household.ben) == 2
    ben_gas = gas_paid(web3, bought["tx"]) + gas_paid(web3, again["tx"])
    assert web3.eth.get_balance(household.ben) == sandbox.GIFT_WEI - 2 * PRICE_WEI - ben_gas


def test_what_is_signed_is_asked_first_and_a_no_sends_nothing(household: Household) -> None:
    # Without a terminal to ask at, the request is shown, then refused in one sentence.
    no_terminal = market(household, "deploy")
    assert no_terminal.returncode == 2 and "Traceback" not in no_terminal.stderr
    shown, sentence = no_terminal.stderr.rstrip("\n").rsplit("\n", 1)
    assert shown.startswith("Create a Hearth market on Sandbox")
    assert sentence == (
        "This needs your approval and there is no terminal to ask at; add --yes to approve it "
        "in a script."
    )
    code, screen = _deploy_at_a_terminal(household, answer="n")
    assert code == 9, screen
    assert "Create a Hearth market" in screen and "Send this? [y/N]" in screen
    web3 = chain_of(household)
    assert web3.eth.get_transaction_count(household.ana) == 0  # funded, but nothing sent
    with Vault.unlock(household.vault, "Ana", PASSPHRASE) as vault:
        deployed = [e for e in vault.audit_entries() if e.action == "market.contract_recorded"]
        signed = [e for e in vault.audit_entries() if e.action == "wallet.transaction_signed"]
    assert [e.details["how"] for e in deployed] == ["sandbox"]  # only the sandbox's own
    assert signed == []


def test_bad_inputs_are_one_sentence_with_their_exit_code_and_change_nothing(
    household: Household, tmp_path: Path
) -> None:
    before = folder_digest(household.vault)
    missing = refused(market(household, "buy", tmp_path / "nowhere.json", member=BEN), 2)
    assert "There is no offer file" in missing
    not_json = tmp_path / "offer.json"
    not_json.write_text("{ this is not JSON")
    assert "not an offer file" in refused(market(household, "buy", not_json, member=BEN), 4)
    elsewhere = _offer_for_another_chain(tmp_path / "elsewhere.json")
    wrong_chain = market(household, "buy", elsewhere, "--yes", "--json", member=BEN)
    assert wrong_chain.returncode == 2
    error = json.loads(wrong_chain.stdout)["error"]
    assert error["exit_code"] == 2
    assert error["message"].startswith("This offer is for chain 31337, but the vault uses")
    assert "Traceback" not in wrong_chain.stderr
    assert folder_digest(household.vault) == before
    assert not (household.vault / sandbox.FOLDER).exists()  # not even the sandbox was started


def test_a_cancelled_offer_cannot_be_bought_and_withdrawing_consent_cancels_the_rest(
    household: Household, tmp_path: Path
) -> None:
    dataset = str(household.dataset_id)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    one = document(market(household, "offer", dataset, "--out", first, "--yes", "--json"))
    two = document(market(household, "offer", dataset, "--out", second, "--yes", "--json"))

    # What it would sign is shown; without a terminal and --yes nothing is sent.
    asked = market(household, "cancel", one["offer_id"])
    assert asked.returncode == 2 and "Traceback" not in asked.stderr
    assert asked.stderr.startswith("Cancel your offer of 'Apple Health'")
    cancelled = document(market(household, "cancel", one["offer_id"], "--yes", "--json"))
    [item] = cancelled["cancelled"]
    assert (item["offer_id"], item["dataset"], cancelled["left_open"]) == (
        one["offer_id"],
        household.dataset_id,
        [],
    )
    assert refused(market(household, "buy", first, "--yes", member=BEN), 7) == (
        "The seller has cancelled this offer."
    )
    assert refused(market(household, "cancel", one["offer_id"], "--yes"), 2) == (
        f"The offer {one['offer_id']} is already cancelled; nothing was sent."
    )

    # Withdrawing consent cancels the offer still open, with the same --yes.
    withdrawn = hearth(
        "--vault",
        household.vault,
        "consent",
        "withdraw",
        dataset,
        "--yes",
        "--json",
        env=household.env,
    )
    assert withdrawn.returncode == 0, withdrawn.stderr
    offers = json.loads(withdrawn.stdout)["offers"]
    assert [o["offer_id"] for o in offers["cancelled"]] == [two["offer_id"]]
    assert offers["open"] == []
    assert (
        "1 offer of 'Apple Health'" in withdrawn.stderr
        and "can still be bought" in withdrawn.stderr
    )
    assert "Cancelled 1 of them on chain" in withdrawn.stderr
    assert refused(market(household, "buy", second, "--yes", member=BEN), 7) == (
        "The seller has cancelled this offer."
    )
    nothing = document(market(household, "cancel", "--dataset", dataset, "--yes", "--json"))
    assert nothing == {"cancelled": [], "left_open": []}

    # No money moved: Ben sent nothing; Ana paid the gas of two cancellations, nothing else.
    web3 = chain_of(household)
    assert web3.eth.get_transaction_count(household.ben) == 0
    assert web3.eth.get_balance(household.ben) == sandbox.GIFT_WEI
    spent = [item["tx"], offers["cancelled"][0]["tx"]]
    assert web3.eth.get_transaction_count(household.ana) == 2
    assert web3.eth.get_balance(household.ana) == sandbox.GIFT_WEI - sum(
        gas_paid(web3, tx) for tx in spent
    )
    with Vault.unlock(household.vault, "Ana", PASSPHRASE) as vault:
        actions = [e.action for e in vault.audit_entries()]
    assert actions.count("market.offer_cancelled") == 2
    assert actions.index("consent.withdrawn") < len(actions) - 1 - actions[::-1].index(
        "market.offer_cancelled"
    )

    # Bad usage: one sentence, exit 2, nothing sent.
    assert "Name the offer to cancel" in refused(market(household, "cancel", "--yes"), 2)
    assert "64 hexadecimal digits" in refused(market(household, "cancel", "0x12", "--yes"), 2)


def test_withdrawing_consent_at_a_terminal_offers_to_cancel_and_a_no_leaves_it_said_plainly(
    household: Household, tmp_path: Path
) -> None:
    dataset = str(household.dataset_id)
    made = document(
        market(household, "offer", dataset, "--out", tmp_path / "o.json", "--yes", "--json")
    )
    # Yes to withdrawing, no to signing the consent record, no to cancelling the offer.
    code, screen = _at_a_terminal(household, ["consent", "withdraw", dataset], ["y", "n", "n"])
    assert code == 0, screen
    screen = " ".join(screen.split())  # the terminal wraps and adds carriage returns
    assert "copies already delivered cannot be called back" in screen
    assert "1 offer of 'Apple Health' can still be bought on Sandbox" in screen
    assert "Cancel your offer of 'Apple Health'" in screen and "Send this? [y/N]" in screen
    assert (
        f"Still open on chain: {made['offer_id']} (you did not approve cancelling it). "
        f"Cancel what is still open with 'hearth market cancel --dataset {dataset}'"
    ) in screen
    assert "No new sale of this data can happen from now on." in screen
    with Vault.unlock(household.vault, "Ana", PASSPHRASE) as vault:
        actions = [e.action for e in vault.audit_entries()]
    assert "consent.withdrawn" in actions and "market.offer_cancelled" not in actions
    assert chain_of(household).eth.get_transaction_count(household.ana) == 0


def test_deliveries_pinned_to_an_ipfs_api_are_received_by_their_ipfs_address(
    household: Household, tmp_path: Path
) -> None:
    """Against the stand-in IPFS API (tests/unit/market/ipfs_standin.py), not a real node."""
    assert "http://" in refused(market(household, "ipfs", "set", "127.0.0.1:5001"), 2)
    assert document(market(household, "ipfs", "show", "--json")) == {"ipfs_api": None}
    offer_file = tmp_path / "offer.json"
    with IpfsStandIn() as node:
        port = node.url.rsplit(":", 1)[1]
        assert document(market(household, "ipfs", "set", node.url, "--json")) == {
            "ipfs_api": f"127.0.0.1:{port}"
        }
        dataset = str(household.dataset_id)
        document(market(household, "offer", dataset, "--out", offer_file, "--yes", "--json"))
        document(market(household, "buy", offer_file, "--yes", "--json", member=BEN))
        fulfilled = document(market(household, "fulfil", "--once", "--yes", "--json"))
        [delivered] = fulfilled["delivered"]
        [added] = node.added
        assert delivered["uri"] == f"ipfs://{raw_cid(added.data)}" and fulfilled["notes"] == []
        assert added.data == Path(delivered["package"]).read_bytes()
        received = document(
            market(
                household,
                "receive",
                delivered["uri"],
                "--out",
                tmp_path / "got",
                "--json",
                member=BEN,
            )
        )
    assert received["verified"] is True and received["purchase_id"] == 1
    assert (tmp_path / "got" / "data" / "heart_rate.csv").is_file()
    assert document(market(household, "ipfs", "off", "--json")) == {"ipfs_api": None}
    not_a_cid = refused(market(household, "receive", "ipfs://nope", "--out", tmp_path / "x"), 2)
    assert not_a_cid == "ipfs://nope is not the ipfs:// address of a package."


def _offer_for_another_chain(path: Path) -> Path:
    """A genuine, validly signed offer made for a market on chain 31337 (a Hardhat node)."""
    seller = Account.create()
    odrl = {"@context": "http://www.w3.org/ns/odrl.jsonld", "uid": "urn:test:offer"}
    offer = Offer(
        seller=seller.address,
        dataset_commitment=keccak(b"a package"),
        terms_hash=keccak(canonical_json(odrl)),
        price=PRICE_WEI,
        expiry=2**40,
        max_sales=1,
        nonce=1,
    )
    market_address = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
    typed = offer.typed_data(31337, market_address)
    signature = Account.sign_typed_data(seller.key, full_message=typed).signature
    write_offer(
        OfferDocument(
            offer=offer,
            chain_id=31337,
            market=market_address,
            signature=bytes(signature),
            network={"name": "local", "title": "Local node", "chain_id": 31337},
            dataset={"title": "Steps"},
            terms="Anyone may use it.",
            odrl=odrl,
        ),
        path,
    )
    return path


def _deploy_at_a_terminal(household: Household, answer: str) -> tuple[int, str]:
    """`hearth market deploy` on a pseudo-terminal, answering the signing question."""
    return _at_a_terminal(household, ["market", "deploy"], [answer])


def _at_a_terminal(household: Household, args: list[str], answers: list[str]) -> tuple[int, str]:
    """`hearth ARGS` (as Ana) on a pseudo-terminal, answering each [y/N] question in turn."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    env.update(household.env, HEARTH_UNSAFE_FAST_KDF="1", HEARTH_PASSPHRASE=PASSPHRASE)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "hearth", "--vault", str(household.vault), *args],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
    )
    os.close(terminal)
    seen = ""
    for answer in answers:
        asked = seen.count("[y/N]") + 1
        while seen.count("[y/N]") < asked:
            ready, _, _ = select.select([controller], [], [], 60)
            assert ready, f"no question in {seen!r}"
            seen += os.read(controller, 4096).decode()
        os.write(controller, answer.encode() + b"\n")
    code = process.wait(timeout=60)
    try:
        while chunk := os.read(controller, 4096):
            seen += chunk.decode()
    except OSError:
        pass  # the terminal closes with the process
    os.close(controller)
    return code, seen
