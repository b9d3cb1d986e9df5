"""DataMarket on a real EVM (eth-tester/py-evm): each safety property, with events and balances.

The chain is deployed once per module; every test runs inside a snapshot that is reverted
afterwards, so tests stay independent and fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from eth_account import Account
from eth_tester.exceptions import TransactionFailed
from eth_utils.crypto import keccak

from hearth.errors import BadInput
from hearth.market.contracts import (
    OFFER_FIELDS,
    REFUSALS,
    ZERO_ADDRESS,
    Licence,
    Offer,
    allowlist_proof,
    allowlist_root,
    deploy,
    error_name,
    load_artifact,
    only_buyer,
    refusal,
)
from tests.contracts.market_chain import (
    AGE_RECIPIENT,
    BUILD,
    CIPHERTEXT_HASH,
    DELIVERY_WINDOW,
    FEE_BPS,
    PRICE,
    URI,
    MarketChain,
    revert_data,
)


@pytest.fixture(scope="module")
def started() -> MarketChain:
    return MarketChain.start()


@pytest.fixture
def chain(started: MarketChain) -> Iterator[MarketChain]:
    snapshot = started.tester.take_snapshot()
    yield started
    started.tester.revert_to_snapshot(snapshot)


def fee_of(amount: int) -> int:
    return amount * FEE_BPS // 10_000


# ---- offers: Python and Solidity agree -------------------------------------------------


def test_python_offer_type_is_the_contracts_typehash(chain: MarketChain) -> None:
    fields = ",".join(f"{kind} {name}" for name, kind in OFFER_FIELDS)
    assert chain.market.functions.OFFER_TYPEHASH().call() == keccak(text=f"Offer({fields})")


def test_python_offer_hash_is_the_contracts(chain: MarketChain) -> None:
    offer = chain.offer(
        payees=chain.family[:2], shares_bps=(6000, 4000), buyers=only_buyer(chain.buyer)
    )
    expected = offer.offer_hash(chain.w3.eth.chain_id, chain.market.address)
    assert chain.market.functions.hashOffer(offer.as_abi()).call() == expected


def test_offer_survives_its_json_message() -> None:
    offer = Offer(
        seller="0x" + "ab" * 20,
        dataset_commitment=b"\x01" * 32,
        terms_hash=b"\x02" * 32,
        price=5,
        expiry=10,
        max_sales=1,
        nonce=0,
        payees=("0x" + "cd" * 20, "0x" + "ef" * 20),
        shares_bps=(1, 9999),
    )
    assert Offer.from_message(offer.message()) == offer


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"seller": "0x1234"}, "seller is not an Ethereum address"),
        ({"dataset_commitment": b"\x01" * 31}, "dataset commitment must be 32 bytes"),
        ({"max_sales": 0}, "number of sales must be"),
        ({"price": -1}, "price must be"),
        ({"payees": ("0x" + "cd" * 20,), "shares_bps": ()}, "different number of payees"),
        ({"payees": ("0x" + "cd" * 20,), "shares_bps": (9000,)}, "add up to 100%"),
    ],
)
def test_a_malformed_offer_is_refused_in_one_sentence(change: dict[str, Any], words: str) -> None:
    fields: dict[str, Any] = {
        "seller": "0x" + "ab" * 20,
        "dataset_commitment": b"\x01" * 32,
        "terms_hash": b"\x02" * 32,
        "price": 1,
        "expiry": 10,
        "max_sales": 1,
        "nonce": 0,
    }
    fields.update(change)
    with pytest.raises(BadInput, match=words):
        Offer(**fields)


def test_offer_from_a_broken_message_is_bad_input() -> None:
    with pytest.raises(BadInput, match="not a complete Hearth offer"):
        Offer.from_message({"seller": "0x" + "ab" * 20})


# ---- the happy paths -------------------------------------------------------------------


def test_coin_purchase_escrows_and_delivery_pays_seller_and_treasury(chain: MarketChain) -> None:
    offer = chain.offer()
    buyer_before = chain.coin(chain.buyer)
    receipt, event, licence = chain.buy(offer)

    assert event == {
        "purchaseId": 1,
        "offerHash": offer.offer_hash(chain.w3.eth.chain_id, chain.market.address),
        "seller": chain.seller.address,
        "buyer": chain.buyer,
        "ageRecipient": AGE_RECIPIENT,
        "price": PRICE,
        "token": ZERO_ADDRESS,
        "deadline": chain.w3.eth.get_block(receipt["blockNumber"])["timestamp"] + DELIVERY_WINDOW,
    }
    assert chain.coin(chain.buyer) == buyer_before - PRICE - chain.fee_paid(receipt)
    assert chain.coin(chain.market.address) == PRICE
    assert chain.owed(chain.seller.address) == 0  # escrow is not income yet
    assert chain.market.functions.sold(event["offerHash"]).call() == 1

    delivered = chain.deliver(1, licence)
    (log,) = chain.events(chain.market, "Delivered", delivered)
    assert log == {"purchaseId": 1, "ciphertextHash": CIPHERTEXT_HASH, "uri": URI}
    assert chain.owed(chain.seller.address) == PRICE - fee_of(PRICE)
    assert chain.owed(chain.treasury) == fee_of(PRICE)
    assert chain.market.functions.openLicence(1).call() == bytes(32)

    seller_before = chain.coin(chain.seller.address)
    paid = chain.send(chain.market.functions.withdraw(ZERO_ADDRESS), chain.seller.address)
    (withdrawn,) = chain.events(chain.market, "Withdrawn", paid)
    assert withdrawn["amount"] == PRICE - fee_of(PRICE)
    assert chain.coin(chain.seller.address) == (
        seller_before + PRICE - fee_of(PRICE) - chain.fee_paid(paid)
    )
    assert chain.coin(chain.market.address) == fee_of(PRICE)  # the treasury's, until it withdraws


def test_token_purchase_with_approval(chain: MarketChain) -> None:
    offer = chain.offer(payment_token=chain.token.address)
    chain.send(chain.token.functions.mint(chain.buyer, PRICE), chain.deployer)
    chain.send(chain.token.functions.approve(chain.market.address, PRICE), chain.buyer)
    _, event, licence = chain.buy(offer)
    assert event["token"] == chain.token.address
    assert chain.token.functions.balanceOf(chain.market.address).call() == PRICE
    assert chain.token.functions.balanceOf(chain.buyer).call() == 0

    chain.deliver(event["purchaseId"], licence)
    chain.send(chain.market.functions.withdraw(chain.token.address), chain.seller.address)
    assert chain.token.functions.balanceOf(chain.seller.address).call() == PRICE - fee_of(PRICE)
    assert chain.owed(chain.treasury, chain.token.address) == fee_of(PRICE)


def test_token_purchase_with_permit_needs_no_approval_transaction(chain: MarketChain) -> None:
    buyer = Account.from_key(chain.tester.backend.account_keys[2].to_bytes())
    offer = chain.offer(payment_token=chain.token.address)
    chain.send(chain.token.functions.mint(buyer.address, PRICE), chain.deployer)
    deadline = chain.now() + 3600
    permit = Account.sign_typed_data(
        buyer.key,
        full_message={
            "types": {
                "EIP712Domain": [
                    {"name": "name", "type": "string"},
                    {"name": "version", "type": "string"},
                    {"name": "chainId", "type": "uint256"},
                    {"name": "verifyingContract", "type": "address"},
                ],
                "Permit": [
                    {"name": "owner", "type": "address"},
                    {"name": "spender", "type": "address"},
                    {"name": "value", "type": "uint256"},
                    {"name": "nonce", "type": "uint256"},
                    {"name": "deadline", "type": "uint256"},
                ],
            },
            "primaryType": "Permit",
            "domain": {
                "name": "Hearth Test Token",
                "version": "1",
                "chainId": chain.w3.eth.chain_id,
                "verifyingContract": chain.token.address,
            },
            "message": {
                "owner": buyer.address,
                "spender": chain.market.address,
                "value": PRICE,
                "nonce": 0,
                "deadline": deadline,
            },
        },
    )
    call = chain.market.functions.purchaseWithPermit(
        offer.as_abi(),
        chain.sign(offer),
        AGE_RECIPIENT,
        PRICE,
        [],
        (deadline, permit.v, permit.r.to_bytes(32, "big"), permit.s.to_bytes(32, "big")),
    )
    receipt = chain.send(call, buyer.address)
    (event,) = chain.events(chain.market, "Purchased", receipt)
    assert event["buyer"] == buyer.address
    assert chain.token.functions.balanceOf(chain.market.address).call() == PRICE
    assert chain.token.functions.allowance(buyer.address, chain.market.address).call() == 0


def test_permit_purchase_of_a_coin_offer_is_refused(chain: MarketChain) -> None:
    offer = chain.offer()
    call = chain.market.functions.purchaseWithPermit(
        offer.as_abi(), chain.sign(offer), AGE_RECIPIENT, PRICE, [], (0, 27, bytes(32), bytes(32))
    )
    assert chain.revert_of(call, chain.buyer) == "CoinNeedsNoPermit"


# ---- what a purchase checks ------------------------------------------------------------


def test_offer_signed_by_someone_else_is_refused(chain: MarketChain) -> None:
    offer = chain.offer()
    stranger = Account.create()
    call, buyer, value = chain.purchase(offer, signature=chain.sign(offer, key=stranger))
    assert chain.revert_of(call, buyer, value) == "BadSignature"
    assert chain.coin(chain.market.address) == 0


def test_offer_altered_after_signing_is_refused(chain: MarketChain) -> None:
    signed = chain.offer(price=PRICE)
    cheaper = chain.offer(price=PRICE // 2)
    call, buyer, value = chain.purchase(cheaper, signature=chain.sign(signed))
    assert chain.revert_of(call, buyer, value) == "BadSignature"


def test_expired_offer_is_refused(chain: MarketChain) -> None:
    offer = chain.offer(expiry=chain.now() + 100)
    chain.travel(101)
    call, buyer, value = chain.purchase(offer)
    assert chain.revert_of(call, buyer, value) == "OfferExpired"


def test_offer_sells_at_most_max_sales(chain: MarketChain) -> None:
    offer = chain.offer(max_sales=2)
    chain.buy(offer)
    chain.buy(offer, buyer=chain.other_buyer)
    call, buyer, value = chain.purchase(offer)
    assert chain.revert_of(call, buyer, value) == "SoldOut"
    assert chain.coin(chain.market.address) == 2 * PRICE


def test_cancelled_offer_cannot_be_bought(chain: MarketChain) -> None:
    offer = chain.offer()
    receipt = chain.send(chain.market.functions.cancelOffer(offer.as_abi()), chain.seller.address)
    (event,) = chain.events(chain.market, "OfferCancelled", receipt)
    assert event["offerHash"] == offer.offer_hash(chain.w3.eth.chain_id, chain.market.address)
    call, buyer, value = chain.purchase(offer)
    assert chain.revert_of(call, buyer, value) == "OfferIsCancelled"


def test_only_the_seller_cancels_an_offer(chain: MarketChain) -> None:
    call = chain.market.functions.cancelOffer(chain.offer().as_abi())
    assert chain.revert_of(call, chain.buyer) == "NotSeller"


def test_cancel_all_before_revokes_lower_nonces_only(chain: MarketChain) -> None:
    old, new = chain.offer(nonce=5), chain.offer(nonce=6)
    receipt = chain.send(chain.market.functions.cancelAllBefore(6), chain.seller.address)
    (event,) = chain.events(chain.market, "NoncesRevoked", receipt)
    assert event == {"seller": chain.seller.address, "minNonce": 6}
    call, buyer, value = chain.purchase(old)
    assert chain.revert_of(call, buyer, value) == "OfferRevoked"
    chain.buy(new)
    lower = chain.market.functions.cancelAllBefore(3)
    assert chain.revert_of(lower, chain.seller.address) == "NonceNotIncreasing"


def test_offer_for_one_buyer_refuses_others(chain: MarketChain) -> None:
    offer = chain.offer(buyers=only_buyer(chain.buyer))
    call, buyer, value = chain.purchase(offer, buyer=chain.other_buyer)
    assert chain.revert_of(call, buyer, value) == "BuyerNotAllowed"
    chain.buy(offer)


def test_allowlist_offer_admits_members_with_a_proof(chain: MarketChain) -> None:
    allowed = [chain.buyer, chain.family[0], chain.family[1]]
    offer = chain.offer(buyers=allowlist_root(allowed))
    chain.buy(offer, proof=allowlist_proof(allowed, chain.buyer))
    chain.buy(offer, buyer=chain.family[1], proof=allowlist_proof(allowed, chain.family[1]))
    stolen_proof = allowlist_proof(allowed, chain.buyer)
    call, buyer, value = chain.purchase(offer, buyer=chain.other_buyer, proof=stolen_proof)
    assert chain.revert_of(call, buyer, value) == "BuyerNotAllowed"
    with pytest.raises(BadInput, match="not among the buyers"):
        allowlist_proof(allowed, chain.other_buyer)


@pytest.mark.parametrize("size", [2, 5, 6])
def test_every_member_of_an_allowlist_can_buy(chain: MarketChain, size: int) -> None:
    members = chain.w3.eth.accounts[2 : 2 + size]
    offer = chain.offer(buyers=allowlist_root(members))
    for member in members:
        chain.buy(offer, buyer=member, proof=allowlist_proof(members, member))
    assert (
        chain.market.functions.sold(chain.market.functions.hashOffer(offer.as_abi()).call()).call()
        == size
    )


def test_price_above_the_buyers_max_is_refused(chain: MarketChain) -> None:
    # The seller re-signs a dearer offer with the same terms while the buy is in flight.
    offer = chain.offer(price=PRICE * 2)
    call, buyer, value = chain.purchase(offer, max_price=PRICE)
    assert chain.revert_of(call, buyer, value) == "PriceAboveMax"


@pytest.mark.parametrize("sent", [PRICE - 1, PRICE + 1, 0])
def test_coin_payment_must_be_exact(chain: MarketChain, sent: int) -> None:
    call, buyer, _ = chain.purchase(chain.offer())
    assert chain.revert_of(call, buyer, sent) == "WrongPayment"


def test_token_offer_refuses_coin(chain: MarketChain) -> None:
    call, buyer, _ = chain.purchase(chain.offer(payment_token=chain.token.address))
    assert chain.revert_of(call, buyer, PRICE) == "WrongPayment"


def test_bad_family_split_is_refused_at_purchase(chain: MarketChain) -> None:
    good = chain.offer(payees=chain.family[:2], shares_bps=(5000, 5000))
    raw = list(good.as_abi())
    raw[8] = [5000, 4999]  # shares that do not add up (Offer itself refuses to build this)
    call = chain.market.functions.purchase(tuple(raw), chain.sign(good), AGE_RECIPIENT, PRICE, [])
    assert chain.revert_of(call, chain.buyer, PRICE) == "BadSplit"


# ---- replay ----------------------------------------------------------------------------


def test_offer_signed_for_another_market_is_refused(chain: MarketChain) -> None:
    offer = chain.offer()
    signature = chain.sign(offer, market=chain.other_market)
    call, buyer, value = chain.purchase(offer, signature=signature)
    assert chain.revert_of(call, buyer, value) == "BadSignature"
    # ... while the market it was signed for accepts it.
    chain.buy(offer, signature=signature, market=chain.other_market)


def test_offer_signed_for_another_chain_is_refused(chain: MarketChain) -> None:
    offer = chain.offer()
    signature = chain.sign(offer, chain_id=chain.w3.eth.chain_id + 1)
    call, buyer, value = chain.purchase(offer, signature=signature)
    assert chain.revert_of(call, buyer, value) == "BadSignature"


# ---- delivery and refunds --------------------------------------------------------------


def test_only_the_seller_delivers(chain: MarketChain) -> None:
    _, _, licence = chain.buy(chain.offer())
    call = chain.market.functions.deliver(1, licence.as_abi(), CIPHERTEXT_HASH, URI)
    assert chain.revert_of(call, chain.buyer) == "NotSeller"
    assert chain.owed(chain.buyer) == 0


@pytest.mark.parametrize(
    "change",
    [
        {"amount": PRICE * 2},
        {"payees": (ZERO_ADDRESS,), "shares_bps": (10_000,)},
        {"deadline": 2**40},
    ],
    ids=["amount", "split", "deadline"],
)
def test_delivery_with_an_altered_licence_is_refused(
    chain: MarketChain, change: dict[str, Any]
) -> None:
    _, _, licence = chain.buy(chain.offer())
    if "payees" in change:
        change = {**change, "payees": (chain.other_buyer,)}
    altered = Licence(**{**licence.__dict__, **change})
    call = chain.market.functions.deliver(1, altered.as_abi(), CIPHERTEXT_HASH, URI)
    assert chain.revert_of(call, chain.seller.address) == "NoOpenPurchase"
    assert chain.owed(chain.other_buyer) == 0


def test_delivering_twice_pays_once(chain: MarketChain) -> None:
    _, _, licence = chain.buy(chain.offer())
    chain.deliver(1, licence)
    call = chain.market.functions.deliver(1, licence.as_abi(), CIPHERTEXT_HASH, URI)
    assert chain.revert_of(call, chain.seller.address) == "NoOpenPurchase"
    assert chain.owed(chain.seller.address) == PRICE - fee_of(PRICE)


def test_refund_waits_for_the_delivery_deadline(chain: MarketChain) -> None:
    _, _, licence = chain.buy(chain.offer())
    early = chain.market.functions.refund(1, licence.as_abi())
    assert chain.revert_of(early, chain.buyer) == "DeliveryStillDue"

    chain.travel(DELIVERY_WINDOW + 1)
    late = chain.market.functions.deliver(1, licence.as_abi(), CIPHERTEXT_HASH, URI)
    assert chain.revert_of(late, chain.seller.address) == "DeliveryTooLate"
    assert chain.revert_of(early, chain.other_buyer) == "NotBuyer"

    before = chain.coin(chain.buyer)
    receipt = chain.send(chain.market.functions.refund(1, licence.as_abi()), chain.buyer)
    (event,) = chain.events(chain.market, "Refunded", receipt)
    assert event == {
        "purchaseId": 1,
        "buyer": chain.buyer,
        "amount": PRICE,
        "token": ZERO_ADDRESS,
    }
    assert chain.coin(chain.buyer) == before + PRICE - chain.fee_paid(receipt)
    assert chain.coin(chain.market.address) == 0
    assert chain.revert_of(early, chain.buyer) == "NoOpenPurchase"  # refunded once


def test_token_refund_returns_the_tokens(chain: MarketChain) -> None:
    chain.send(chain.token.functions.mint(chain.buyer, PRICE), chain.deployer)
    chain.send(chain.token.functions.approve(chain.market.address, PRICE), chain.buyer)
    _, _, licence = chain.buy(chain.offer(payment_token=chain.token.address))
    chain.travel(DELIVERY_WINDOW + 1)
    chain.send(chain.market.functions.refund(1, licence.as_abi()), chain.buyer)
    assert chain.token.functions.balanceOf(chain.buyer).call() == PRICE
    assert chain.token.functions.balanceOf(chain.market.address).call() == 0


def test_delivered_purchase_cannot_be_refunded(chain: MarketChain) -> None:
    _, _, licence = chain.buy(chain.offer())
    chain.deliver(1, licence)
    chain.travel(DELIVERY_WINDOW + 1)
    call = chain.market.functions.refund(1, licence.as_abi())
    assert chain.revert_of(call, chain.buyer) == "NoOpenPurchase"
    assert chain.coin(chain.market.address) == PRICE


def test_withdrawing_twice_pays_once(chain: MarketChain) -> None:
    _, _, licence = chain.buy(chain.offer())
    chain.deliver(1, licence)
    chain.send(chain.market.functions.withdraw(ZERO_ADDRESS), chain.seller.address)
    again = chain.market.functions.withdraw(ZERO_ADDRESS)
    assert chain.revert_of(again, chain.seller.address) == "NothingToWithdraw"
    assert chain.coin(chain.market.address) == fee_of(PRICE)


def test_seller_cannot_withdraw_escrow_before_delivery(chain: MarketChain) -> None:
    chain.buy(chain.offer())
    call = chain.market.functions.withdraw(ZERO_ADDRESS)
    assert chain.revert_of(call, chain.seller.address) == "NothingToWithdraw"
    assert chain.coin(chain.market.address) == PRICE


# ---- family split and the protocol fee -------------------------------------------------


def test_family_split_pays_payees_by_shares(chain: MarketChain) -> None:
    price = 10**16 + 7  # odd, so the shares do not divide evenly
    offer = chain.offer(price=price, payees=chain.family, shares_bps=(5000, 3333, 1667))
    _, _, licence = chain.buy(offer)
    chain.deliver(1, licence)
    income = price - fee_of(price)
    first, second = income * 5000 // 10_000, income * 3333 // 10_000
    assert [chain.owed(p) for p in chain.family] == [first, second, income - first - second]
    assert chain.owed(chain.seller.address) == 0
    assert chain.owed(chain.treasury) == fee_of(price)
    assert sum(chain.owed(p) for p in (*chain.family, chain.treasury)) == price


def test_protocol_fee_is_capped_at_five_percent(chain: MarketChain) -> None:
    assert chain.market.functions.MAX_FEE_BPS().call() == 500
    capped = deploy(chain.w3, chain.deployer, "DataMarket", chain.treasury, 500, DELIVERY_WINDOW)
    assert capped.functions.feeBps().call() == 500
    factory = chain.w3.eth.contract(abi=capped.abi, bytecode=_bytecode())
    too_high = factory.constructor(chain.treasury, 501, DELIVERY_WINDOW)
    assert _deploy_error(chain, too_high) == "FeeTooHigh"
    nowhere = factory.constructor(ZERO_ADDRESS, 100, DELIVERY_WINDOW)
    assert _deploy_error(chain, nowhere) == "NoTreasury"


def _bytecode() -> str:
    return str(load_artifact()["bytecode"])


def _deploy_error(chain: MarketChain, constructor: Any) -> str:
    tx = constructor.build_transaction({"from": chain.deployer, "gas": 5_000_000})
    with pytest.raises(TransactionFailed) as failed:
        chain.tester.call({"from": chain.deployer, "data": tx["data"], "value": 0})
    return str(error_name(revert_data(failed.value)))


# ---- re-entrancy -----------------------------------------------------------------------


@pytest.fixture
def hostile(chain: MarketChain) -> Any:
    return deploy(chain.w3, chain.deployer, "ReentrantReceiver", folder=BUILD)


def _hostile_payee_paid(chain: MarketChain, hostile: Any) -> int:
    offer = chain.offer(payees=(hostile.address, chain.family[0]), shares_bps=(5000, 5000))
    _, _, licence = chain.buy(offer)
    chain.deliver(1, licence)
    return chain.owed(hostile.address)


def test_reentering_withdraw_from_a_payee_gets_nothing_more(
    chain: MarketChain, hostile: Any
) -> None:
    owed = _hostile_payee_paid(chain, hostile)
    withdraw = chain.market.functions.withdraw(ZERO_ADDRESS)
    reentry = withdraw.build_transaction({"from": chain.deployer, "gas": 1})["data"]
    chain.send(hostile.functions.arm(chain.market.address, reentry, False), chain.deployer)
    market_before = chain.coin(chain.market.address)

    call_data = withdraw.build_transaction({"from": hostile.address, "gas": 1})["data"]
    chain.send(hostile.functions.execute(chain.market.address, call_data), chain.deployer)

    assert hostile.functions.tried().call()
    assert not hostile.functions.reentrySucceeded().call()
    error = hostile.functions.reentryError().call()
    assert error == keccak(text="ReentrancyGuardReentrantCall()")[:4]
    assert hostile.functions.received().call() == owed
    assert chain.coin(hostile.address) == owed
    assert chain.coin(chain.market.address) == market_before - owed
    assert chain.owed(hostile.address) == 0


def test_payee_that_reverts_on_reentry_keeps_its_balance_to_withdraw(
    chain: MarketChain, hostile: Any
) -> None:
    owed = _hostile_payee_paid(chain, hostile)
    withdraw = chain.market.functions.withdraw(ZERO_ADDRESS)
    reentry = withdraw.build_transaction({"from": chain.deployer, "gas": 1})["data"]
    chain.send(hostile.functions.arm(chain.market.address, reentry, True), chain.deployer)
    call_data = withdraw.build_transaction({"from": hostile.address, "gas": 1})["data"]
    call = hostile.functions.execute(chain.market.address, call_data)
    assert chain.revert_of(call, chain.deployer) == "PaymentFailed"
    assert chain.owed(hostile.address) == owed
    assert chain.coin(hostile.address) == 0


def test_reentering_refund_from_a_buyer_contract_refunds_once(
    chain: MarketChain, hostile: Any
) -> None:
    offer = chain.offer()
    purchase, _, _ = chain.purchase(offer)
    purchase_data = purchase.build_transaction({"from": hostile.address, "gas": 1})["data"]
    receipt = chain.send(
        hostile.functions.execute(chain.market.address, purchase_data), chain.deployer, PRICE
    )
    (event,) = chain.events(chain.market, "Purchased", receipt)
    licence = Licence.of_purchase(offer, hostile.address, event["deadline"])
    refund = chain.market.functions.refund(1, licence.as_abi())
    refund_data = refund.build_transaction({"from": hostile.address, "gas": 1})["data"]
    chain.send(hostile.functions.arm(chain.market.address, refund_data, False), chain.deployer)
    chain.travel(DELIVERY_WINDOW + 1)

    chain.send(hostile.functions.execute(chain.market.address, refund_data), chain.deployer)

    assert not hostile.functions.reentrySucceeded().call()
    assert chain.coin(hostile.address) == PRICE
    assert chain.coin(chain.market.address) == 0


# ---- refusals in words -----------------------------------------------------------------


def test_every_refusal_of_the_market_has_a_sentence() -> None:
    errors = {item["name"] for item in load_artifact()["abi"] if item["type"] == "error"}
    assert errors <= REFUSALS.keys()
    assert all(text.endswith(".") and "\n" not in text for text in REFUSALS.values())


def test_a_revert_reads_as_its_sentence(chain: MarketChain) -> None:
    offer = chain.offer(expiry=chain.now() + 100)
    chain.travel(101)
    call, buyer, value = chain.purchase(offer)
    tx = call.build_transaction({"from": buyer, "value": value, "gas": 3_000_000})
    with pytest.raises(TransactionFailed) as failed:
        chain.tester.call({"from": buyer, "to": tx["to"], "data": tx["data"], "value": value})
    assert (
        refusal(revert_data(failed.value))
        == "This offer has expired; ask the seller for a new one."
    )
    assert refusal(b"\x00\x00\x00\x00") == "The market contract refused the transaction."
