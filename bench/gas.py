"""Gas of every DataMarket step, from real transaction receipts, next to Ocean Protocol's.

Gas is deterministic, so each figure is exact (one run is enough). Every step is measured in
the storage state that makes it cost what it does: a first sale of an offer (its sales counter
goes from zero) and a later one; a delivery into a zero balance (the seller's first sale, or
the first after a withdrawal) and into a non-zero one; the first delivery on a new market,
when the treasury's fee balance is still zero too. Every transaction is signed locally and
sent raw, as the app does, on eth-tester (py-evm, in process) and, when contracts/node_modules
is installed, on a Hardhat node started for the run; the two EVMs must agree.

    .venv/bin/python bench/gas.py [--no-hardhat]

Prints one JSON document; asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_tester import EthereumTester, PyEVMBackend
from eth_utils.crypto import keccak
from web3 import EthereumTesterProvider, Web3
from web3.contract.contract import ContractFunction

from hearth.market.contracts import ZERO_ADDRESS, Licence, Offer, deploy, load_artifact

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"
HARDHAT_BIN = CONTRACTS / "node_modules" / ".bin" / "hardhat"
DAY = 86_400
FEE_BPS = 250
PRICE = 10**16
# A real age X25519 recipient and a CIDv1, so calldata has realistic sizes.
AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"

GOALS = {"offer": 0, "purchase_coin": 120_000, "deliver": 60_000, "withdraw_coin": 40_000}
# PERFORMANCE.md: Ocean's contracts at HEAD on Hardhat 2.26.
OCEAN = {
    "publish_short_token_uri": 1_650_000,
    "publish_ocean_py_default": 2_210_000,
    "buy_one_access_first": 349_000,  # approve + buyDT + startOrder
    "buy_one_access_later": 264_000,
    "buy_enterprise_first": 345_000,  # one transaction, approve included
    "buy_enterprise_later": 318_000,
}


# Block times are set, not read off the clock: a timestamp with a zero byte makes the calldata
# that carries it (the licence's deadline) 12 gas cheaper. Times and deadlines without zero bytes.
START_TIME = 0x81818181
EXPIRY = 0x91919191
DELIVERY_WINDOW = 3 * DAY


def _no_zero_byte(value: int) -> bool:
    return all(value.to_bytes(8, "big").lstrip(b"\0"))


class Chain:
    """One EVM: a funder account the node holds unlocked, and the time of its next block."""

    def __init__(self, web3: Web3, set_next_time: Callable[[int], None]) -> None:
        self.web3 = web3
        self.set_next_time = set_next_time
        self.funder = web3.eth.accounts[0]
        self.people = 0
        self.clock = START_TIME

    def tick(self, seconds: int = 1) -> None:
        """The next block comes ``seconds`` (or a little more) after the last one."""
        self.clock += seconds
        while not (_no_zero_byte(self.clock) and _no_zero_byte(self.clock + DELIVERY_WINDOW)):
            self.clock += 1
        self.set_next_time(self.clock)

    def person(self) -> LocalAccount:
        """A new funded account. Keys are fixed so that signatures, addresses and so calldata
        (whose gas depends on its zero bytes) are the same on every run and every EVM."""
        self.people += 1
        account: LocalAccount = Account.from_key(keccak(b"hearth gas bench %d" % self.people))
        tx = {"from": self.funder, "to": account.address, "value": 10**20}
        self.tick()
        self.web3.eth.wait_for_transaction_receipt(self.web3.eth.send_transaction(tx))
        return account

    def gas(self, account: LocalAccount, call: ContractFunction, value: int = 0) -> int:
        """Send ``call`` signed by ``account``; the gas its receipt says it used."""
        self.tick()
        tx = call.build_transaction(
            {
                "from": account.address,
                "value": value,
                # A set limit, not an estimate: nodes estimate on the last block's time.
                "gas": 2_000_000,
                "nonce": self.web3.eth.get_transaction_count(account.address),
            }
        )
        raw = account.sign_transaction(tx).raw_transaction
        receipt = self.web3.eth.wait_for_transaction_receipt(
            self.web3.eth.send_raw_transaction(raw)
        )
        if receipt["status"] != 1:
            raise RuntimeError(f"{call.fn_name} reverted")
        return int(receipt["gasUsed"])


def eth_tester_chain() -> Chain:
    tester = EthereumTester(PyEVMBackend())
    web3 = Web3(EthereumTesterProvider(tester))

    return Chain(web3, tester.time_travel)


@contextlib.contextmanager
def hardhat_chain() -> Iterator[Chain]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    process = subprocess.Popen(
        [str(HARDHAT_BIN), "node", "--hostname", "127.0.0.1", "--port", str(port)],
        cwd=CONTRACTS,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=os.environ | {"HARDHAT_DISABLE_TELEMETRY_PROMPT": "true", "CI": "true"},
        start_new_session=True,
    )
    try:
        web3 = Web3(Web3.HTTPProvider(f"http://127.0.0.1:{port}", request_kwargs={"timeout": 10}))
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(Exception):
                if web3.eth.chain_id:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Hardhat node did not start")
            time.sleep(0.1)

        def set_next_time(timestamp: int) -> None:
            web3.provider.make_request("evm_setNextBlockTimestamp", [timestamp])  # type: ignore[arg-type]

        yield Chain(web3, set_next_time)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def measure(chain: Chain) -> dict[str, int]:
    """Every step once, in the order a market lives through them."""
    web3 = chain.web3
    deployer, seller, buyer, buyer2 = (chain.person() for _ in range(4))
    family = [chain.person().address for _ in range(3)]
    treasury = chain.person().address
    chain.tick()
    market = deploy(web3, deployer, "DataMarket", treasury, FEE_BPS, DELIVERY_WINDOW)
    chain.tick()
    token = deploy(web3, deployer, "TestToken", folder=CONTRACTS / "build")
    nonce = iter(range(1, 1000))

    def sign(o: Offer) -> bytes:
        typed = o.typed_data(web3.eth.chain_id, market.address)
        return bytes(Account.sign_typed_data(seller.key, full_message=typed).signature)

    def offer(**changes: Any) -> Offer:
        """A new offer whose signature has no zero byte: the chain id is in what is signed,
        so without this the EVMs' purchase calldata (and gas) would differ by a few bytes."""
        while True:
            fields: dict[str, Any] = {
                "seller": seller.address,
                "dataset_commitment": keccak(b"package merkle root"),
                "terms_hash": keccak(b"terms"),
                "price": PRICE,
                "expiry": EXPIRY,
                "max_sales": 1000,
                "nonce": next(nonce),
            }
            made = Offer(**(fields | changes))
            if all(sign(made)):
                return made

    def buy(who: LocalAccount, o: Offer) -> tuple[int, Licence, int]:
        signature = sign(o)
        call = market.functions.purchase(o.as_abi(), signature, AGE_RECIPIENT, o.price, [])
        gas = chain.gas(who, call, o.price if o.payment_token == ZERO_ADDRESS else 0)
        purchase_id = int(market.functions.nextPurchaseId().call()) - 1
        logs = market.events.Purchased().get_logs(
            from_block=web3.eth.block_number, argument_filters={"buyer": who.address}
        )
        deadline = int(logs[-1]["args"]["deadline"])
        return purchase_id, Licence.of_purchase(o, who.address, deadline), gas

    def deliver(purchase_id: int, licence: Licence) -> int:
        call = market.functions.deliver(purchase_id, licence.as_abi(), keccak(b"ciphertext"), URI)
        return chain.gas(seller, call)

    gas: dict[str, int] = {"offer": 0}
    coin = offer()
    first, licence1, gas["purchase_coin_first_sale"] = buy(buyer, coin)
    second, licence2, gas["purchase_coin_later_sale"] = buy(buyer2, coin)
    gas["deliver_first_on_market"] = deliver(first, licence1)  # seller and treasury balances 0
    gas["deliver_into_nonzero_balance"] = deliver(second, licence2)
    gas["withdraw_coin"] = chain.gas(seller, market.functions.withdraw(ZERO_ADDRESS))
    third, licence3, _ = buy(buyer, coin)
    gas["deliver_into_zero_balance"] = deliver(third, licence3)  # seller's first after withdraw

    split = offer(payees=tuple(family), shares_bps=(5000, 3000, 2000))
    split_id, split_licence, gas["purchase_coin_first_sale_family_split_3"] = buy(buyer, split)
    gas["deliver_family_split_3_zero_balances"] = deliver(split_id, split_licence)

    erc20 = offer(payment_token=token.address)
    chain.gas(deployer, token.functions.mint(buyer.address, 10 * PRICE))
    gas["token_approve"] = chain.gas(buyer, token.functions.approve(market.address, 10 * PRICE))
    token_first, token_licence, gas["purchase_token_first_sale"] = buy(buyer, erc20)
    _, _, gas["purchase_token_later_sale"] = buy(buyer, erc20)
    deliver(token_first, token_licence)
    gas["withdraw_token"] = chain.gas(seller, market.functions.withdraw(token.address))

    late, late_licence, _ = buy(buyer2, coin)
    chain.tick(DELIVERY_WINDOW + 1)
    refund = market.functions.refund(late, late_licence.as_abi())
    gas["refund_coin"] = chain.gas(buyer2, refund)
    gas["cancel_offer"] = chain.gas(seller, market.functions.cancelOffer(offer().as_abi()))
    gas["cancel_all_before"] = chain.gas(seller, market.functions.cancelAllBefore(10_000))
    return gas


