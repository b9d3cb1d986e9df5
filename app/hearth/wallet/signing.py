"""What a person is asked to approve before anything is signed: a `SigningRequest`, in words.

The request is built from the exact bytes that will be signed (a transaction's call data is
decoded with the ABI of the contract it goes to; typed data field by field with its own type
list), so what the person reads is what the key signs. Calls to contracts Hearth does not know,
and typed data for another chain or an unknown contract, are refused here, before anyone is
asked anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from eth_abi.abi import decode as abi_decode
from eth_utils.address import is_address, to_checksum_address
from web3 import Web3
from web3.exceptions import Web3Exception

from hearth.errors import UsageError
from hearth.wallet.amounts import LocalRate, amount_text, local_text
from hearth.wallet.networks import Network

Kind = Literal["transaction", "typed-data"]
ABI = Sequence[Mapping[str, Any]]

# What a token contract is asked to do when the price is paid in a token (issue 6: permit).
ERC20_ABI: ABI = (
    {
        "type": "function",
        "name": "approve",
        "stateMutability": "nonpayable",
        "inputs": [{"name": "spender", "type": "address"}, {"name": "amount", "type": "uint256"}],
        "outputs": [{"name": "", "type": "bool"}],
    },
    {
        "type": "function",
        "name": "transfer",
        "stateMutability": "nonpayable",
        "inputs": [{"name": "to", "type": "address"}, {"name": "amount", "type": "uint256"}],
        "outputs": [{"name": "", "type": "bool"}],
    },
)


# ----------------------------------------------------------------- what can be sent


@dataclass(frozen=True)
class Transfer:
    """The chain's coin to an address (a person's, not a contract's)."""

    to: str
    value_wei: int


@dataclass(frozen=True)
class ContractCall:
    """A call to a function of a contract Hearth knows; ``data`` is the encoded call."""

    to: str
    data: bytes
    value_wei: int = 0


@dataclass(frozen=True)
class Deployment:
    """Putting one of Hearth's own contracts on chain: its known creation code plus encoded
    constructor arguments."""

    contract: str
    data: bytes
    value_wei: int = 0


Outgoing = Transfer | ContractCall | Deployment


@dataclass(frozen=True)
class ContractKind:
    """A contract Hearth can talk to: its name, ABI and (for its own) creation bytecode."""

    name: str
    abi: ABI
    bytecode: bytes = b""


class KnownContracts:
    """The allow-list: which addresses on a network are which contract."""

    def __init__(
        self, kinds: Iterable[ContractKind] = (), deployed: Mapping[str, str] | None = None
    ) -> None:
        self.kinds = {kind.name: kind for kind in kinds}
        # Addresses found outside networks.json (e.g. a market deployed on a local node).
        self.deployed = {name: to_checksum_address(a) for name, a in (deployed or {}).items()}

    def at(self, network: Network, address: str) -> ContractKind | None:
        """The known contract at ``address`` on ``network``, or None."""
        wanted = to_checksum_address(address)
        for name, where in {**network.contracts, **self.deployed}.items():
            if where == wanted and name in self.kinds:
                return self.kinds[name]
        for token in network.tokens.values():
            if token.address == wanted:
                return ContractKind(token.symbol, ERC20_ABI)
        return None


# ----------------------------------------------------------------- the request


@dataclass(frozen=True)
class Detail:
    """One decoded argument or typed-data field: its name and its value in words."""

    name: str
    value: str


