"""The marketplace contract as Python sees it: compiled artifacts, deployment, and the offer.

`Offer` mirrors `DataMarket.Offer` field for field, so that what the seller's app signs
(`Offer.typed_data`, the EIP-712 document eth-account signs) is exactly what the contract
checks; `Licence` is what `deliver` and `refund` take back. The artifacts are package data
(written by contracts/scripts/compile.js), so an installed or frozen Hearth has them without
the contracts/ folder; in a checkout, `stale_sources` tells whether they still match it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from eth_abi.abi import encode as abi_encode
from eth_account.messages import encode_typed_data
from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from eth_utils.address import is_address, to_checksum_address
from eth_utils.crypto import keccak
from web3 import Web3
from web3.contract import Contract

from hearth.errors import BadInput, UserFacingError

MARKET = "DataMarket"
DOMAIN_NAME = "Hearth DataMarket"
DOMAIN_VERSION = "1"
ZERO_ADDRESS = to_checksum_address("0x" + "00" * 20)
ALL_BPS = 10_000
ANYONE = bytes(32)  # the buyer rule letting anyone buy

# The order and types of `DataMarket.OFFER_TYPEHASH`; a test checks the two agree.
OFFER_FIELDS: tuple[tuple[str, str], ...] = (
    ("seller", "address"),
    ("datasetCommitment", "bytes32"),
    ("termsHash", "bytes32"),
    ("price", "uint256"),
    ("paymentToken", "address"),
    ("expiry", "uint64"),
    ("maxSales", "uint32"),
    ("payees", "address[]"),
    ("sharesBps", "uint16[]"),
    ("nonce", "uint256"),
    ("buyers", "bytes32"),
)
DOMAIN_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "string"),
    ("version", "string"),
    ("chainId", "uint256"),
    ("verifyingContract", "address"),
)

_PACKAGE_ARTIFACTS = "artifacts"
# app/hearth/market/contracts.py -> the checkout's contracts/ folder, when there is one.
_CHECKOUT_CONTRACTS = Path(__file__).resolve().parents[3] / "contracts"


def load_artifact(name: str = MARKET, folder: Path | None = None) -> dict[str, Any]:
    """A compiled contract (abi, bytecode, compiler, source hashes) from the package data,
    or from ``folder`` (contracts/build holds the test contracts too)."""
    try:
        if folder is None:
            text = (
                resources.files("hearth.market") / _PACKAGE_ARTIFACTS / f"{name}.json"
            ).read_text()
        else:
            text = (folder / f"{name}.json").read_text()
    except FileNotFoundError:
        raise UserFacingError(
            f"The {name} contract is missing from this copy of Hearth; reinstall Hearth."
        ) from None
    artifact: dict[str, Any] = json.loads(text)
    return artifact


def checkout_contracts() -> Path | None:
    """The contracts/ folder of a source checkout, or None when Hearth is installed."""
    return _CHECKOUT_CONTRACTS if (_CHECKOUT_CONTRACTS / "src").is_dir() else None


def stale_sources(artifact: Mapping[str, Any], contracts_dir: Path) -> list[str]:
    """Sources of ``artifact`` whose file in ``contracts_dir`` is missing or has changed.

    npm sources (``@openzeppelin/...``) are checked only when node_modules is installed:
    otherwise the lock file's pinned version is what vouches for them.
    """
    stale = []
    node_modules = contracts_dir / "node_modules"
    for unit, entry in sorted(artifact["sources"].items()):
        if unit.startswith("@"):
            if not node_modules.is_dir():
                continue
            path = node_modules / unit
        else:
            path = contracts_dir / unit
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            stale.append(unit)
    return stale


# One sentence for each refusal of DataMarket (a test checks every error in the ABI has one).
REFUSALS = {
    "BadSignature": (
        "The offer's signature is not its seller's for this market and network; the offer was "
        "altered or made for another market."
    ),
    "OfferExpired": "This offer has expired; ask the seller for a new one.",
    "OfferRevoked": "The seller has withdrawn this offer.",
    "OfferIsCancelled": "The seller has cancelled this offer.",
    "SoldOut": "This offer has sold out.",
    "BuyerNotAllowed": "This offer is not open to your account.",
    "PriceAboveMax": (
        "The offer's price is above the most you agreed to pay; look at the offer again."
    ),
    "WrongPayment": "The payment sent does not match the offer's price.",
    "BadSplit": "The offer's family split is broken: its shares must add up to 100%.",
    "NotSeller": "Only the seller of this offer can do that.",
    "NotBuyer": "Only the buyer of this purchase can do that.",
    "NoOpenPurchase": (
        "This purchase is already delivered or refunded, or its details do not match it."
    ),
    "DeliveryTooLate": "The delivery deadline has passed; the buyer can now get a refund.",
    "DeliveryStillDue": (
        "The seller still has time to deliver; a refund is possible after the deadline."
    ),
    "NonceNotIncreasing": "Those offers are already withdrawn.",
    "NothingToWithdraw": "There is nothing to withdraw in this currency.",
    "PaymentFailed": "The receiving account refused the payment.",
    "CoinNeedsNoPermit": "This offer is paid in the network's coin; it needs no token permit.",
    "SafeERC20FailedOperation": (
        "The token transfer failed; check the token balance and what the market may spend."
    ),
    "ReentrancyGuardReentrantCall": "The market refused a call made in the middle of another.",
    "FeeTooHigh": "The protocol fee can be at most 5%.",
    "NoTreasury": "A protocol fee needs a treasury address to be paid to.",
    "NoDeliveryWindow": "The delivery window must be longer than zero.",
    "ECDSAInvalidSignature": "The offer's signature is malformed.",
    "ECDSAInvalidSignatureLength": "The offer's signature is malformed.",
    "ECDSAInvalidSignatureS": "The offer's signature is malformed.",
    "InvalidShortString": "The market's name is malformed.",
    "StringTooLong": "The market's name is too long.",
}
_REFUSED = "The market contract refused the transaction."


def error_name(data: bytes, abi: Sequence[Mapping[str, Any]] | None = None) -> str | None:
    """The name of the custom error that revert ``data`` encodes (DataMarket's by default)."""
    for item in load_artifact()["abi"] if abi is None else abi:
        if item["type"] == "error":
            signature = f"{item['name']}({','.join(_abi_type(i) for i in item['inputs'])})"
            if keccak(text=signature)[:4] == bytes(data[:4]):
                return str(item["name"])
    return None


def refusal(data: bytes) -> str:
    """The plain sentence for a DataMarket revert."""
    return REFUSALS.get(error_name(data) or "", _REFUSED)


def _abi_type(spec: Mapping[str, Any]) -> str:
    kind = str(spec["type"])
    if kind.startswith("tuple"):
        return f"({','.join(_abi_type(c) for c in spec['components'])}){kind[5:]}"
    return kind


def market_at(web3: Web3, address: str) -> Contract:
    """The deployed DataMarket at ``address``."""
    return web3.eth.contract(address=to_checksum_address(address), abi=load_artifact()["abi"])


def deploy(
    web3: Web3,
    account: LocalAccount | str,
    name: str = MARKET,
    *args: Any,
    folder: Path | None = None,
) -> Contract:
    """Deploy contract ``name`` with constructor ``args`` and wait for it to be mined.

    ``account`` is a local key (signed here) or an address the node holds unlocked (eth-tester,
    Hardhat); this is for tests and the sandbox: real networks deploy through the Signer.
    """
    artifact = load_artifact(name, folder)
    factory = web3.eth.contract(abi=artifact["abi"], bytecode=artifact["bytecode"])
    if isinstance(account, LocalAccount):
        tx = factory.constructor(*args).build_transaction(
            {"from": account.address, "nonce": web3.eth.get_transaction_count(account.address)}
        )
        tx_hash = web3.eth.send_raw_transaction(account.sign_transaction(tx).raw_transaction)
    else:
        tx_hash = factory.constructor(*args).transact({"from": to_checksum_address(account)})
    receipt = web3.eth.wait_for_transaction_receipt(tx_hash)
    if receipt["status"] != 1 or receipt["contractAddress"] is None:
        raise UserFacingError(f"Deploying the {name} contract failed; see the node's log.")
    return web3.eth.contract(address=receipt["contractAddress"], abi=artifact["abi"])


@dataclass(frozen=True)
class Offer:
    """A seller's signed offer, as `DataMarket.Offer` (see its comment for ``buyers``)."""

    seller: ChecksumAddress
    dataset_commitment: bytes  # the package's Merkle root
    terms_hash: bytes
    price: int  # in the token's smallest unit (wei for the coin)
    expiry: int  # unix seconds; the last second the offer can be bought
    max_sales: int
    nonce: int
    payment_token: ChecksumAddress = ZERO_ADDRESS  # zero = the chain's coin
    payees: tuple[ChecksumAddress, ...] = ()
    shares_bps: tuple[int, ...] = ()
    buyers: bytes = ANYONE

    def __post_init__(self) -> None:
        object.__setattr__(self, "seller", _address(self.seller, "seller"))
        object.__setattr__(self, "payment_token", _address(self.payment_token, "payment token"))
        object.__setattr__(self, "payees", tuple(_address(p, "payee") for p in self.payees))
        object.__setattr__(self, "shares_bps", tuple(self.shares_bps))
        for what, value in (
            ("dataset commitment", self.dataset_commitment),
            ("terms hash", self.terms_hash),
            ("buyer rule", self.buyers),
        ):
            if not isinstance(value, bytes) or len(value) != 32:
                raise BadInput(f"The offer's {what} must be 32 bytes.")
        _in_range(self.price, 0, 2**256 - 1, "price")
        _in_range(self.expiry, 0, 2**64 - 1, "expiry")
        _in_range(self.max_sales, 1, 2**32 - 1, "number of sales")
        _in_range(self.nonce, 0, 2**256 - 1, "nonce")
        if len(self.payees) != len(self.shares_bps):
            raise BadInput("The offer names a different number of payees and shares.")
        if self.payees and sum(self.shares_bps) != ALL_BPS:
            raise BadInput("The offer's shares must add up to 100%.")
        for share in self.shares_bps:
            _in_range(share, 0, ALL_BPS, "share")

    def message(self) -> dict[str, Any]:
        """The EIP-712 message, JSON-ready (bytes as 0x hex)."""
        return {
            "seller": self.seller,
            "datasetCommitment": "0x" + self.dataset_commitment.hex(),
            "termsHash": "0x" + self.terms_hash.hex(),
            "price": self.price,
            "paymentToken": self.payment_token,
            "expiry": self.expiry,
            "maxSales": self.max_sales,
            "payees": list(self.payees),
            "sharesBps": list(self.shares_bps),
            "nonce": self.nonce,
            "buyers": "0x" + self.buyers.hex(),
        }

    @classmethod
    def from_message(cls, message: Mapping[str, Any]) -> Offer:
        """The offer in an EIP-712 message (the inverse of `message`)."""
        try:
            return cls(
                seller=message["seller"],
                dataset_commitment=_bytes32(message["datasetCommitment"]),
                terms_hash=_bytes32(message["termsHash"]),
                price=int(message["price"]),
                payment_token=message["paymentToken"],
                expiry=int(message["expiry"]),
                max_sales=int(message["maxSales"]),
                payees=tuple(message["payees"]),
                shares_bps=tuple(int(s) for s in message["sharesBps"]),
                nonce=int(message["nonce"]),
                buyers=_bytes32(message["buyers"]),
            )
        except (KeyError, TypeError, ValueError):
            raise BadInput("The offer is not a complete Hearth offer.") from None

    def typed_data(self, chain_id: int, market: str) -> dict[str, Any]:
        """The full EIP-712 document, as `encode_typed_data(full_message=...)` takes it."""
        return {
            "types": {
                "EIP712Domain": [{"name": n, "type": t} for n, t in DOMAIN_FIELDS],
                "Offer": [{"name": n, "type": t} for n, t in OFFER_FIELDS],
            },
            "primaryType": "Offer",
            "domain": {
                "name": DOMAIN_NAME,
                "version": DOMAIN_VERSION,
                "chainId": chain_id,
                "verifyingContract": to_checksum_address(market),
            },
            "message": self.message(),
        }

    def offer_hash(self, chain_id: int, market: str) -> bytes:
        """The EIP-712 digest: what the seller signs and the contract's id for the offer."""
        signable = encode_typed_data(full_message=self.typed_data(chain_id, market))
        return keccak(b"\x19" + signable.version + signable.header + signable.body)

    def as_abi(self) -> tuple[Any, ...]:
        """The offer as the contract's `Offer` tuple argument."""
        return (
            self.seller,
            self.dataset_commitment,
            self.terms_hash,
            self.price,
            self.payment_token,
            self.expiry,
            self.max_sales,
            list(self.payees),
            list(self.shares_bps),
            self.nonce,
            self.buyers,
        )


@dataclass(frozen=True)
class Licence:
    """One purchase as `deliver` and `refund` take it back (the contract stores its hash)."""

    seller: ChecksumAddress
    buyer: ChecksumAddress
    payment_token: ChecksumAddress
    amount: int
    deadline: int
    payees: tuple[ChecksumAddress, ...] = ()
    shares_bps: tuple[int, ...] = ()

    @classmethod
    def of_purchase(cls, offer: Offer, buyer: str, deadline: int) -> Licence:
        """The licence of a purchase of ``offer`` (buyer and deadline from its `Purchased`)."""
        return cls(
            seller=offer.seller,
            buyer=_address(buyer, "buyer"),
            payment_token=offer.payment_token,
            amount=offer.price,
            deadline=deadline,
            payees=offer.payees,
            shares_bps=offer.shares_bps,
        )

    def as_abi(self) -> tuple[Any, ...]:
        return (
            self.seller,
            self.buyer,
            self.payment_token,
            self.amount,
            self.deadline,
            list(self.payees),
            list(self.shares_bps),
        )


def only_buyer(address: str) -> bytes:
    """The buyer rule allowing one address (its top 96 bits zero: an allowlist root is read as
    one address only with a chance of 2**-96)."""
    return bytes(12) + bytes.fromhex(_address(address, "buyer")[2:])


def allowlist_root(buyers: Sequence[str]) -> bytes:
    """The buyer rule allowing each of ``buyers`` (two or more; one is `only_buyer`)."""
    if len(buyers) < 2:
        raise BadInput("An allowlist needs at least two buyers; name one buyer directly.")
    return _merkle_levels([_leaf(b) for b in buyers])[-1][0]


def allowlist_proof(buyers: Sequence[str], buyer: str) -> list[bytes]:
    """The proof that ``buyer`` is in the allowlist of ``buyers``, for `purchase`."""
    leaves = [_leaf(b) for b in buyers]
    mine = _leaf(buyer)
    if mine not in leaves:
        raise BadInput("This account is not among the buyers the offer allows.")
    levels = _merkle_levels(leaves)
    proof = []
    index = levels[0].index(mine)
    for level in levels[:-1]:
        sibling = index ^ 1
        if sibling < len(level):
            proof.append(level[sibling])
        index //= 2
    return proof


def _leaf(address: str) -> bytes:
    # OpenZeppelin's StandardMerkleTree leaf: hashed twice so no leaf can pose as an inner node.
    return keccak(keccak(abi_encode(["address"], [_address(address, "buyer")])))


def _merkle_levels(leaves: list[bytes]) -> list[list[bytes]]:
    """Every level of the tree, leaves (sorted) first; pairs are hashed in sorted order and an
    odd node goes up unchanged, as MerkleProof.verify walks it."""
    levels = [sorted(set(leaves))]
    while len(levels[-1]) > 1:
        level = levels[-1]
        up = [keccak(b"".join(sorted(level[i : i + 2]))) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            up.append(level[-1])
        levels.append(up)
    return levels


def _address(value: object, what: str) -> ChecksumAddress:
    if not isinstance(value, str) or not is_address(value):
        raise BadInput(f"The offer's {what} is not an Ethereum address.")
    return to_checksum_address(value)


def _bytes32(value: object) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str) and value.startswith("0x"):
        return bytes.fromhex(value[2:])
    raise ValueError(value)


def _in_range(value: object, low: int, high: int, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise BadInput(f"The offer's {what} must be a whole number from {low} to {high}.")
