"""The chains a vault can use: presets from resources/networks.json plus networks a member added.

The vault uses one network at a time (stored in `vault_info` under ``network``; "sandbox" until
someone chooses another). Connecting always asks the node for its chain id and refuses a node
that answers another one, so a wrong or hostile RPC URL cannot make the Signer sign for a chain
the person did not choose.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from hearth.errors import ChainError, HearthError, NotAllowed, UsageError
from hearth.paths import resources_dir
from hearth.vault import Role, Vault
from hearth.vault.audit import now_iso
from hearth.wallet.rpc import talking_to

if TYPE_CHECKING:  # web3 takes over a second to import: only connecting loads it
    from web3 import Web3

DEFAULT_NETWORK = "sandbox"
BUILTIN_SCHEME = "builtin:"
CONNECT_TIMEOUT_S = 10.0
# Where the vault remembers its chosen network.
_SETTING = "network"
# A custom network on an unknown chain: every EVM chain's coin has 18 decimals.
_COIN_DECIMALS = 18
# Fees one transaction may cost on a custom chain, in its coin, unless the person raises it.
_CUSTOM_MAX_FEE = Decimal("0.01")


@dataclass(frozen=True)
class Currency:
    """A chain's own coin."""

    symbol: str
    name: str
    decimals: int = _COIN_DECIMALS


@dataclass(frozen=True)
class Token:
    """An ERC-20 token a price can be paid in on one network."""

    symbol: str
    address: str
    decimals: int


@dataclass(frozen=True)
class Network:
    name: str
    title: str
    chain_id: int
    rpc_url: str
    currency: Currency
    explorer: str = ""
    real_money: bool = True
    # The most fees one transaction may cost, in the coin (see fees.FeePolicy).
    max_fee: Decimal = _CUSTOM_MAX_FEE
    # Hearth's contracts deployed there, by name ("DataMarket") -> checksummed address.
    contracts: Mapping[str, str] = field(default_factory=dict)
    tokens: Mapping[str, Token] = field(default_factory=dict)
    preset: bool = True

    @property
    def builtin(self) -> bool:
        """Runs inside Hearth (the sandbox) rather than behind an RPC URL."""
        return self.rpc_url.startswith(BUILTIN_SCHEME)

    def tx_url(self, tx_hash: str) -> str | None:
        """The explorer page of a transaction, when the network has an explorer."""
        return f"{self.explorer.rstrip('/')}/tx/{tx_hash}" if self.explorer else None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "chain_id": self.chain_id,
            "rpc_url": self.rpc_url,
            "currency": self.currency.symbol,
            "explorer": self.explorer,
            "real_money": self.real_money,
            "preset": self.preset,
            "contracts": dict(self.contracts),
        }


# ----------------------------------------------------------------- presets


@functools.cache
def presets() -> Mapping[str, Network]:
    """The networks Hearth knows out of the box, by name."""
    path = resources_dir() / "networks.json"
    try:
        document = json.loads(path.read_text("utf-8"))
        return {name: _preset(name, entry) for name, entry in document["networks"].items()}
    except (OSError, ValueError, KeyError, TypeError, InvalidOperation) as exc:
        # Shipped with Hearth: a broken copy is a broken installation, not the user's input.
        raise HearthError(f"{path} is damaged ({exc}); reinstall Hearth.") from None


def _preset(name: str, entry: Mapping[str, Any]) -> Network:
    from eth_utils.address import to_checksum_address  # 0.2 s to import: only when read

    currency = entry["currency"]
    return Network(
        name=name,
        title=str(entry["title"]),
        chain_id=int(entry["chain_id"]),
        rpc_url=str(entry["rpc_url"]),
        currency=Currency(
            str(currency["symbol"]), str(currency["name"]), int(currency["decimals"])
        ),
        explorer=str(entry.get("explorer", "")),
        real_money=bool(entry["real_money"]),
        max_fee=Decimal(str(entry["max_fee"])),
        contracts={k: to_checksum_address(v) for k, v in entry.get("contracts", {}).items()},
        tokens={
            symbol: Token(symbol, to_checksum_address(t["address"]), int(t["decimals"]))
            for symbol, t in entry.get("tokens", {}).items()
        },
    )