@dataclass(frozen=True)
class SigningRequest:
    """Everything a person needs to decide whether to sign."""

    kind: Kind
    action: str  # "Sell a licence to 'Heart rate 2019–2024' to 0xAb…12 for 0.01 ETH"
    network: str  # its title
    chain_id: int
    real_money: bool
    account: str  # who signs
    contract: str | None = None  # "DataMarket", "USDC"; None for a plain transfer
    contract_address: str | None = None
    function: str | None = None  # "purchase"; "deploy" for a new contract
    arguments: tuple[Detail, ...] = ()
    to: str | None = None
    value: str | None = None  # "0.01 ETH"
    value_wei: int = 0
    max_fee: str | None = None  # "0.000063 ETH"
    max_fee_local: str | None = None  # "about 0.16 EUR"
    max_fee_wei: int | None = None
    primary_type: str | None = None  # typed data: "Offer"
    domain: tuple[Detail, ...] = ()
    message: tuple[Detail, ...] = field(default=())

    def lines(self) -> list[str]:
        """The request in words, one line each, as a prompt or a dialog shows it."""
        money = "real money" if self.real_money else "test money, no real value"
        network = f"{self.network} (chain {self.chain_id}, {money})"
        if self.chain_id == NO_CHAIN:
            network = self.network
        lines = [self.action, f"Network: {network}"]
        if self.kind == "typed-data":
            lines.append(f"Signed by: {self.account}")
            if self.contract:
                lines.append(f"For contract: {self.contract} at {self.contract_address}")
            lines += [f"  {d.name}: {d.value}" for d in self.domain]
            lines.append(f"Message ({self.primary_type}):")
            lines += [f"  {d.name}: {d.value}" for d in self.message]
            lines.append("Signing costs nothing by itself and sends no transaction.")
            return lines
        lines.append(f"From: {self.account}")
        if self.function == "deploy":
            lines.append(f"Creates a new {self.contract} contract")
        elif self.contract:
            lines.append(f"Contract: {self.contract} at {self.contract_address}")
            lines.append(f"Function: {self.function}")
        else:
            lines.append(f"To: {self.to}")
        lines += [f"  {d.name}: {d.value}" for d in self.arguments]
        lines.append(f"Amount sent: {self.value}")
        fee = f"at most {self.max_fee}"
        if self.max_fee_local:
            fee += f" ({self.max_fee_local})"
        lines.append(f"Network fee: {fee}")
        return lines

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "kind": self.kind,
            "action": self.action,
            "network": self.network,
            "chain_id": self.chain_id,
            "real_money": self.real_money,
            "account": self.account,
            "contract": self.contract,
            "contract_address": self.contract_address,
            "function": self.function,
            "arguments": {d.name: d.value for d in self.arguments},
        }
        if self.kind == "transaction":
            document |= {
                "to": self.to,
                "value_wei": str(self.value_wei),
                "max_fee_wei": str(self.max_fee_wei),
            }
        else:
            document |= {
                "primary_type": self.primary_type,
                "domain": {d.name: d.value for d in self.domain},
                "message": {d.name: d.value for d in self.message},
            }
        return document


def short_address(address: str) -> str:
    """``0xAb…12``: how a person recognises an address in a sentence."""
    address = to_checksum_address(address)
    return f"{address[:4]}…{address[-2:]}"


def transaction_request(
    outgoing: Outgoing,
    *,
    action: str,
    network: Network,
    account: str,
    contracts: KnownContracts,
    max_fee_wei: int,
    rate: LocalRate | None = None,
) -> SigningRequest:
    """The request for a transaction, decoding a contract call from its own bytes; refuses
    a call to a contract that is not on the allow-list."""
    currency = network.currency
    common: dict[str, Any] = {
        "kind": "transaction",
        "action": _action(action),
        "network": network.title,
        "chain_id": network.chain_id,
        "real_money": network.real_money,
        "account": to_checksum_address(account),
        "value": amount_text(outgoing.value_wei, currency.decimals, currency.symbol),
        "value_wei": outgoing.value_wei,
        "max_fee": amount_text(max_fee_wei, currency.decimals, currency.symbol),
        "max_fee_local": _local(max_fee_wei, network, rate),
        "max_fee_wei": max_fee_wei,
    }
    if isinstance(outgoing, Transfer):
        return SigningRequest(to=_address(outgoing.to, "recipient"), **common)
    if isinstance(outgoing, Deployment):
        kind = contracts.kinds.get(outgoing.contract)
        if kind is None or not kind.bytecode or not outgoing.data.startswith(kind.bytecode):
            raise UsageError(
                f"Hearth does not know this {outgoing.contract} contract's code and will not "
                "put it on chain."
            )
        arguments = _constructor_arguments(kind, outgoing.data[len(kind.bytecode) :])
        return SigningRequest(contract=kind.name, function="deploy", arguments=arguments, **common)
    to = _address(outgoing.to, "contract")
    known = contracts.at(network, to)
    if known is None:
        raise UsageError(
            f"Hearth does not know the contract at {to} on {network.title} and will not sign a "
            "call to it."
        )
    function, arguments = _decode_call(known, outgoing.data, to)
    return SigningRequest(
        to=to,
        contract=known.name,
        contract_address=to,
        function=function,
        arguments=arguments,
        **common,
    )


