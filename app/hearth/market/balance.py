"""The acting member's wallet balance on the vault's network, the built-in sandbox included.

The wallet layer cannot open the sandbox: it runs inside the vault and comes with the market
(`hearth.market.sandbox`). Asking here goes through the market's own session, so the sandbox is
opened for this vault and the member's wallet gets its play money on first use, exactly as when
they first buy or sell there.
"""

from __future__ import annotations

from dataclasses import dataclass

from hearth.market.chain import session
from hearth.vault import Vault
from hearth.wallet.networks import Network, connect, current_network
from hearth.wallet.rpc import talking_to

# A balance is a quick question: a node that has not answered by then is not going to.
BALANCE_TIMEOUT_S = 6.0


@dataclass(frozen=True)
class Balance:
    network: Network
    wei: int


def wallet_balance(vault: Vault, *, timeout: float = BALANCE_TIMEOUT_S) -> Balance:
    """The member's balance on the vault's network (`ChainError` with a sentence when the
    node does not answer, `NoWallet` without a wallet)."""
    network = current_network(vault)
    # A node behind a URL gets the short timeout; the sandbox answers from this process.
    web3 = None if network.builtin else connect(network, timeout=timeout)
    with session(vault, need_wallet=True, web3=web3) as market, talking_to(market.where):
        return Balance(market.network, int(market.web3.eth.get_balance(market.me)))
