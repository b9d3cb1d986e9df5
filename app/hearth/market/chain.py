"""The market on the vault's current network: where it is, a connection, and a Signer for it.

`MarketSession` is what the seller's and the buyer's code share: the network, a connection
to its node (the sandbox opens inside Hearth), the DataMarket contract there, and a Signer that
knows that contract, so every call is shown to the person in words before it is signed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from eth_abi.abi import encode as abi_encode
from eth_typing import ChecksumAddress
from eth_utils.address import to_checksum_address
from web3 import Web3
from web3.contract import Contract
from web3.exceptions import ContractCustomError, ContractLogicError

from hearth.errors import ChainError, UsageError
from hearth.market.contracts import MARKET, load_artifact, market_at, refusal
from hearth.vault import Vault
from hearth.vault.audit import now_iso
from hearth.wallet.networks import Network, connect, current_network, host_of
from hearth.wallet.rpc import talking_to
from hearth.wallet.signer import Approve, Signer
from hearth.wallet.signing import ContractCall, ContractKind, Deployment, KnownContracts

# Sold in the chain's own coin only, for now (tokens need a permit signed for the token).
COIN = to_checksum_address("0x" + "00" * 20)


@dataclass
class MarketSession:
    vault: Vault
    network: Network
    web3: Web3
    market: Contract | None
    signer: Signer | None
    where: str

    @property
    def contract(self) -> Contract:
        if self.market is None:
            raise UsageError(
                f"There is no Hearth market on {self.network.title} yet: deploy one with "
                "'hearth market deploy', or buy from an offer made there."
            )
        return self.market

    @property
    def me(self) -> ChecksumAddress:
        if self.signer is None:
            raise UsageError("This needs your wallet; create one with 'hearth wallet create'.")
        return to_checksum_address(self.signer.address)

    def head(self) -> int:
        with talking_to(self.where):
            return int(self.web3.eth.block_number)

    def block_hash(self, number: int) -> str:
        with talking_to(self.where):
            return "0x" + bytes(self.web3.eth.get_block(number)["hash"]).hex()

    def chain_time(self) -> int:
        with talking_to(self.where):
            return int(self.web3.eth.get_block("latest")["timestamp"])

    def check_call(self, call: Any, value: int = 0) -> None:
        """Run ``call`` as the member without sending it; a refusal becomes its sentence."""
        with talking_to(self.where):
            try:
                call.call({"from": self.me, "value": value})
            except (ContractCustomError, ContractLogicError) as exc:
                raise ChainError(refusal(_revert_bytes(exc))) from None

    def send(self, call: Any, description: str, value: int = 0) -> Any:
        """Check, then ask and send one market call through the Signer; the mined receipt."""
        self.check_call(call, value)
        assert self.signer is not None  # check_call needed `me`
        data = bytes.fromhex(call._encode_transaction_data()[2:])
        sent = self.signer.send(ContractCall(self.contract.address, data, value), description)
        if sent.receipt is None:
            raise ChainError(
                f"The transaction {sent.tx_hash} was sent but is not mined yet; run the command "
                "again later to see it through (it will not be sent twice)."
            )
        return sent.receipt


def _revert_bytes(exc: ContractLogicError) -> bytes:
    data = exc.data
    if isinstance(data, Mapping):  # Hardhat: {"message": "...", "data": "0x..."}
        data = data.get("data")
    if isinstance(data, str) and data.startswith("0x"):
        return bytes.fromhex(data[2:])
    if isinstance(data, bytes):
        return data
    return b""


def market_kind() -> ContractKind:
    artifact = load_artifact()
    return ContractKind(MARKET, artifact["abi"], bytes.fromhex(artifact["bytecode"][2:]))


# ----------------------------------------------------------------- where the market is


def market_address(vault: Vault, network: Network) -> tuple[str, int] | None:
    """The DataMarket on ``network`` (address, first block to look at), or None."""
    preset = network.contracts.get(MARKET)
    with vault.reading() as conn:
        row = conn.execute(
            "SELECT address, from_block FROM market_contracts WHERE chain_id = ?",
            (network.chain_id,),
        ).fetchone()
    if row is not None:
        return to_checksum_address(row[0]), int(row[1])
    if preset:
        return to_checksum_address(preset), 0
    return None


def remember_market(
    vault: Vault, network: Network, address: str, from_block: int, how: str
) -> None:
    """Record the market for ``network``'s chain (replacing an older one), audited."""
    address = to_checksum_address(address)
    with vault.writing() as conn:
        conn.execute(
            "INSERT INTO market_contracts (chain_id, network, address, from_block, how, "
            "added_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chain_id) DO UPDATE SET "
            "network = excluded.network, address = excluded.address, "
            "from_block = excluded.from_block, how = excluded.how, added_at = excluded.added_at",
            (network.chain_id, network.name, address, from_block, how, now_iso()),
        )
        vault.audit(
            "market.contract_recorded",
            {"network": network.name, "chain_id": network.chain_id, "market": address, "how": how},
        )


def is_market_code(code: bytes) -> bool:
    """Whether ``code`` is DataMarket's deployed code. The artifact has zeros where the
    constructor's immutables go (treasury, fee, window, domain): those bytes may differ."""
    expected = bytes.fromhex(load_artifact()["deployedBytecode"][2:])
    if len(code) != len(expected):
        return False
    return all(e == 0 or e == c for e, c in zip(expected, code, strict=True))


