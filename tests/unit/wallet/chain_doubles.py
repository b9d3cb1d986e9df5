"""Test doubles for the Signer's unit tests: an in-process chain (eth-tester on py-evm), tiny
hand-assembled contracts, and a fake JSON-RPC node that answers only `eth_chainId`."""

from __future__ import annotations

import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount
from web3 import EthereumTesterProvider, Web3

from hearth.wallet.networks import Currency, Network
from hearth.wallet.signing import ContractKind, SigningRequest

ETHER = 10**18


# Creation code that deploys RUNTIME: PUSH1 len, DUP1, PUSH1 11 (where RUNTIME starts),
# PUSH1 0, CODECOPY, PUSH1 0, RETURN.
def creation_code(runtime: bytes) -> bytes:
    return (
        bytes([0x60, len(runtime), 0x80, 0x60, 0x0B, 0x60, 0x00, 0x39, 0x60, 0x00, 0xF3]) + runtime
    )


# A contract that accepts every call (STOP) and one that rejects every call (REVERT 0 0).
ACCEPTS_ALL = creation_code(bytes([0x00]))
REVERTS_ALL = creation_code(bytes([0x60, 0x00, 0x60, 0x00, 0xFD]))
# One that accepts the first call and rejects every later one: SLOAD slot 0, jump to REVERT
# when it is set, else set it and STOP.
ONCE_ONLY = creation_code(bytes.fromhex("600054600c576001600055005b60006000fd"))

MARKET_ABI: list[dict[str, Any]] = [
    {
        "type": "function",
        "name": "setPrice",
        "stateMutability": "payable",
        "inputs": [
            {"name": "offerId", "type": "uint256"},
            {
                "name": "terms",
                "type": "tuple",
                "components": [
                    {"name": "seller", "type": "address"},
                    {"name": "payees", "type": "address[]"},
                    {"name": "root", "type": "bytes32"},
                ],
            },
            {"name": "note", "type": "string"},
        ],
        "outputs": [],
    },
    {
        "type": "constructor",
        "inputs": [{"name": "feeBps", "type": "uint16"}],
        "stateMutability": "nonpayable",
    },
]
MARKET = ContractKind("DataMarket", MARKET_ABI, ACCEPTS_ALL)


class NodeLikeTesterProvider(EthereumTesterProvider):
    """eth-tester answering failures the way a real node does (a JSON-RPC error with geth's
    words) instead of raising its own Python exceptions."""

    def make_request(self, method: Any, params: Any) -> Any:
        from eth_tester.exceptions import TransactionFailed
        from eth_utils.exceptions import ValidationError

        try:
            return super().make_request(method, params)
        except TransactionFailed as exc:
            # A revert without a reason: geth says just "execution reverted".
            message = str(exc).removesuffix(": b''")
            return {"jsonrpc": "2.0", "id": 0, "error": {"code": 3, "message": message}}
        except ValidationError as exc:
            message = str(exc)
            if "enough balance" in message:
                message = f"insufficient funds for gas * price + value: {message}"
            return {"jsonrpc": "2.0", "id": 0, "error": {"code": -32000, "message": message}}


def in_process_web3() -> Web3:
    return Web3(NodeLikeTesterProvider())


def network_for(web3: Web3, *, max_fee: str = "1") -> Network:
    return Network(
        name="tester",
        title="Test chain",
        chain_id=int(web3.eth.chain_id),
        rpc_url="builtin:tester",
        currency=Currency("ETH", "Test ether"),
        real_money=False,
        max_fee=Decimal(max_fee),
        preset=False,
    )


def funded_account(web3: Web3, ether: int = 10) -> LocalAccount:
    account: LocalAccount = Account.create()
    fund(web3, account.address, ether * ETHER)
    return account


def fund(web3: Web3, address: str, wei: int) -> None:
    tx = web3.eth.send_transaction(
        {"from": web3.eth.accounts[0], "to": address, "value": wei}  # type: ignore[typeddict-item]
    )
    web3.eth.wait_for_transaction_receipt(tx)


def deploy_raw(web3: Web3, creation: bytes) -> str:
    """Deploy from the tester's own funded account (outside the Signer)."""
    tx = web3.eth.send_transaction({"from": web3.eth.accounts[0], "data": creation})  # type: ignore[typeddict-item]
    address = web3.eth.wait_for_transaction_receipt(tx)["contractAddress"]
    assert address is not None
    return str(address)


class Approvals:
    """An approve callback that records every request and answers as told."""

    def __init__(self, answer: bool = True) -> None:
        self.answer = answer
        self.requests: list[SigningRequest] = []

    def __call__(self, request: SigningRequest) -> bool:
        self.requests.append(request)
        return self.answer


class FakeNode:
    """A JSON-RPC endpoint on 127.0.0.1 that answers `eth_chainId` with ``chain_id``."""

    def __init__(self, chain_id: int) -> None:
        self.chain_id = chain_id
        node = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                request = json.loads(self.rfile.read(length))
                if request.get("method") == "eth_chainId":
                    body: dict[str, Any] = {"result": hex(node.chain_id)}
                else:
                    body = {"error": {"code": -32601, "message": "method not found"}}
                payload = json.dumps({"jsonrpc": "2.0", "id": request.get("id"), **body})
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(payload.encode())

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        # A short poll so that shutting the node down at the end of a test is quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> FakeNode:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
