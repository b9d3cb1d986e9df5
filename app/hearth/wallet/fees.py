"""EIP-1559 fees: what to offer the chain, and the limit past which Hearth refuses to pay.

The tip is the median of the middle (50th-percentile) tips paid in the last blocks, so one
block full of hurried senders does not set it; the fee cap is twice the next block's base fee
plus the tip, which stays valid through six full blocks in a row (the base fee rises at most
12.5% per block). What a transaction may cost at most, gas limit times fee cap, is then held
against the network's limit and a share of the amount sent.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from web3 import Web3
from web3.exceptions import Web3Exception

from hearth.errors import ChainError
from hearth.wallet.amounts import amount_text, to_units
from hearth.wallet.networks import Network
from hearth.wallet.rpc import talking_to

FEE_HISTORY_BLOCKS = 10
TIP_PERCENTILE = 50
# Nodes replace a pending transaction only for a clearly higher fee (geth wants +10%, others
# +12.5%): the higher of the two always works.
REPLACEMENT_BUMP = Fraction(9, 8)
# When no recent block paid a tip (an idle test chain), offer this much: 1 gwei.
DEFAULT_TIP_WEI = 1_000_000_000
# Room above the node's gas estimate for a contract call, whose cost can move between the
# estimate and the block (a plain transfer costs exactly 21,000).
GAS_MARGIN = Fraction(6, 5)
PLAIN_TRANSFER_GAS = 21_000
# By default no more than half of what is sent goes to fees (a payment of 0 has no such limit).
DEFAULT_SHARE_OF_VALUE = Decimal("0.5")


@dataclass(frozen=True)
class Fees:
    """What a transaction offers per unit of gas (EIP-1559)."""

    max_fee_per_gas: int
    max_priority_fee_per_gas: int

    def most_for(self, gas: int) -> int:
        """The most a transaction with this gas limit can cost in fees."""
        return gas * self.max_fee_per_gas


@dataclass(frozen=True)
class FeePolicy:
    """How much a person is willing to pay in fees for one transaction."""

    max_fee_wei: int  # an absolute limit, in the coin's smallest unit
    share_of_value: Decimal | None = DEFAULT_SHARE_OF_VALUE

    @classmethod
    def for_network(cls, network: Network) -> FeePolicy:
        return cls(to_units(network.max_fee, network.currency.decimals))


def suggest(web3: Web3, where: str) -> Fees:
    """Fees for a transaction sent now, from ``eth_feeHistory``."""
    with talking_to(where):
        try:
            history = web3.eth.fee_history(FEE_HISTORY_BLOCKS, "latest", [TIP_PERCENTILE])
        except (Web3Exception, ValueError):
            history = None  # a node without eth_feeHistory: fall back below
        base_fees = list(history["baseFeePerGas"]) if history else []
        if base_fees:
            next_base = int(base_fees[-1])  # the node's own forecast for the next block
        else:
            block = web3.eth.get_block("latest")
            next_base = int(block.get("baseFeePerGas", 0))
        tips = [int(r[0]) for r in (history["reward"] if history else []) if r and int(r[0]) > 0]
        if tips:
            tip = int(statistics.median(tips))
        else:
            try:
                tip = int(web3.eth.max_priority_fee)
            except (Web3Exception, ValueError):
                tip = DEFAULT_TIP_WEI
    tip = max(tip, 1)
    return Fees(max_fee_per_gas=2 * next_base + tip, max_priority_fee_per_gas=tip)


def replacement(old: Fees, now: Fees) -> Fees:
    """Fees for a transaction that replaces ``old`` (same nonce): at least 12.5% more on both
    the tip and the cap, and never less than what the chain asks for now."""
    tip = max(_bump(old.max_priority_fee_per_gas), now.max_priority_fee_per_gas)
    cap = max(_bump(old.max_fee_per_gas), now.max_fee_per_gas, tip)
    return Fees(max_fee_per_gas=cap, max_priority_fee_per_gas=tip)


def _bump(value: int) -> int:
    return math.ceil(value * REPLACEMENT_BUMP) + 1


def gas_limit(estimate: int) -> int:
    """The gas limit to sign for the node's estimate."""
    if estimate <= PLAIN_TRANSFER_GAS:
        return estimate
    return math.ceil(estimate * GAS_MARGIN)


def check_fee(most: int, value_wei: int, policy: FeePolicy, network: Network) -> None:
    """Refuse, in words, a transaction whose fees could exceed the person's limits."""
    decimals, symbol = network.currency.decimals, network.currency.symbol

    def text(units: int) -> str:
        return amount_text(units, decimals, symbol)

    if most > policy.max_fee_wei:
        raise ChainError(
            f"Fees on {network.title} are high right now: this could cost up to {text(most)} "
            f"in fees, more than your limit of {text(policy.max_fee_wei)}. Try again later."
        )
    if policy.share_of_value is not None and value_wei > 0:
        limit = int(Decimal(value_wei) * policy.share_of_value)
        if most > limit:
            raise ChainError(
                f"Sending {text(value_wei)} could cost up to {text(most)} in fees, more than "
                f"{policy.share_of_value:.0%} of the amount. Send more at once or try again "
                "when fees are lower."
            )
