"""EIP-1559 fee arithmetic: the suggestion, the replacement bump and the gas margin."""

from __future__ import annotations

from typing import Any

from web3 import Web3

from hearth.wallet.fees import DEFAULT_TIP_WEI, Fees, gas_limit, replacement, suggest
from tests.unit.wallet.chain_doubles import in_process_web3


class _History:
    """A node's eth_feeHistory answer, as web3 returns it."""

    def __init__(self, base_fees: list[int], rewards: list[list[int]]) -> None:
        self.answer = {"baseFeePerGas": base_fees, "reward": rewards}

    def __call__(self, *_args: Any) -> dict[str, Any]:
        return self.answer


def test_the_tip_is_the_median_of_recent_tips_and_the_cap_twice_the_next_base_fee(
    monkeypatch: Any,
) -> None:
    web3 = in_process_web3()
    history = _History([10, 11, 12, 40], [[1], [0], [5], [3]])  # an empty block pays no tip
    monkeypatch.setattr(web3.eth, "fee_history", history)
    assert suggest(web3, "test") == Fees(max_fee_per_gas=2 * 40 + 3, max_priority_fee_per_gas=3)


def test_an_idle_chain_without_fee_history_still_gets_fees() -> None:
    web3: Web3 = in_process_web3()  # eth-tester answers an empty history
    fees = suggest(web3, "test")
    base = int(web3.eth.get_block("latest")["baseFeePerGas"])
    assert fees.max_priority_fee_per_gas == DEFAULT_TIP_WEI
    assert fees.max_fee_per_gas == 2 * base + DEFAULT_TIP_WEI


def test_a_replacement_pays_at_least_an_eighth_more_on_tip_and_cap() -> None:
    old = Fees(max_fee_per_gas=800, max_priority_fee_per_gas=80)
    calm = replacement(old, Fees(max_fee_per_gas=100, max_priority_fee_per_gas=10))
    assert calm.max_fee_per_gas * 8 >= old.max_fee_per_gas * 9
    assert calm.max_priority_fee_per_gas * 8 >= old.max_priority_fee_per_gas * 9
    busy = replacement(old, Fees(max_fee_per_gas=5000, max_priority_fee_per_gas=500))
    assert busy == Fees(max_fee_per_gas=5000, max_priority_fee_per_gas=500)


def test_a_contract_call_gets_room_above_its_estimate_and_a_transfer_none() -> None:
    assert gas_limit(21_000) == 21_000
    assert gas_limit(100_000) == 120_000
