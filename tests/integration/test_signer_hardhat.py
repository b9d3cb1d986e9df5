"""The Signer against a real JSON-RPC node (Hardhat Network): what the unit tests prove on
eth-tester, here with a real mempool, real fee history and real refusals."""

from __future__ import annotations

import socket
from dataclasses import replace
from typing import Any

import pytest
from eth_account import Account
from eth_account.messages import encode_typed_data
from eth_account.signers.local import LocalAccount

from hearth.errors import ChainError, UserCancelled
from hearth.vault import Vault
from hearth.wallet import journal
from hearth.wallet.journal import TxState
from hearth.wallet.networks import Network, connect, http_web3, presets
from hearth.wallet.signer import Signer, TransactionFailed
from hearth.wallet.signing import ContractCall, KnownContracts, Transfer
from tests.chain import CHAIN_ID, HardhatNode, hardhat, hardhat_node
from tests.unit.wallet.chain_doubles import (
    MARKET,
    MARKET_ABI,
    ONCE_ONLY,
    REVERTS_ALL,
    Approvals,
)

pytestmark = pytest.mark.integration
_ = (hardhat, hardhat_node)  # fixtures

FRIEND = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"  # Hardhat's account #2
MARKET_AT = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
ETHER = 10**18


def _local(node: HardhatNode) -> Network:
    return replace(presets()["local"], rpc_url=node.url, contracts={"DataMarket": MARKET_AT})


def _signer(vault: Vault, node: HardhatNode, account: Any = None, **options: Any) -> Signer:
    network = _local(node)
    approve = options.pop("approve", Approvals())
    options.setdefault("contracts", KnownContracts([MARKET]))
    return Signer(
        vault,
        connect(network),
        network,
        account or node.account(),
        approve,
        poll_interval=0.05,
        **options,
    )


def _entries(vault: Vault, address: str) -> list[journal.JournalEntry]:
    return journal.entries(vault, CHAIN_ID, address)