def typed_data_request(
    domain: Mapping[str, Any],
    types: Mapping[str, Sequence[Mapping[str, str]]],
    message: Mapping[str, Any],
    *,
    action: str,
    network: Network,
    account: str,
    contracts: KnownContracts,
) -> SigningRequest:
    """The request for an EIP-712 signature, every field decoded by name; refuses data bound
    to another chain or to a contract Hearth does not know."""
    chain_id = domain.get("chainId")
    if chain_id is None or int(chain_id) != network.chain_id:
        raise UsageError(
            f"This signature would be valid on chain {chain_id}, but Hearth is using "
            f"{network.title} (chain {network.chain_id}); nothing was signed."
        )
    verifying = domain.get("verifyingContract")
    if verifying is None or not is_address(verifying):
        raise UsageError("This signature names no contract it is for; nothing was signed.")
    known = contracts.at(network, str(verifying))
    if known is None:
        raise UsageError(
            f"Hearth does not know the contract at {to_checksum_address(str(verifying))} on "
            f"{network.title} and will not sign a message for it."
        )
    struct_types = {name: fields for name, fields in types.items() if name != "EIP712Domain"}
    primary = primary_type_of(struct_types)
    domain_details = tuple(
        Detail(name, _scalar(_DOMAIN_TYPES[name], domain[name]))
        for name in _DOMAIN_TYPES
        if name in domain
    )
    return SigningRequest(
        kind="typed-data",
        action=_action(action),
        network=network.title,
        chain_id=network.chain_id,
        real_money=network.real_money,
        account=to_checksum_address(account),
        contract=known.name,
        contract_address=to_checksum_address(str(verifying)),
        primary_type=primary,
        domain=domain_details,
        message=tuple(_struct_details("", primary, message, struct_types)),
    )


# Statements Hearth itself asks a member to sign, kept in the vault rather than sent to a
# chain (a consent record). Their domain names no chain and no contract, so no contract can be
# made to accept one as its own message: a contract checks its own domain separator.
STATEMENT_DOMAINS = frozenset({"Hearth consent record"})
NO_CHAIN = 0  # the chain id a statement's request and journal entry carry


def statement_request(
    domain: Mapping[str, Any],
    types: Mapping[str, Sequence[Mapping[str, str]]],
    message: Mapping[str, Any],
    *,
    action: str,
    account: str,
) -> SigningRequest:
    """The request for one of Hearth's own statements (`STATEMENT_DOMAINS`), decoded like any
    typed data; refuses anything bound to a chain or a contract (that goes through
    `typed_data_request`)."""
    if domain.get("name") not in STATEMENT_DOMAINS or {"chainId", "verifyingContract"} & set(
        domain
    ):
        raise UsageError("This is not a statement Hearth signs off chain; nothing was signed.")
    struct_types = {name: fields for name, fields in types.items() if name != "EIP712Domain"}
    primary = primary_type_of(struct_types)
    return SigningRequest(
        kind="typed-data",
        action=_action(action),
        network="no network: kept in your vault, never sent",
        chain_id=NO_CHAIN,
        real_money=False,
        account=to_checksum_address(account),
        primary_type=primary,
        domain=tuple(
            Detail(name, _scalar(_DOMAIN_TYPES[name], domain[name]))
            for name in _DOMAIN_TYPES
            if name in domain
        ),
        message=tuple(_struct_details("", primary, message, struct_types)),
    )


def primary_type_of(types: Mapping[str, Sequence[Mapping[str, str]]]) -> str:
    """The struct no other struct refers to (EIP-712's primary type)."""
    referenced = {_base_type(f["type"]) for fields in types.values() for f in fields if "type" in f}
    roots = [name for name in types if name not in referenced]
    if len(roots) != 1:
        raise UsageError("The typed data does not have exactly one main message type.")
    return roots[0]


# ----------------------------------------------------------------- decoding

_DOMAIN_TYPES = {
    "name": "string",
    "version": "string",
    "chainId": "uint256",
    "verifyingContract": "address",
    "salt": "bytes32",
}


def _action(action: str) -> str:
    action = " ".join(action.split())
    if not action:
        # Every signature is explained in words; an empty description is a bug upstream.
        raise ValueError("a SigningRequest needs the action in words")
    return action


def _address(value: str, what: str) -> str:
    if not is_address(value):
        raise UsageError(f"'{value}' is not a valid {what} address.")
    if value != value.lower() and value != to_checksum_address(value):
        raise UsageError(
            f"The {what} address {value} has a wrong checksum (a typing mistake?); check it."
        )
    return to_checksum_address(value)