# ----------------------------------------------------------------- the vault's networks


def networks(vault: Vault) -> list[Network]:
    """Every network the vault can use: presets (with a member's own RPC URL where they set
    one), then custom networks by name."""
    custom = _custom_rows(vault)
    listed = [custom.pop(name, preset) for name, preset in presets().items()]
    return listed + [custom[name] for name in sorted(custom)]


def network_named(vault: Vault, name: str) -> Network:
    """One network by name, or `UsageError` listing the names there are."""
    found = {n.name: n for n in networks(vault)}
    network = found.get(name.strip().lower())
    if network is None:
        raise UsageError(
            f"There is no network called '{name}'. Known networks: {', '.join(found)}."
        )
    return network


def current_network(vault: Vault) -> Network:
    """The network this vault uses now ("sandbox" until someone chooses another)."""
    with vault.reading() as conn:
        row = conn.execute("SELECT value FROM vault_info WHERE key = ?", (_SETTING,)).fetchone()
    return network_named(vault, row[0] if row else DEFAULT_NETWORK)


def use_network(vault: Vault, name: str) -> Network:
    """Make ``name`` the network the vault uses for balances, offers and purchases."""
    _require_adult(vault, "change the network")
    network = network_named(vault, name)
    with vault.writing() as conn:
        conn.execute(
            "INSERT INTO vault_info (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (_SETTING, network.name),
        )
        vault.audit("network.used", {"network": network.name, "chain_id": network.chain_id})
    return network


def add_network(
    vault: Vault,
    name: str,
    rpc_url: str,
    chain_id: int | None = None,
    *,
    timeout: float = CONNECT_TIMEOUT_S,
) -> Network:
    """Add a network by RPC URL, or give a preset another RPC URL (your own node, a provider).

    The node must answer, and answer the preset's chain id (or ``chain_id`` when given); for a
    new name without ``chain_id`` the node's own answer is recorded and checked from then on.
    """
    _require_adult(vault, "add a network")
    name = _clean_network_name(name)
    rpc_url = _clean_rpc_url(rpc_url)
    preset = presets().get(name)
    if preset is not None and preset.builtin:
        raise UsageError(f"The {preset.title} runs inside Hearth; it has no RPC URL to change.")
    if preset is not None and chain_id is not None and chain_id != preset.chain_id:
        raise UsageError(
            f"{preset.title} has chain id {preset.chain_id}, not {chain_id}; choose another "
            "name for a different chain."
        )
    expected = chain_id if chain_id is not None else (preset.chain_id if preset else None)
    answered = _ask_chain_id(rpc_url, timeout)
    if expected is not None and answered != expected:
        raise ChainError(_wrong_chain(rpc_url, answered, expected))
    network = _custom_network(name, answered, rpc_url, preset)
    with vault.writing() as conn:
        conn.execute(
            "INSERT INTO networks (name, chain_id, rpc_url, currency, explorer, added_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "chain_id = excluded.chain_id, rpc_url = excluded.rpc_url, "
            "currency = excluded.currency, explorer = excluded.explorer, "
            "added_at = excluded.added_at",
            (
                network.name,
                network.chain_id,
                network.rpc_url,
                network.currency.symbol,
                network.explorer,
                now_iso(),
            ),
        )
        # The URL may carry a provider's API key in its path: the audit log gets the host only.
        vault.audit(
            "network.added",
            {"network": name, "chain_id": answered, "host": urlsplit(rpc_url).hostname},
        )
    return network


def _custom_rows(vault: Vault) -> dict[str, Network]:
    with vault.reading() as conn:
        rows = conn.execute("SELECT name, chain_id, rpc_url, currency, explorer FROM networks")
        found = list(rows)
    by_name = presets()
    return {
        name: _custom_network(name, chain_id, rpc_url, by_name.get(name), currency, explorer)
        for name, chain_id, rpc_url, currency, explorer in found
    }