def test_a_plain_transfer_costs_exactly_value_plus_gas(vault: Vault, hardhat: HardhatNode) -> None:
    web3, me = hardhat.web3, hardhat.account()
    before, friend_before = web3.eth.get_balance(me.address), web3.eth.get_balance(FRIEND)
    sent = _signer(vault, hardhat).send(Transfer(FRIEND, ETHER // 100))
    assert sent.state is TxState.MINED and sent.receipt is not None
    paid = int(sent.receipt["gasUsed"]) * int(sent.receipt["effectiveGasPrice"])
    assert web3.eth.get_balance(FRIEND) == friend_before + ETHER // 100
    assert web3.eth.get_balance(me.address) == before - ETHER // 100 - paid
    [entry] = _entries(vault, me.address)
    assert (entry.state, entry.tx_hash, entry.nonce) == (TxState.MINED, sent.tx_hash, 0)
    assert paid <= entry.max_fee_wei


def test_an_eip712_signature_recovers_to_the_signer(vault: Vault, hardhat: HardhatNode) -> None:
    domain = {
        "name": "Hearth DataMarket",
        "version": "1",
        "chainId": CHAIN_ID,
        "verifyingContract": MARKET_AT,
    }
    types = {
        "Offer": [
            {"name": "seller", "type": "address"},
            {"name": "commitment", "type": "bytes32"},
            {"name": "price", "type": "uint256"},
        ]
    }
    message = {"seller": hardhat.account().address, "commitment": b"\x11" * 32, "price": 10**16}
    signature = _signer(vault, hardhat).sign_typed_data(
        domain, types, message, "Offer 'Heart rate' for 0.01 ETH"
    )
    signable = encode_typed_data(domain_data=domain, message_types=types, message_data=message)
    assert Account.recover_message(signable, signature=signature) == hardhat.account().address


def test_insufficient_funds_are_a_sentence_and_nothing_is_sent(
    vault: Vault, hardhat: HardhatNode
) -> None:
    poor: LocalAccount = Account.create()
    hardhat.rpc("hardhat_setBalance", poor.address, hex(ETHER // 1000))
    with pytest.raises(ChainError, match=r"Not enough ETH: .* has 0\.001 ETH on Local node"):
        _signer(vault, hardhat, poor).send(Transfer(FRIEND, ETHER))
    assert hardhat.web3.eth.get_transaction_count(poor.address) == 0
    assert _entries(vault, poor.address) == []


def test_a_declined_request_sends_nothing(vault: Vault, hardhat: HardhatNode) -> None:
    web3, me = hardhat.web3, hardhat.account()
    balance, block = web3.eth.get_balance(me.address), web3.eth.block_number
    approvals = Approvals(answer=False)
    with pytest.raises(UserCancelled):
        _signer(vault, hardhat, approve=approvals).send(Transfer(FRIEND, ETHER // 100))
    assert len(approvals.requests) == 1
    assert (web3.eth.get_balance(me.address), web3.eth.block_number) == (balance, block)
    assert web3.eth.get_transaction_count(me.address, "pending") == 0
    assert _entries(vault, me.address) == []


def test_a_call_the_contract_would_reject_is_refused_before_asking(
    vault: Vault, hardhat: HardhatNode
) -> None:
    web3 = hardhat.web3
    deployed = web3.eth.send_transaction({"from": web3.eth.accounts[0], "data": REVERTS_ALL})  # type: ignore[typeddict-item]
    market = web3.eth.wait_for_transaction_receipt(deployed)["contractAddress"]
    assert market is not None
    data = web3.eth.contract(abi=MARKET_ABI).encode_abi(
        "setPrice", [1, (FRIEND, [], b"\0" * 32), ""]
    )
    approvals = Approvals()
    signer = _signer(
        vault,
        hardhat,
        hardhat.account(),
        approve=approvals,
        contracts=KnownContracts([MARKET], deployed={"DataMarket": market}),
    )
    with pytest.raises(ChainError, match="would be rejected by the contract"):
        signer.send(ContractCall(market, bytes.fromhex(data[2:])), "Set a price")
    assert approvals.requests == []


def test_a_transaction_rejected_when_mined_is_journalled_as_failed_with_a_sentence(
    vault: Vault, hardhat: HardhatNode
) -> None:
    web3 = hardhat.web3
    someone = web3.eth.accounts[1]
    deployed = web3.eth.send_transaction({"from": someone, "data": ONCE_ONLY})  # type: ignore[typeddict-item]
    market = web3.eth.wait_for_transaction_receipt(deployed)["contractAddress"]
    assert market is not None
    data = web3.eth.contract(abi=MARKET_ABI).encode_abi(
        "setPrice", [1, (FRIEND, [], b"\0" * 32), ""]
    )
    signer = _signer(
        vault,
        hardhat,
        contracts=KnownContracts([MARKET], deployed={"DataMarket": market}),
    )
    with hardhat.mining_paused():
        # Fine when estimated; then someone paying a higher tip gets into the block first.
        ours = signer.send(ContractCall(market, bytes.fromhex(data[2:])), "Set a price", wait=False)
        web3.eth.send_transaction(
            {  # type: ignore[typeddict-item]
                "from": someone,
                "to": market,
                "maxPriorityFeePerGas": 100 * 10**9,
                "maxFeePerGas": 200 * 10**9,
            }
        )
        hardhat.mine()
    with pytest.raises(TransactionFailed, match="rejected by the contract when it was mined"):
        signer.wait(ours.id)
    assert journal.entry(vault, ours.id).state is TxState.FAILED  # type: ignore[union-attr]


def test_a_transaction_signed_before_a_crash_is_sent_once_after_restart(
    vault: Vault, hardhat: HardhatNode, monkeypatch: pytest.MonkeyPatch
) -> None:
    web3, me = hardhat.web3, hardhat.account()
    friend_before = web3.eth.get_balance(FRIEND)
    crashing = _signer(vault, hardhat)

    def power_cut(raw: str) -> str | None:
        raise ChainError("The node at 127.0.0.1 did not answer.")

    monkeypatch.setattr(crashing, "_send_raw", power_cut)
    with pytest.raises(ChainError, match="saved and will be sent when the node answers"):
        crashing.send(Transfer(FRIEND, ETHER // 100))
    assert web3.eth.get_transaction_count(me.address, "pending") == 0

    restarted = _signer(vault, hardhat)
    restarted.resume()
    restarted.resume()
    _signer(vault, hardhat).resume()
    [entry] = _entries(vault, me.address)
    assert entry.state is TxState.MINED
    assert web3.eth.get_transaction_count(me.address) == 1
    assert web3.eth.get_balance(FRIEND) == friend_before + ETHER // 100


def test_a_pending_transaction_is_followed_not_resent_after_restart(
    vault: Vault, hardhat: HardhatNode
) -> None:
    web3, me = hardhat.web3, hardhat.account()
    friend_before = web3.eth.get_balance(FRIEND)
    with hardhat.mining_paused():
        sent = _signer(vault, hardhat).send(Transfer(FRIEND, ETHER // 100), wait=False)
        [open_entry] = _signer(vault, hardhat).resume()
        assert (open_entry.id, open_entry.state) == (sent.id, TxState.PENDING)
        hardhat.mine()
    assert _signer(vault, hardhat).wait(sent.id).state is TxState.MINED
    assert journal.entry(vault, sent.id).state is TxState.MINED  # type: ignore[union-attr]
    assert web3.eth.get_transaction_count(me.address) == 1
    assert web3.eth.get_balance(FRIEND) == friend_before + ETHER // 100


def test_a_stuck_transaction_is_replaced_by_fee_and_paid_once(
    vault: Vault, hardhat: HardhatNode
) -> None:
    web3, me = hardhat.web3, hardhat.account()
    friend_before = web3.eth.get_balance(FRIEND)
    approvals = Approvals()
    signer = _signer(vault, hardhat, approve=approvals)
    with hardhat.mining_paused():
        stuck = signer.send(Transfer(FRIEND, ETHER // 100), wait=False)
        faster = signer.speed_up(stuck.id)
        assert faster.nonce == stuck.nonce and faster.tx_hash != stuck.tx_hash
        hardhat.mine()
    assert signer.wait(faster.id).state is TxState.MINED
    signer.resume()
    states = {e.id: e.state for e in _entries(vault, me.address)}
    assert states == {stuck.id: TxState.REPLACED, faster.id: TxState.MINED}
    assert approvals.requests[-1].action == "Speed up: Send 0.01 ETH to 0x3C…BC"
    first, second = approvals.requests
    assert second.max_fee_wei is not None and first.max_fee_wei is not None
    assert second.max_fee_wei * 8 >= first.max_fee_wei * 9  # at least 12.5% more
    assert web3.eth.get_balance(FRIEND) == friend_before + ETHER // 100
    assert web3.eth.get_transaction_count(me.address) == 1


def test_a_node_on_another_chain_is_refused(hardhat: HardhatNode) -> None:
    pretending = replace(presets()["sepolia"], rpc_url=hardhat.url)
    with pytest.raises(ChainError, match=r"is on chain 31337 \('local'\), not chain 11155111"):
        connect(pretending)


def test_an_unreachable_node_is_a_chain_error_with_exit_code_7(
    vault: Vault, hardhat: HardhatNode
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gone = replace(presets()["local"], rpc_url=f"http://127.0.0.1:{port}")
    with pytest.raises(ChainError, match="did not answer") as caught:
        connect(gone, timeout=2)
    assert caught.value.exit_code == 7
    # A Signer whose node goes away says the same, and journals nothing.
    network = _local(hardhat)
    signer = Signer(vault, http_web3(gone.rpc_url, 2), network, hardhat.account(), Approvals())
    with pytest.raises(ChainError, match="did not answer"):
        signer.send(Transfer(FRIEND, ETHER // 100))
    assert _entries(vault, hardhat.account().address) == []