def _local(units: int, network: Network, rate: LocalRate | None) -> str | None:
    if rate is None or rate.symbol.upper() != network.currency.symbol.upper():
        return None
    return local_text(units, network.currency.decimals, rate)


def _decode_call(kind: ContractKind, data: bytes, to: str) -> tuple[str, tuple[Detail, ...]]:
    try:
        function, arguments = Web3().eth.contract(abi=kind.abi).decode_function_input(data)
    except (Web3Exception, ValueError, TypeError):
        raise UsageError(
            f"The call to {kind.name} at {to} is not one of its functions; nothing was signed."
        ) from None
    inputs = function.abi.get("inputs", [])
    details: list[Detail] = []
    for spec in inputs:
        details += _abi_details(spec["name"], spec, arguments[spec["name"]])
    return str(function.abi["name"]), tuple(details)


def _constructor_arguments(kind: ContractKind, encoded: bytes) -> tuple[Detail, ...]:
    spec = next((e for e in kind.abi if e.get("type") == "constructor"), None)
    inputs = list(spec.get("inputs", [])) if spec else []
    if not inputs:
        if encoded:
            raise UsageError(f"Unexpected bytes after the {kind.name} contract's code.")
        return ()
    try:
        values = abi_decode([_abi_type(i) for i in inputs], encoded)
    except Exception:  # eth_abi raises several unrelated types for malformed input
        raise UsageError(f"The {kind.name} contract's settings cannot be read.") from None
    details: list[Detail] = []
    for spec_in, value in zip(inputs, values, strict=True):
        details += _abi_details(spec_in["name"], spec_in, value)
    return tuple(details)


def _abi_type(spec: Mapping[str, Any]) -> str:
    kind = str(spec["type"])
    if kind.startswith("tuple"):
        inner = ",".join(_abi_type(c) for c in spec["components"])
        return f"({inner}){kind[len('tuple') :]}"
    return kind


def _abi_details(name: str, spec: Mapping[str, Any], value: Any) -> list[Detail]:
    kind = str(spec["type"])
    if kind.endswith("]"):
        element = {**spec, "type": kind[: kind.rindex("[")]}
        items = list(value)
        if not items:
            return [Detail(name, "(none)")]
        return [d for i, v in enumerate(items) for d in _abi_details(f"{name}[{i}]", element, v)]
    if kind == "tuple":
        out: list[Detail] = []
        components = spec["components"]
        values = (
            [value[c["name"]] for c in components] if isinstance(value, Mapping) else list(value)
        )
        for component, v in zip(components, values, strict=True):
            out += _abi_details(f"{name}.{component['name']}", component, v)
        return out
    return [Detail(name, _scalar(kind, value))]


def _struct_details(
    prefix: str, struct: str, value: Mapping[str, Any], types: Mapping[str, Any]
) -> list[Detail]:
    out: list[Detail] = []
    for spec in types[struct]:
        name = f"{prefix}{spec['name']}"
        if spec["name"] not in value:
            raise UsageError(f"The typed data has no value for '{name}'.")
        out += _typed_details(name, spec["type"], value[spec["name"]], types)
    return out


def _typed_details(name: str, kind: str, value: Any, types: Mapping[str, Any]) -> list[Detail]:
    if kind.endswith("]"):
        element = kind[: kind.rindex("[")]
        items = list(value)
        if not items:
            return [Detail(name, "(none)")]
        return [
            d
            for i, v in enumerate(items)
            for d in _typed_details(f"{name}[{i}]", element, v, types)
        ]
    if kind in types:
        return _struct_details(f"{name}.", kind, value, types)
    return [Detail(name, _scalar(kind, value))]


def _scalar(kind: str, value: Any) -> str:
    if kind == "address":
        return to_checksum_address(str(value))
    if kind.startswith("bytes"):
        if isinstance(value, bytes | bytearray):
            return "0x" + bytes(value).hex()
        return str(value)
    if kind == "bool":
        return "yes" if value else "no"
    if kind == "string":
        return repr(str(value))
    if kind.startswith(("uint", "int")):
        return str(int(value, 0) if isinstance(value, str) else int(value))
    return str(value)


def _base_type(kind: str) -> str:
    return kind.split("[", 1)[0]
