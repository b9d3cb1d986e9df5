"""DataMarket on a real JSON-RPC node (Hardhat Network): a sale from a Python-signed offer to
the seller's withdrawal, every transaction signed locally and sent raw, as the app does."""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_utils.crypto import keccak
from web3 import Web3
from web3.contract.contract import ContractFunction

from hearth.market.contracts import ZERO_ADDRESS, Licence, Offer, deploy
from tests.chain import FIRST_ADDRESS, SECOND_KEY, HardhatNode, hardhat, hardhat_node

pytestmark = pytest.mark.integration
_ = (hardhat, hardhat_node)  # fixtures

PRICE = 3 * 10**16
FEE_BPS = 100
AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"


def send(web3: Web3, account: LocalAccount, call: ContractFunction, value: int = 0) -> Any:
    tx = call.build_transaction(
        {
            "from": account.address,
            "value": value,
            "nonce": web3.eth.get_transaction_count(account.address),
        }
    )
    signed = account.sign_transaction(tx)
    receipt = web3.eth.wait_for_transaction_receipt(
        web3.eth.send_raw_transaction(signed.raw_transaction)
    )
    assert receipt["status"] == 1
    return receipt


def test_sale_on_hardhat_from_python_signed_offer_to_withdrawal(hardhat: HardhatNode) -> None:
    web3 = hardhat.web3
    deployer = hardhat.account()
    seller = hardhat.account(SECOND_KEY)
    buyer = Account.create()
    treasury = Account.create().address
    web3.eth.send_transaction({"from": FIRST_ADDRESS, "to": buyer.address, "value": 10**18})
    market = deploy(web3, deployer, "DataMarket", treasury, FEE_BPS, 3 * 86_400)

    now = int(web3.eth.get_block("latest")["timestamp"])
    offer = Offer(
        seller=seller.address,
        dataset_commitment=keccak(b"merkle root"),
        terms_hash=keccak(b"terms"),
        price=PRICE,
        expiry=now + 3600,
        max_sales=1,
        nonce=7,
    )
    typed = offer.typed_data(web3.eth.chain_id, market.address)
    signature = Account.sign_typed_data(seller.key, full_message=typed).signature
    assert market.functions.hashOffer(offer.as_abi()).call() == offer.offer_hash(
        web3.eth.chain_id, market.address
    )

    bought = send(
        web3,
        buyer,
        market.functions.purchase(offer.as_abi(), signature, AGE_RECIPIENT, PRICE, []),
        PRICE,
    )
    (purchased,) = market.events.Purchased().process_receipt(bought)
    assert purchased["args"]["buyer"] == buyer.address
    assert purchased["args"]["ageRecipient"] == AGE_RECIPIENT
    assert web3.eth.get_balance(market.address) == PRICE

    licence = Licence.of_purchase(offer, buyer.address, purchased["args"]["deadline"])
    delivered = send(
        web3,
        seller,
        market.functions.deliver(
            purchased["args"]["purchaseId"], licence.as_abi(), keccak(b"ciphertext"), "file:pkg"
        ),
    )
    (event,) = market.events.Delivered().process_receipt(delivered)
    assert event["args"]["ciphertextHash"] == keccak(b"ciphertext")

    fee = PRICE * FEE_BPS // 10_000
    before = web3.eth.get_balance(seller.address)
    paid = send(web3, seller, market.functions.withdraw(ZERO_ADDRESS))
    gas_cost = paid["gasUsed"] * paid["effectiveGasPrice"]
    assert web3.eth.get_balance(seller.address) == before + PRICE - fee - gas_cost
    assert web3.eth.get_balance(market.address) == fee
    assert market.functions.balanceOf(ZERO_ADDRESS, treasury).call() == fee
