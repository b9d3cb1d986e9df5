"""A real JSON-RPC node for the chain tests: Hardhat Network from contracts/node_modules.

Import the fixtures into a test module (``from tests.chain import hardhat, hardhat_node``).
`hardhat_node` starts ``hardhat node --hostname 127.0.0.1 --port <free port>`` once per test
session (once per xdist worker) and stops its whole process group at the end; `hardhat` gives
each test the same node rolled back to a snapshot afterwards, so tests do not see each other's
blocks, balances or mining mode. Without contracts/node_modules the tests are skipped with the
reason (``make test`` runs ``npm ci`` there first).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount
from web3 import Web3

CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"
HARDHAT_BIN = CONTRACTS / "node_modules" / ".bin" / "hardhat"
CHAIN_ID = 31337
START_TIMEOUT_S = 60.0

# Hardhat's default accounts come from the public mnemonic "test test test test test test test
# test test test test junk" and are funded with 10,000 ETH each: known to everyone, test only.
FIRST_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
FIRST_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"
SECOND_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
SECOND_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"


@dataclass
class HardhatNode:
    url: str
    web3: Web3
    log: Path

    def rpc(self, method: str, *params: Any) -> Any:
        """A raw JSON-RPC call (Hardhat's own methods: evm_mine, evm_setAutomine, ...)."""
        response = self.web3.provider.make_request(method, list(params))  # type: ignore[arg-type]
        if "error" in response:
            raise RuntimeError(f"{method} failed: {response['error']}")
        return response.get("result")

    def account(self, key: str = FIRST_KEY) -> LocalAccount:
        account: LocalAccount = Account.from_key(key)
        return account

    @contextlib.contextmanager
    def mining_paused(self) -> Iterator[None]:
        """Keep sent transactions pending until `mine` (for stuck-transaction tests)."""
        self.rpc("evm_setAutomine", False)
        try:
            yield
        finally:
            self.rpc("evm_setAutomine", True)

    def mine(self) -> None:
        self.rpc("evm_mine")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(web3: Web3) -> bool:
    try:
        return int(web3.eth.chain_id) == CHAIN_ID
    except Exception:  # not up yet: connection refused, half-started server, ...
        return False


@pytest.fixture(scope="session")
def hardhat_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HardhatNode]:
    """One Hardhat node for the session, stopped (its whole process group) at the end."""
    if not HARDHAT_BIN.exists():
        pytest.skip(
            "contracts/node_modules is missing: run 'npm ci' in contracts/ (make test does) "
            "to get the Hardhat node the chain tests use"
        )
    port = _free_port()
    log = tmp_path_factory.mktemp("hardhat") / "node.log"
    env = os.environ | {"HARDHAT_DISABLE_TELEMETRY_PROMPT": "true", "CI": "true"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(HARDHAT_BIN), "node", "--hostname", "127.0.0.1", "--port", str(port)],
            cwd=CONTRACTS,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # its own process group, so nothing outlives the tests
        )
    url = f"http://127.0.0.1:{port}"
    web3 = Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": 10}))
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(web3):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-2000:]
                pytest.fail(f"the Hardhat node did not start on {url}:\n{tail}")
            time.sleep(0.1)
        yield HardhatNode(url, web3, log)
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture
def hardhat(hardhat_node: HardhatNode) -> Iterator[HardhatNode]:
    """The session's node, rolled back after the test to where it was before."""
    snapshot = hardhat_node.rpc("evm_snapshot")
    try:
        yield hardhat_node
    finally:
        hardhat_node.rpc("evm_setAutomine", True)
        hardhat_node.rpc("evm_revert", snapshot)
