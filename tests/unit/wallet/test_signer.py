"""The Signer on an in-process chain (eth-tester): ask first, sign second, journal before
broadcast, and a sentence for every refusal. The same behaviours on a real node are in
tests/integration/test_signer_hardhat.py."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from eth_abi.abi import encode as abi_encode
from eth_account import Account
from eth_account.messages import encode_typed_data
from eth_account.signers.local import LocalAccount
from web3 import Web3

from hearth.errors import ChainError, UsageError, UserCancelled
from hearth.vault import Vault
from hearth.wallet import journal
from hearth.wallet.fees import FeePolicy
from hearth.wallet.journal import TxState
from hearth.wallet.networks import Network
from hearth.wallet.signer import Signer
from hearth.wallet.signing import ContractCall, Deployment, KnownContracts, Transfer
from tests.unit.wallet.chain_doubles import (
    ACCEPTS_ALL,
    ETHER,
    MARKET,
    MARKET_ABI,
    REVERTS_ALL,
    Approvals,
    deploy_raw,
    funded_account,
    in_process_web3,
    network_for,
)

FRIEND = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
# Where the network's presets say the market is (nothing is deployed there on the test chain:
# typed data only names it).
MARKET_AT = "0x5FbDB2315678afecb367f032d93F642f64180aa3"


@pytest.fixture
def web3() -> Web3:
    return in_process_web3()


@pytest.fixture
def network(web3: Web3) -> Network:
    return replace(network_for(web3), contracts={"DataMarket": MARKET_AT})


@pytest.fixture
def account(web3: Web3) -> LocalAccount:
    return funded_account(web3)


def _signer(vault: Vault, web3: Web3, network: Network, account: Any, **options: Any) -> Signer:
    approve = options.pop("approve", Approvals())
    options.setdefault("contracts", KnownContracts([MARKET]))
    return Signer(vault, web3, network, account, approve, **options)


def _history(vault: Vault) -> tuple[list[Any], list[Any]]:
    with vault.reading() as conn:
        transactions = conn.execute("SELECT * FROM transactions").fetchall()
        actions = conn.execute("SELECT * FROM signed_actions").fetchall()
    return transactions, actions


def test_a_transfer_moves_exactly_the_value_and_is_journalled_as_mined(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    approvals = Approvals()
    signer = _signer(vault, web3, network, account, approve=approvals)
    sent = signer.send(Transfer(FRIEND, ETHER // 100))
    assert sent.state is TxState.MINED
    assert web3.eth.get_balance(FRIEND) == ETHER // 100
    [request] = approvals.requests
    assert request.action == "Send 0.01 ETH to 0x3C…BC"
    assert request.max_fee_wei is not None and request.max_fee_wei > 0
    [entry] = journal.entries(vault, network.chain_id, account.address)
    assert (entry.state, entry.nonce, entry.tx_hash) == (TxState.MINED, 0, sent.tx_hash)
    [action] = journal.signed_actions(vault, vault.member.id)  # type: ignore[union-attr]
    assert (action.kind, action.reference) == ("transaction", sent.tx_hash)
    assert vault.audit_entries(action="wallet.transaction_signed")[-1].details["tx"] == sent.tx_hash


def test_a_declined_request_signs_nothing_and_sends_nothing(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    unlocked: list[bool] = []

    def key() -> LocalAccount:
        unlocked.append(True)
        return account

    balance = web3.eth.get_balance(account.address)
    approvals = Approvals(answer=False)
    signer = _signer(vault, web3, network, key, approve=approvals, address=account.address)
    with pytest.raises(UserCancelled):
        signer.send(Transfer(FRIEND, ETHER // 100))
    with pytest.raises(UserCancelled):
        signer.sign_typed_data(*_typed_data(network), description="Offer 'Heart rate'")
    assert len(approvals.requests) == 2
    assert unlocked == []  # the key was never even unlocked
    assert web3.eth.get_balance(account.address) == balance
    assert web3.eth.get_transaction_count(account.address) == 0
    assert _history(vault) == ([], [])


def test_the_key_is_unlocked_only_after_approval(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    events: list[str] = []

    def key() -> LocalAccount:
        events.append("unlock")
        return account

    def approve(_request: object) -> bool:
        events.append("approve")
        return True

    signer = Signer(vault, web3, network, key, approve, address=account.address)
    signer.send(Transfer(FRIEND, 10**15))
    assert events == ["approve", "unlock"]


def test_the_members_wallet_address_comes_from_the_vault(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    with pytest.raises(UsageError, match="Ana has no wallet yet"):
        Signer(vault, web3, network, lambda: account, Approvals())
    with vault.writing() as conn:
        conn.execute(
            "INSERT INTO wallets (member_id, address, age_recipient, storage, created_at) "
            "VALUES (?, ?, 'age1test', 'keyring', '2026-01-01')",
            (vault.member.id, account.address.lower()),  # type: ignore[union-attr]
        )
    assert Signer(vault, web3, network, lambda: account, Approvals()).address == account.address


def test_a_key_that_is_not_the_wallets_signs_nothing(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    other: LocalAccount = Account.create()
    signer = _signer(vault, web3, network, lambda: other, address=account.address)
    with pytest.raises(UsageError, match="not the one for"):
        signer.send(Transfer(FRIEND, ETHER // 100))
    assert _history(vault) == ([], [])


def test_insufficient_funds_are_refused_in_words_before_asking(
    vault: Vault, web3: Web3, network: Network
) -> None:
    poor = funded_account(web3, ether=1)
    approvals = Approvals()
    signer = _signer(vault, web3, network, poor, approve=approvals)
    with pytest.raises(
        ChainError, match=r"Not enough ETH: .* has 1 ETH on Test chain, and this needs up to 2 ETH"
    ) as caught:
        signer.send(Transfer(FRIEND, 2 * ETHER))
    assert caught.value.exit_code == 7
    # Enough for the value but not for the fee on top of it.
    with pytest.raises(ChainError, match=r"this needs up to 1\.0000\d+ ETH \(1 ETH plus at most"):
        signer.send(Transfer(FRIEND, ETHER))
    assert approvals.requests == []
    assert _history(vault) == ([], [])


def test_fees_past_the_network_limit_are_refused(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    signer = _signer(vault, web3, network, account, fee_policy=FeePolicy(max_fee_wei=1000))
    with pytest.raises(
        ChainError, match=r"high right now: .* more than your limit of 0\.000000000000001 ETH"
    ):
        signer.send(Transfer(FRIEND, ETHER))
    assert _history(vault) == ([], [])


def test_fees_larger_than_half_the_amount_are_refused(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    signer = _signer(vault, web3, network, account)
    with pytest.raises(ChainError, match="more than 50% of the amount"):
        signer.send(Transfer(FRIEND, 1000))
    assert _history(vault) == ([], [])


def test_coins_are_not_sent_to_an_unknown_contract(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    contract = deploy_raw(web3, ACCEPTS_ALL)
    signer = _signer(vault, web3, network, account)
    with pytest.raises(UsageError, match="is a contract Hearth does not know"):
        signer.send(Transfer(contract, ETHER // 100))
    with pytest.raises(UsageError, match="does not know the contract"):
        signer.send(ContractCall(contract, b"\x12\x34\x56\x78"), "Call it")
    assert _history(vault) == ([], [])


def _market_call() -> bytes:
    data = (
        Web3()
        .eth.contract(abi=MARKET_ABI)
        .encode_abi(
            "setPrice", [1, ("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", [], b"\x00" * 32), "x"]
        )
    )
    return bytes.fromhex(data[2:])


def test_a_call_to_a_known_contract_is_decoded_and_mined(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    market = deploy_raw(web3, ACCEPTS_ALL)
    approvals = Approvals()
    signer = _signer(
        vault,
        web3,
        network,
        account,
        approve=approvals,
        contracts=KnownContracts([MARKET], deployed={"DataMarket": market}),
    )
    sent = signer.send(ContractCall(market, _market_call(), 10**15), "Set the price of 'Steps'")
    assert sent.state is TxState.MINED
    [request] = approvals.requests
    assert (request.contract, request.function) == ("DataMarket", "setPrice")
    assert request.arguments[0].name == "offerId"
    assert web3.eth.get_balance(market) == 10**15


def test_a_call_that_would_revert_is_refused_before_asking(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    market = deploy_raw(web3, REVERTS_ALL)
    approvals = Approvals()
    signer = _signer(
        vault,
        web3,
        network,
        account,
        approve=approvals,
        contracts=KnownContracts([MARKET], deployed={"DataMarket": market}),
    )
    with pytest.raises(ChainError, match="would be rejected by the contract; nothing was sent"):
        signer.send(ContractCall(market, _market_call()), "Set the price of 'Steps'")
    assert approvals.requests == []
    assert _history(vault) == ([], [])


def test_deploying_hearths_own_contract_gives_its_address(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    signer = _signer(vault, web3, network, account)
    arguments = abi_encode(["uint16"], [100])
    sent = signer.send(Deployment("DataMarket", ACCEPTS_ALL + arguments), "Deploy the market")
    assert sent.contract_address is not None
    assert web3.eth.get_code(sent.contract_address) == b"\x00"


def _typed_data(network: Network) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    domain = {
        "name": "Hearth DataMarket",
        "version": "1",
        "chainId": network.chain_id,
        "verifyingContract": MARKET_AT,
    }
    types = {
        "Offer": [
            {"name": "seller", "type": "address"},
            {"name": "price", "type": "uint256"},
            {"name": "note", "type": "string"},
        ]
    }
    message = {"seller": FRIEND, "price": 10**16, "note": "Heart rate"}
    return domain, types, message


def test_a_typed_data_signature_recovers_to_the_account_and_is_remembered(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    approvals = Approvals()
    signer = _signer(vault, web3, network, account, approve=approvals)
    domain, types, message = _typed_data(network)
    signature = signer.sign_typed_data(domain, types, message, "Offer 'Heart rate' for 0.01 ETH")
    signable = encode_typed_data(domain_data=domain, message_types=types, message_data=message)
    assert Account.recover_message(signable, signature=signature) == account.address
    assert len(signature) == 65
    [request] = approvals.requests
    assert {d.name: d.value for d in request.message}["price"] == str(10**16)
    [action] = journal.signed_actions(vault, vault.member.id)  # type: ignore[union-attr]
    assert (action.kind, action.description) == ("typed-data", "Offer 'Heart rate' for 0.01 ETH")
    assert _history(vault)[0] == []  # a signature is not a transaction


def _node_gone(raw: str) -> str | None:
    raise ChainError("The node at Test chain did not answer.")


def test_a_transaction_journalled_but_never_broadcast_is_sent_once_after_a_restart(
    vault: Vault,
    web3: Web3,
    network: Network,
    account: LocalAccount,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crashing = _signer(vault, web3, network, account)
    monkeypatch.setattr(crashing, "_send_raw", _node_gone)
    with pytest.raises(ChainError, match="saved and will be sent when the node answers"):
        crashing.send(Transfer(FRIEND, ETHER // 100))
    [entry] = journal.entries(vault, network.chain_id, account.address)
    assert entry.state is TxState.SIGNED
    assert web3.eth.get_balance(FRIEND) == 0

    restarted = _signer(vault, web3, network, account)
    [resumed] = restarted.resume()
    assert (resumed.id, resumed.state) == (entry.id, TxState.PENDING)
    restarted.resume()  # the node has mined it by now: marked, not sent again
    assert journal.entry(vault, entry.id).state is TxState.MINED  # type: ignore[union-attr]
    assert web3.eth.get_balance(FRIEND) == ETHER // 100
    assert web3.eth.get_transaction_count(account.address) == 1


def test_a_new_transaction_after_a_crash_follows_the_journalled_one(
    vault: Vault,
    web3: Web3,
    network: Network,
    account: LocalAccount,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    crashing = _signer(vault, web3, network, account)
    monkeypatch.setattr(crashing, "_send_raw", _node_gone)
    with pytest.raises(ChainError):
        crashing.send(Transfer(FRIEND, ETHER // 100))
    second = _signer(vault, web3, network, account).send(Transfer(FRIEND, ETHER // 50))
    assert second.nonce == 1
    assert web3.eth.get_balance(FRIEND) == 3 * ETHER // 100
    states = [e.state for e in journal.entries(vault, network.chain_id, account.address)]
    assert states[1] is TxState.MINED and states[0] in (TxState.PENDING, TxState.MINED)


def test_a_transaction_the_node_refuses_is_dropped_with_a_sentence(
    vault: Vault,
    web3: Web3,
    network: Network,
    account: LocalAccount,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signer = _signer(vault, web3, network, account)
    monkeypatch.setattr(signer, "_send_raw", lambda raw: "nonce too low")
    with pytest.raises(ChainError, match=r"used the same number first\. Nothing was sent"):
        signer.send(Transfer(FRIEND, ETHER // 100))
    [entry] = journal.entries(vault, network.chain_id, account.address)
    assert entry.state is TxState.DROPPED
    monkeypatch.undo()
    # A dropped transaction's nonce is free again.
    assert _signer(vault, web3, network, account).send(Transfer(FRIEND, 10**16)).nonce == 0


def test_the_recovery_key_cannot_sign(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    from hearth.errors import NotAllowed

    object.__setattr__(vault, "member", None)
    with pytest.raises(NotAllowed, match="recovery key cannot"):
        _signer(vault, web3, network, account)


# ----------------------------------------------------------------- re-organisations


def _snapshot(web3: Web3) -> Any:
    return web3.provider.ethereum_tester.take_snapshot()  # type: ignore[attr-defined]


def _reorganise(web3: Web3, snapshot: Any) -> None:
    """The chain goes back to ``snapshot``: the blocks after it (and their transactions) are
    gone for good, as when the other branch of a re-org wins and nobody mines them again."""
    web3.provider.ethereum_tester.revert_to_snapshot(snapshot)  # type: ignore[attr-defined]


def test_a_mined_transaction_a_reorg_removes_is_sent_again_as_the_same_bytes(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    signer = _signer(vault, web3, network, account, reorg_depth=8)
    before = _snapshot(web3)
    first = signer.send(Transfer(FRIEND, ETHER // 100))
    assert first.state is TxState.MINED
    [entry] = journal.entries(vault, network.chain_id, account.address)
    assert entry.block_number == first.receipt["blockNumber"]  # type: ignore[index]
    _reorganise(web3, before)
    assert web3.eth.get_balance(FRIEND) == 0

    # The next transaction first puts the lost one back on chain, then follows it: no gap.
    second = signer.send(Transfer(FRIEND, ETHER // 50))
    assert second.nonce == 1
    signer.resume()
    again = journal.entry(vault, entry.id)
    assert again is not None and again.state is TxState.MINED
    assert (again.tx_hash, again.nonce, again.raw) == (entry.tx_hash, 0, entry.raw)
    assert web3.eth.get_balance(FRIEND) == 3 * ETHER // 100  # each sent once
    assert web3.eth.get_transaction_count(account.address) == 2
    assert len(journal.entries(vault, network.chain_id, account.address)) == 2
    actions = [e.action for e in vault.audit_entries()]
    assert actions.count("wallet.transaction_reorged") == 1
    assert actions.count("wallet.transaction_signed") == 2  # nothing signed a second time


def test_a_transaction_mined_again_in_another_block_keeps_its_place_in_the_journal(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    signer = _signer(vault, web3, network, account, reorg_depth=8)
    before = _snapshot(web3)
    sent = signer.send(Transfer(FRIEND, ETHER // 100))
    mined_in = int(sent.receipt["blockNumber"])  # type: ignore[index]
    [entry] = journal.entries(vault, network.chain_id, account.address)
    _reorganise(web3, before)
    # The other branch has another block there, and the node mines ours again after it.
    funded_account(web3, 1)
    web3.eth.send_raw_transaction(entry.raw)  # type: ignore[arg-type]

    assert signer.resume() == []  # nothing to send: it is in the chain
    moved = journal.entry(vault, entry.id)
    assert moved is not None and moved.state is TxState.MINED
    assert moved.block_number == mined_in + 1 != entry.block_number
    assert moved.block_hash == "0x" + bytes(web3.eth.get_block(mined_in + 1)["hash"]).hex()
    assert web3.eth.get_balance(FRIEND) == ETHER // 100
    assert "wallet.transaction_reorged" not in [e.action for e in vault.audit_entries()]


def test_a_transaction_buried_deep_enough_is_final_and_not_asked_about_again(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    signer = _signer(vault, web3, network, account, reorg_depth=2)
    signer.send(Transfer(FRIEND, ETHER // 100))
    [entry] = journal.entries(vault, network.chain_id, account.address)
    assert entry.block_number is not None
    since = web3.eth.block_number - 2 + 1
    assert journal.recently_mined(vault, network.chain_id, account.address, since) == [entry]
    web3.provider.ethereum_tester.mine_blocks(2)  # type: ignore[attr-defined]
    since = web3.eth.block_number - 2 + 1
    assert journal.recently_mined(vault, network.chain_id, account.address, since) == []


def test_the_sandbox_never_reorganises_so_its_blocks_are_not_checked(
    vault: Vault, web3: Web3, network: Network, account: LocalAccount
) -> None:
    assert network.builtin  # the test chain runs in this process, as the sandbox does
    signer = _signer(vault, web3, network, account)
    before = _snapshot(web3)
    signer.send(Transfer(FRIEND, ETHER // 100))
    _reorganise(web3, before)  # cannot happen on the sandbox: here, to show nothing looks
    signer.resume()
    [entry] = journal.entries(vault, network.chain_id, account.address)
    assert entry.state is TxState.MINED