def _custom_network(
    name: str,
    chain_id: int,
    rpc_url: str,
    preset: Network | None,
    currency: str | None = None,
    explorer: str | None = None,
) -> Network:
    """A member's network: a preset with their RPC URL, or a chain Hearth has no preset for
    (which borrows what a preset of the same chain id knows: coin, explorer, contracts)."""
    if preset is None:
        preset = next((p for p in presets().values() if p.chain_id == chain_id), None)
        if preset is not None:
            return replace(preset, name=name, title=name, rpc_url=rpc_url, preset=False)
        symbol = currency or "ETH"
        return Network(
            name=name,
            title=name,
            chain_id=chain_id,
            rpc_url=rpc_url,
            currency=Currency(symbol, symbol),
            explorer=explorer or "",
            preset=False,
        )
    return replace(preset, rpc_url=rpc_url, preset=False)


def _require_adult(vault: Vault, what: str) -> None:
    # The network decides where real money moves: not a child's choice, nor the recovery key's.
    member = vault.member
    if member is None or member.role is Role.CHILD:
        raise NotAllowed(f"Only an adult member of the household can {what}.")


def _clean_network_name(name: str) -> str:
    cleaned = name.strip().lower()
    if not cleaned or len(cleaned) > 40 or not all(c.isalnum() or c in "-_." for c in cleaned):
        raise UsageError(
            f"'{name}' cannot name a network: use up to 40 letters, digits, '-', '_' or '.'."
        )
    return cleaned


def _clean_rpc_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            f"'{url}' is not an RPC URL Hearth can use: give one starting with https:// "
            "(or http:// for a node on this computer)."
        )
    return url


# ----------------------------------------------------------------- connecting

# Chains that run inside Hearth (the sandbox) register how to open them here, so that this
# layer does not depend on the marketplace that provides them.
BuiltinOpener = Callable[[Network], "Web3"]
_builtin_openers: dict[str, BuiltinOpener] = {}


def register_builtin_chain(rpc_url: str, opener: BuiltinOpener) -> None:
    """Say how to open an in-process chain named by ``rpc_url`` ("builtin:sandbox")."""
    _builtin_openers[rpc_url] = opener


def connect(network: Network, *, timeout: float = CONNECT_TIMEOUT_S) -> Web3:
    """A connection to ``network``'s node, after checking that it answers the right chain id."""
    if network.builtin:
        opener = _builtin_openers.get(network.rpc_url)
        if opener is None:
            raise ChainError(
                f"The {network.title} is not available in this version of Hearth; choose "
                "another network with 'hearth network use NAME'."
            )
        web3 = opener(network)
        answered = chain_id_of(web3, network.title)
    else:
        web3 = http_web3(network.rpc_url, timeout)
        answered = chain_id_of(web3, host_of(network.rpc_url))
    if answered != network.chain_id:
        raise ChainError(_wrong_chain(network.rpc_url, answered, network.chain_id))
    return web3


def http_web3(rpc_url: str, timeout: float) -> Web3:
    from web3 import Web3

    # No automatic retries: a node that does not answer is reported at once, not after minutes.
    provider = Web3.HTTPProvider(
        rpc_url, request_kwargs={"timeout": timeout}, exception_retry_configuration=None
    )
    return Web3(provider)


def chain_id_of(web3: Web3, where: str) -> int:
    """``eth_chainId`` as the node answers it, or `ChainError` saying the node did not answer."""
    with talking_to(where):
        return int(web3.eth.chain_id)


def _ask_chain_id(rpc_url: str, timeout: float) -> int:
    return chain_id_of(http_web3(rpc_url, timeout), host_of(rpc_url))


def _wrong_chain(rpc_url: str, answered: int, expected: int) -> str:
    known = {p.chain_id: p.name for p in presets().values()}
    which = f" ('{known[answered]}')" if answered in known else ""
    return (
        f"The node at {host_of(rpc_url)} is on chain {answered}{which}, not chain {expected}; "
        "check the RPC URL."
    )


def host_of(rpc_url: str) -> str:
    """Where a node is, for messages."""
    # Never the whole URL in a message: providers put API keys in the path.
    parts = urlsplit(rpc_url)
    if parts.scheme in ("http", "https") and parts.hostname:
        return f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
    return rpc_url
