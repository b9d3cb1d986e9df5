"""A whole sale on the built-in sandbox, two members of one household: offer, purchase,
delivery, verification and withdrawal, with the money exact to the wei; and the sandbox
surviving a restart as the same chain."""

from __future__ import annotations

import json
from pathlib import Path

from hearth.market import buyer, fulfil, offers, sandbox
from hearth.market.chain import session
from hearth.wallet.info import wallet_info
from tests.unit.market.conftest import as_ana, as_ben
from tests.unit.market.helpers import PRICE_WEI, Approvals


def test_a_sale_on_the_sandbox_from_offer_to_withdrawal(
    household: tuple[Path, int], tmp_path: Path
) -> None:
    path, dataset_id = household
    offer_file = tmp_path / "offer.json"
    with as_ana(path) as ana:
        approvals = Approvals()
        document = offers.make_offer(ana, dataset_id, approvals, out=offer_file)
        [request] = approvals.requests
        assert request.kind == "typed-data" and "0.01 ETH" in request.action
        seller = wallet_info(ana)
        assert seller is not None
    with as_ben(path) as ben:
        web3 = sandbox.open_sandbox(path).web3
        me = wallet_info(ben)
        assert me is not None
        bought = buyer.buy(ben, offers.load_offer(offer_file), Approvals())
        paid_gas = _gas_paid(web3, bought.tx_hash)
        assert web3.eth.get_balance(me.address) == sandbox.GIFT_WEI - PRICE_WEI - paid_gas
    with as_ana(path) as ana:
        report = fulfil.fulfil(ana, Approvals())
        [delivered] = report.delivered
        assert delivered["purchase_id"] == bought.purchase_id
        fee = PRICE_WEI * sandbox.FEE_BPS // 10_000
        assert buyer.earnings(ana) == PRICE_WEI - fee
        before = web3.eth.get_balance(seller.address)
        amount, tx = buyer.withdraw(ana, Approvals())
        assert amount == PRICE_WEI - fee
        assert web3.eth.get_balance(seller.address) == before + amount - _gas_paid(web3, tx)
        # A second pass finds nothing left to deliver.
        assert fulfil.fulfil(ana, Approvals()).delivered == []
        [sale] = fulfil.sales(ana)
        assert sale.state == "delivered"
        actions = [e.action for e in ana.audit_entries()]
    assert {"market.offer_made", "market.sale_seen", "market.delivered"} <= set(actions)
    with as_ben(path) as ben:
        received = buyer.receive(ben, Path(delivered["package"]), tmp_path / "bought")
        assert received.merkle_root == "0x" + document.offer.dataset_commitment.hex()
        assert (tmp_path / "bought" / "data" / "heart_rate.csv").is_file()
        [purchase] = buyer.purchases(ben)
        assert (purchase.state, purchase.merkle_root) == ("received", received.merkle_root)
        assert {"market.bought", "market.received"} <= {e.action for e in ben.audit_entries()}


def test_the_sandbox_is_the_same_chain_after_a_restart(
    household: tuple[Path, int], tmp_path: Path
) -> None:
    path, dataset_id = household
    with as_ana(path) as ana:
        offers.make_offer(ana, dataset_id, Approvals(), out=tmp_path / "offer.json")
    with as_ben(path) as ben:
        buyer.buy(ben, offers.load_offer(tmp_path / "offer.json"), Approvals())
    web3 = sandbox.open_sandbox(path).web3
    blocks = [bytes(web3.eth.get_block(n)["hash"]) for n in range(web3.eth.block_number + 1)]
    balances = {a: web3.eth.get_balance(a) for a in web3.eth.accounts[:3]}
    sandbox.forget()  # what a new process sees: the journal replayed
    again = sandbox.open_sandbox(path).web3
    assert again is not web3
    assert [bytes(again.eth.get_block(n)["hash"]) for n in range(len(blocks))] == blocks
    assert again.eth.block_number == len(blocks) - 1
    assert {a: again.eth.get_balance(a) for a in balances} == balances
    # The fulfilment of the restarted sandbox still finds and delivers the purchase.
    with as_ana(path) as ana:
        assert [d["purchase_id"] for d in fulfil.fulfil(ana, Approvals()).delivered] == [1]


def test_a_journal_cut_short_by_a_crash_loses_only_its_last_line(
    household: tuple[Path, int], tmp_path: Path
) -> None:
    path, _dataset_id = household
    with as_ben(path) as ben, session(ben) as market:  # funds Ben: one transaction
        address = market.me
    journal = path / sandbox.FOLDER / sandbox.JOURNAL
    lines = journal.read_text().splitlines()
    header = json.loads(lines[0])
    assert header["chain_id"] == sandbox.CHAIN_ID
    assert "0x" not in lines[0]  # the header holds no transaction
    with journal.open("a") as handle:
        handle.write('{"raw": "0x02f8')  # a write the crash cut off
    sandbox.forget()
    web3 = sandbox.open_sandbox(path).web3
    assert web3.eth.get_balance(address) == sandbox.GIFT_WEI
    assert journal.read_text().splitlines() == lines


def _gas_paid(web3: object, tx_hash: str) -> int:
    receipt = web3.eth.get_transaction_receipt(tx_hash)  # type: ignore[attr-defined]
    return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])