# ----------------------------------------------------------------- opening


@contextmanager
def session(
    vault: Vault,
    approve: Approve | None = None,
    *,
    passphrase: str | None = None,
    need_wallet: bool = True,
    web3: Web3 | None = None,
    offered_market: Any = None,
) -> Iterator[MarketSession]:
    """The market on the vault's network, with a Signer for the acting member's wallet.

    ``offered_market`` (an `OfferDocument` being bought) names the market to use instead: it
    must be on this network and be a Hearth market; the vault remembers it when it knew none.
    """
    network = current_network(vault)
    if offered_market is not None:
        _same_chain(network, offered_market)  # before anything starts, sandbox included
    where = network.title if network.builtin else host_of(network.rpc_url)
    sandbox = None
    if network.builtin:
        from hearth.market import sandbox as sandbox_module

        sandbox = sandbox_module.attach(vault)
    if web3 is None:
        web3 = connect(network)
    found = market_address(vault, network)
    if sandbox is not None and found is None:
        from hearth.market import sandbox as sandbox_module

        address = sandbox_module.ensure_market(sandbox)
        remember_market(vault, network, address, 0, "sandbox")
        found = (address, 0)
    if offered_market is not None:
        found = _offered(vault, network, web3, offered_market, found)
    signer = None
    if need_wallet or approve is not None:
        signer = _signer(vault, web3, network, approve, passphrase, found)
        if sandbox is not None and signer is not None:
            from hearth.market import sandbox as sandbox_module

            if sandbox_module.fund(sandbox, signer.address):
                vault.record(
                    "market.sandbox_funded",
                    {"address": signer.address, "wei": str(sandbox_module.GIFT_WEI)},
                )
    market = market_at(web3, found[0]) if found else None
    yield MarketSession(vault, network, web3, market, signer, where)


def _same_chain(network: Network, document: Any) -> None:
    if document.chain_id != network.chain_id:
        raise UsageError(
            f"This offer is for chain {document.chain_id}, but the vault uses {network.title} "
            f"(chain {network.chain_id}); switch with 'hearth network use'."
        )


def _offered(
    vault: Vault, network: Network, web3: Web3, document: Any, found: tuple[str, int] | None
) -> tuple[str, int]:
    address = to_checksum_address(document.market)
    if found is not None and found[0] == address:
        return found
    with talking_to(network.title if network.builtin else host_of(network.rpc_url)):
        code = bytes(web3.eth.get_code(address))
        head = int(web3.eth.block_number)
    if not is_market_code(code):
        raise UsageError(
            f"The offer names a contract at {address} that is not a Hearth market; nothing "
            "was bought."
        )
    if found is None:
        remember_market(vault, network, address, head, "from-offer")
    return address, head


def _signer(
    vault: Vault,
    web3: Web3,
    network: Network,
    approve: Approve | None,
    passphrase: str | None,
    found: tuple[str, int] | None,
) -> Signer | None:
    from hearth.wallet import accounts
    from hearth.wallet.info import require_wallet

    info = require_wallet(vault)

    def refuse(_request: Any) -> bool:
        raise UsageError("This step needs your approval; nothing was signed.")

    deployed = {MARKET: found[0]} if found else {}
    return Signer(
        vault,
        web3,
        network,
        lambda: accounts.unlock_account(vault, passphrase),
        approve or refuse,
        address=info.address,
        contracts=KnownContracts([market_kind()], deployed=deployed),
        poll_interval=0.05 if network.builtin else 0.5,
    )


# ----------------------------------------------------------------- deploying


def deploy_market(
    vault: Vault,
    approve: Approve,
    *,
    treasury: str | None = None,
    fee_bps: int = 0,
    delivery_days: int = 3,
    passphrase: str | None = None,
) -> tuple[str, str]:
    """Put a new DataMarket on the vault's network through the Signer; (address, tx hash).

    The sandbox has its own, made at first use; deploying there replaces it for this vault.
    """
    if not 0 <= fee_bps <= 500:
        raise UsageError("The protocol fee is in basis points, from 0 to 500 (5 %).")
    if not 1 <= delivery_days <= 90:
        raise UsageError("The delivery window is from 1 to 90 days.")
    if fee_bps and not treasury:
        raise UsageError("A protocol fee needs a treasury address to be paid to (--treasury).")
    with session(vault, approve, passphrase=passphrase) as market:
        payee = to_checksum_address(treasury) if treasury else market.me
        kind = market_kind()
        arguments = abi_encode(
            ["address", "uint16", "uint64"], [payee, fee_bps, delivery_days * 86_400]
        )
        assert market.signer is not None
        sent = market.signer.send(
            Deployment(MARKET, kind.bytecode + arguments),
            f"Create a Hearth market on {market.network.title} "
            f"(fee {fee_bps / 100:g} %, {delivery_days} days to deliver)",
        )
        address = sent.contract_address
        if address is None or sent.receipt is None:
            raise ChainError(
                f"The market's transaction {sent.tx_hash} is not mined yet; run "
                "'hearth market deploy' again later."
            )
        remember_market(
            vault, market.network, address, int(sent.receipt["blockNumber"]), "deployed"
        )
    return address, sent.tx_hash


def receipt_events(contract: Contract, name: str, receipt: Mapping[str, Any]) -> list[Any]:
    from web3.logs import DISCARD

    return list(contract.events[name]().process_receipt(receipt, errors=DISCARD))