def deployment_size() -> int:
    return (len(load_artifact()["deployedBytecode"]) - 2) // 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-hardhat", action="store_true", help="eth-tester only")
    args = parser.parse_args()

    results: dict[str, dict[str, int]] = {"eth-tester": measure(eth_tester_chain())}
    if not args.no_hardhat and HARDHAT_BIN.exists():
        with hardhat_chain() as chain:
            results["hardhat"] = measure(chain)
    gas = results["eth-tester"]
    worst = {
        "offer": gas["offer"],
        "purchase_coin": gas["purchase_coin_first_sale"],
        "deliver": max(gas["deliver_into_zero_balance"], gas["deliver_into_nonzero_balance"]),
        "withdraw_coin": gas["withdraw_coin"],
    }
    report = {
        "gas": results,
        "evms_agree": len({json.dumps(r, sort_keys=True) for r in results.values()}) == 1,
        "goals": {
            name: {"goal": goal, "measured": worst[name], "met": worst[name] <= goal}
            for name, goal in GOALS.items()
        },
        "goal_notes": (
            "deliver is the dearer of a delivery into a zero and a non-zero seller balance once "
            "the treasury has been paid a fee in that token; the market's very first fee-paying "
            "delivery in each token also creates the treasury's balance (deliver_first_on_market)"
        ),
        "buy_one_access": {
            "hearth_first": gas["purchase_coin_first_sale"],
            "hearth_later": gas["purchase_coin_later_sale"],
            "hearth_with_delivery_first": gas["purchase_coin_first_sale"]
            + gas["deliver_into_zero_balance"],
            "ocean_first": OCEAN["buy_one_access_first"],
            "ocean_later": OCEAN["buy_one_access_later"],
        },
        "ocean_peer": OCEAN,
        "market_runtime_bytes": deployment_size(),
    }
    json.dump(report, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
