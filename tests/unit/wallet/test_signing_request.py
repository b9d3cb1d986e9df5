"""A SigningRequest says in words exactly what would be signed, and refuses what it must not."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pytest
from eth_abi.abi import encode as abi_encode
from web3 import Web3

from hearth.errors import UsageError
from hearth.wallet.amounts import amount_text, local_text, to_units
from hearth.wallet.networks import presets
from hearth.wallet.signing import (
    ContractCall,
    Deployment,
    KnownContracts,
    Transfer,
    short_address,
    transaction_request,
    typed_data_request,
)
from tests.unit.wallet.chain_doubles import ACCEPTS_ALL, MARKET, MARKET_ABI

SELLER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
BUYER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"
MARKET_AT = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
BASE = replace(presets()["base"], contracts={"DataMarket": MARKET_AT})
KNOWN = KnownContracts([MARKET])


@dataclass(frozen=True)
class Rate:
    symbol: str = "ETH"
    local: str = "EUR"
    rate: Decimal = Decimal("2500")


def _transfer_request(**overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "action": "Send 0.01 ETH to 0x3C…BC",
        "network": BASE,
        "account": SELLER,
        "contracts": KNOWN,
        "max_fee_wei": 63_000_000_000_000,
    }
    return transaction_request(Transfer(BUYER, 10**16), **(arguments | overrides))


def test_amounts_are_written_with_every_significant_digit_and_no_more() -> None:
    assert amount_text(10**16, 18, "ETH") == "0.01 ETH"
    assert amount_text(0, 18, "ETH") == "0 ETH"
    assert amount_text(1, 18, "ETH") == "0.000000000000000001 ETH"
    assert amount_text(1_500_000, 6, "USDC") == "1.5 USDC"
    assert amount_text(12 * 10**18, 18, "xDAI") == "12 xDAI"
    assert to_units(Decimal("0.002"), 18) == 2 * 10**15
    assert local_text(10**16, 18, Rate()) == "about 25.00 EUR"
    assert local_text(1, 18, Rate()) == "less than 0.01 EUR"


def test_a_transfer_request_says_amount_fee_network_and_local_estimate() -> None:
    request = _transfer_request(rate=Rate())
    assert request.kind == "transaction"
    assert (request.value, request.max_fee) == ("0.01 ETH", "0.000063 ETH")
    assert request.max_fee_local == "about 0.16 EUR"
    assert (request.network, request.chain_id, request.real_money) == ("Base", 8453, True)
    assert request.to == BUYER and request.contract is None
    lines = request.lines()
    assert lines[0] == "Send 0.01 ETH to 0x3C…BC"
    assert "Network: Base (chain 8453, real money)" in lines
    assert "Amount sent: 0.01 ETH" in lines
    assert "Network fee: at most 0.000063 ETH (about 0.16 EUR)" in lines


def test_a_rate_for_another_coin_is_not_used() -> None:
    assert _transfer_request(rate=Rate(symbol="POL")).max_fee_local is None


def test_an_address_with_a_wrong_checksum_is_refused() -> None:
    wrong = BUYER[:-1] + BUYER[-1].lower()  # "...93Bc": one letter's case changed
    with pytest.raises(UsageError, match="wrong checksum"):
        transaction_request(
            Transfer(wrong, 1),
            action="Send",
            network=BASE,
            account=SELLER,
            contracts=KNOWN,
            max_fee_wei=1,
        )


def test_a_contract_call_is_decoded_argument_by_argument() -> None:
    data = (
        Web3()
        .eth.contract(abi=MARKET_ABI)
        .encode_abi("setPrice", [7, (SELLER, [SELLER, BUYER], b"\x01" * 32), "hello"])
    )
    request = transaction_request(
        ContractCall(MARKET_AT, bytes.fromhex(data[2:]), 5),
        action="Change the price of 'Heart rate'",
        network=BASE,
        account=SELLER,
        contracts=KNOWN,
        max_fee_wei=1000,
    )
    assert (request.contract, request.function, request.contract_address) == (
        "DataMarket",
        "setPrice",
        MARKET_AT,
    )
    assert {d.name: d.value for d in request.arguments} == {
        "offerId": "7",
        "terms.seller": SELLER,
        "terms.payees[0]": SELLER,
        "terms.payees[1]": BUYER,
        "terms.root": "0x" + "01" * 32,
        "note": "'hello'",
    }
    assert "Function: setPrice" in request.lines()


def test_a_call_to_an_unknown_contract_is_refused() -> None:
    with pytest.raises(UsageError, match=f"does not know the contract at {BUYER} on Base"):
        transaction_request(
            ContractCall(BUYER, b"\x12\x34\x56\x78"),
            action="Call",
            network=BASE,
            account=SELLER,
            contracts=KNOWN,
            max_fee_wei=1,
        )


def test_a_call_to_a_function_the_contract_does_not_have_is_refused() -> None:
    with pytest.raises(UsageError, match="not one of its functions"):
        transaction_request(
            ContractCall(MARKET_AT, b"\xde\xad\xbe\xef" + b"\x00" * 32),
            action="Call",
            network=BASE,
            account=SELLER,
            contracts=KNOWN,
            max_fee_wei=1,
        )


def test_the_networks_payment_token_is_a_known_contract() -> None:
    usdc = BASE.tokens["USDC"].address
    data = Web3().eth.contract(abi=[{
        "type": "function", "name": "approve", "stateMutability": "nonpayable",
        "inputs": [{"name": "spender", "type": "address"}, {"name": "amount", "type": "uint256"}],
        "outputs": [{"name": "", "type": "bool"}],
    }]).encode_abi("approve", [MARKET_AT, 1_500_000])  # fmt: skip
    request = transaction_request(
        ContractCall(usdc, bytes.fromhex(data[2:])),
        action="Allow the market to take 1.5 USDC",
        network=BASE,
        account=BUYER,
        contracts=KNOWN,
        max_fee_wei=1,
    )
    assert (request.contract, request.function) == ("USDC", "approve")
    assert {d.name: d.value for d in request.arguments} == {
        "spender": MARKET_AT,
        "amount": "1500000",
    }


def test_a_deployment_must_carry_hearths_own_code() -> None:
    arguments = abi_encode(["uint16"], [250])
    request = transaction_request(
        Deployment("DataMarket", ACCEPTS_ALL + arguments),
        action="Put the market on Base",
        network=BASE,
        account=SELLER,
        contracts=KNOWN,
        max_fee_wei=1,
    )
    assert (request.contract, request.function) == ("DataMarket", "deploy")
    assert [(d.name, d.value) for d in request.arguments] == [("feeBps", "250")]
    with pytest.raises(UsageError, match="does not know this DataMarket contract's code"):
        transaction_request(
            Deployment("DataMarket", b"\x60\x00" + arguments),
            action="Put the market on Base",
            network=BASE,
            account=SELLER,
            contracts=KNOWN,
            max_fee_wei=1,
        )


# ----------------------------------------------------------------- typed data

OFFER_TYPES = {
    "EIP712Domain": [
        {"name": "name", "type": "string"},
        {"name": "version", "type": "string"},
        {"name": "chainId", "type": "uint256"},
        {"name": "verifyingContract", "type": "address"},
    ],
    "Payee": [{"name": "account", "type": "address"}, {"name": "share", "type": "uint16"}],
    "Offer": [
        {"name": "seller", "type": "address"},
        {"name": "commitment", "type": "bytes32"},
        {"name": "price", "type": "uint256"},
        {"name": "payees", "type": "Payee[]"},
        {"name": "note", "type": "string"},
    ],
}


def _domain(**overrides: Any) -> dict[str, Any]:
    return {
        "name": "Hearth DataMarket",
        "version": "1",
        "chainId": 8453,
        "verifyingContract": MARKET_AT,
    } | overrides


def _offer() -> dict[str, Any]:
    return {
        "seller": SELLER,
        "commitment": b"\xab" * 32,
        "price": 10**16,
        "payees": [{"account": SELLER, "share": 7000}, {"account": BUYER, "share": 3000}],
        "note": "Heart rate 2019–2024",
    }


def test_typed_data_is_decoded_field_by_field_with_its_domain() -> None:
    request = typed_data_request(
        _domain(),
        OFFER_TYPES,
        _offer(),
        action="Offer 'Heart rate 2019–2024' for 0.01 ETH",
        network=BASE,
        account=SELLER,
        contracts=KNOWN,
    )
    assert (request.kind, request.primary_type, request.contract) == (
        "typed-data",
        "Offer",
        "DataMarket",
    )
    assert {d.name: d.value for d in request.domain} == {
        "name": "'Hearth DataMarket'",
        "version": "'1'",
        "chainId": "8453",
        "verifyingContract": MARKET_AT,
    }
    assert {d.name: d.value for d in request.message} == {
        "seller": SELLER,
        "commitment": "0x" + "ab" * 32,
        "price": str(10**16),
        "payees[0].account": SELLER,
        "payees[0].share": "7000",
        "payees[1].account": BUYER,
        "payees[1].share": "3000",
        "note": "'Heart rate 2019–2024'",
    }
    assert "Signing costs nothing by itself and sends no transaction." in request.lines()


def test_typed_data_for_another_chain_is_refused() -> None:
    with pytest.raises(UsageError, match="valid on chain 1, but Hearth is using Base"):
        typed_data_request(
            _domain(chainId=1),
            OFFER_TYPES,
            _offer(),
            action="Offer",
            network=BASE,
            account=SELLER,
            contracts=KNOWN,
        )


def test_typed_data_for_an_unknown_contract_is_refused() -> None:
    with pytest.raises(UsageError, match=f"does not know the contract at {BUYER}"):
        typed_data_request(
            _domain(verifyingContract=BUYER),
            OFFER_TYPES,
            _offer(),
            action="Offer",
            network=BASE,
            account=SELLER,
            contracts=KNOWN,
        )


def test_typed_data_missing_a_field_is_refused() -> None:
    offer = _offer()
    del offer["price"]
    with pytest.raises(UsageError, match="no value for 'price'"):
        typed_data_request(
            _domain(),
            OFFER_TYPES,
            offer,
            action="Offer",
            network=BASE,
            account=SELLER,
            contracts=KNOWN,
        )


def test_short_address_is_how_a_person_recognises_one() -> None:
    assert short_address(BUYER.lower()) == "0x3C…BC"
