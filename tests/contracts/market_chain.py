"""An in-process chain (eth-tester on py-evm) with the marketplace deployed, for the contract
tests and bench/gas.py: real EVM execution, real signatures, real receipts, no node."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_tester import EthereumTester, PyEVMBackend
from eth_tester.exceptions import TransactionFailed
from eth_utils.crypto import keccak
from web3 import EthereumTesterProvider, Web3
from web3.contract import Contract
from web3.contract.contract import ContractFunction
from web3.logs import DISCARD

from hearth.market.contracts import ZERO_ADDRESS, Licence, Offer, deploy, error_name

BUILD = Path(__file__).resolve().parents[2] / "contracts" / "build"
DAY = 86_400
DELIVERY_WINDOW = 3 * DAY
FEE_BPS = 250
AGE_RECIPIENT = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"
CIPHERTEXT_HASH = keccak(b"the age-encrypted package")
PRICE = 10**16  # 0.01 of the coin


@dataclass
class MarketChain:
    """One chain with a market (2.5 % fee), a second market, a permit token and named people."""

    tester: EthereumTester
    w3: Web3
    market: Contract
    other_market: Contract
    token: Contract
    seller: LocalAccount
    buyer: str
    other_buyer: str
    treasury: str
    family: tuple[str, str, str]
    deployer: str

    @classmethod
    def start(cls) -> MarketChain:
        tester = EthereumTester(PyEVMBackend())
        w3 = Web3(EthereumTesterProvider(tester))
        accounts = w3.eth.accounts
        deployer, treasury = accounts[0], accounts[9]
        market = deploy(w3, deployer, "DataMarket", treasury, FEE_BPS, DELIVERY_WINDOW)
        other = deploy(w3, deployer, "DataMarket", treasury, FEE_BPS, DELIVERY_WINDOW)
        token = deploy(w3, deployer, "TestToken", folder=BUILD)
        seller = Account.from_key(tester.backend.account_keys[1].to_bytes())
        return cls(
            tester=tester,
            w3=w3,
            market=market,
            other_market=other,
            token=token,
            seller=seller,
            buyer=accounts[2],
            other_buyer=accounts[3],
            treasury=treasury,
            family=(accounts[4], accounts[5], accounts[6]),
            deployer=deployer,
        )

    # ---- time -----------------------------------------------------------------------------

    def now(self) -> int:
        return int(self.w3.eth.get_block("latest")["timestamp"])

    def travel(self, seconds: int) -> None:
        """Move the chain's clock forward (a block is mined at the new time)."""
        self.tester.time_travel(self.now() + seconds)
        self.tester.mine_blocks(1)

    # ---- offers ---------------------------------------------------------------------------

    def offer(self, **changes: Any) -> Offer:
        fields: dict[str, Any] = {
            "seller": self.seller.address,
            "dataset_commitment": keccak(b"package merkle root"),
            "terms_hash": keccak(b"terms"),
            "price": PRICE,
            "expiry": self.now() + DAY,
            "max_sales": 10,
            "nonce": 1,
        }
        fields.update(changes)
        return Offer(**fields)

    def sign(
        self,
        offer: Offer,
        *,
        key: LocalAccount | None = None,
        chain_id: int | None = None,
        market: Contract | None = None,
    ) -> bytes:
        typed = offer.typed_data(
            self.w3.eth.chain_id if chain_id is None else chain_id,
            (market or self.market).address,
        )
        signed = Account.sign_typed_data((key or self.seller).key, full_message=typed)
        return bytes(signed.signature)

    # ---- transactions ---------------------------------------------------------------------

    def send(self, call: ContractFunction, sender: str, value: int = 0) -> Any:
        """Mine ``call`` from ``sender`` and return its receipt; it must succeed."""
        tx_hash = call.transact({"from": sender, "value": value})
        receipt = self.w3.eth.wait_for_transaction_receipt(tx_hash)
        assert receipt["status"] == 1
        return receipt

    def revert_of(self, call: ContractFunction, sender: str, value: int = 0) -> str:
        """The custom error ``call`` reverts with, after checking that a mined transaction
        making it also fails; '' if it does not revert."""
        tx = call.build_transaction({"from": sender, "value": value, "gas": 3_000_000})
        try:
            self.tester.call({"from": sender, "to": tx["to"], "data": tx["data"], "value": value})
        except TransactionFailed as exc:
            data = revert_data(exc)
        else:
            return ""
        tx_hash = call.transact({"from": sender, "value": value, "gas": 3_000_000})
        assert self.w3.eth.wait_for_transaction_receipt(tx_hash)["status"] == 0
        # Errors bubble up from the market through a hostile contract: know both ABIs.
        return error_name(data, [*call.contract_abi, *self.market.abi]) or "0x" + data[:4].hex()

    def purchase(
        self,
        offer: Offer,
        *,
        buyer: str | None = None,
        signature: bytes | None = None,
        max_price: int | None = None,
        proof: Sequence[bytes] = (),
        value: int | None = None,
        market: Contract | None = None,
    ) -> tuple[ContractFunction, str, int]:
        """The purchase call for ``offer`` (not sent), its sender and the coin it sends."""
        call = (market or self.market).functions.purchase(
            offer.as_abi(),
            self.sign(offer) if signature is None else signature,
            AGE_RECIPIENT,
            offer.price if max_price is None else max_price,
            list(proof),
        )
        coin = offer.price if offer.payment_token == ZERO_ADDRESS else 0
        return call, buyer or self.buyer, coin if value is None else value

    def buy(self, offer: Offer, **kwargs: Any) -> tuple[Any, dict[str, Any], Licence]:
        """Buy ``offer``: the receipt, the Purchased event's arguments and the licence."""
        call, sender, value = self.purchase(offer, **kwargs)
        receipt = self.send(call, sender, value)
        (args,) = self.events(kwargs.get("market") or self.market, "Purchased", receipt)
        return receipt, args, Licence.of_purchase(offer, args["buyer"], args["deadline"])

    def events(self, contract: Contract, name: str, receipt: Any) -> list[dict[str, Any]]:
        """The arguments of each ``name`` event ``contract`` emitted in ``receipt``."""
        logs = contract.events[name]().process_receipt(receipt, errors=DISCARD)
        return [dict(log["args"]) for log in logs]

    def deliver(self, purchase_id: int, licence: Licence, sender: str | None = None) -> Any:
        call = self.market.functions.deliver(purchase_id, licence.as_abi(), CIPHERTEXT_HASH, URI)
        return self.send(call, sender or self.seller.address)

    def coin(self, address: str) -> int:
        return int(self.w3.eth.get_balance(self.w3.to_checksum_address(address)))

    def owed(self, account: str, token: str = ZERO_ADDRESS) -> int:
        return int(self.market.functions.balanceOf(token, account).call())

    def fee_paid(self, receipt: Any) -> int:
        return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])


def revert_data(exc: TransactionFailed) -> bytes:
    # eth-tester keeps py-evm's Revert (raw bytes) as the cause; its own message is a repr.
    cause = exc.__cause__
    if cause is not None and cause.args and isinstance(cause.args[0], bytes):
        return cause.args[0]
    value = ast.literal_eval(str(exc.args[0]))
    assert isinstance(value, bytes)
    return value
