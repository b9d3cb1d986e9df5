"""The built-in sandbox network: an in-process py-evm chain (eth-tester) kept in the vault folder.

A new user can try every step of a sale (offer, purchase, delivery, withdrawal) without money or
a connection. The chain is chain id 1337, runs inside Hearth, and is the household's own: every
member of the vault sees the same sandbox, another vault has another one.

How it survives restarts: every transaction it accepts is appended, signed and raw, with the
block time it was mined at, to ``<vault>/sandbox/chain.jsonl`` (fsync'd). Opening the sandbox
replays that journal from the same genesis (fixed accounts, the genesis time recorded in the
file's first line), with each block's recorded time and a mix hash derived from the block
number instead of a random one, so the replayed chain is the same chain: same blocks, same
block hashes, same receipts. The file is not encrypted: it holds only what a public chain
would (addresses, hashes, age public keys, signed transactions of play money), never a record
value, a secret or a name. It is play money: editing the file edits the sandbox, nothing else.

The DataMarket is deployed at first use and each member's wallet gets 100 sandbox ETH the first
time it is used here, both from the chain's well-known genesis accounts.
"""

from __future__ import annotations

import ast
import contextlib
import json
import logging
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_utils.address import to_checksum_address
from eth_utils.crypto import keccak
from web3 import Web3

from hearth.errors import ChainError, UsageError
from hearth.vault import Vault
from hearth.wallet.networks import BUILTIN_SCHEME, Network, register_builtin_chain

log = logging.getLogger(__name__)

RPC_URL = f"{BUILTIN_SCHEME}sandbox"
CHAIN_ID = 1337
FOLDER = "sandbox"
JOURNAL = "chain.jsonl"
FORMAT = "hearth-sandbox"
FORMAT_VERSION = 1
ETHER = 10**18
GIFT_WEI = 100 * ETHER  # what a member's wallet gets on first use
FEE_BPS = 100  # the sandbox market's protocol fee (1 %), so that the fee shows in a sale
DELIVERY_WINDOW_S = 3 * 86_400


@dataclass
class SandboxChain:
    """One vault's sandbox, open in this process."""

    path: Path  # the journal file
    web3: Web3
    tester: Any  # eth_tester.EthereumTester
    genesis_keys: list[LocalAccount]
    lock: threading.RLock = field(default_factory=threading.RLock)
    replaying: bool = False

    @property
    def faucet(self) -> LocalAccount:
        return self.genesis_keys[0]

    @property
    def treasury(self) -> str:
        return self.genesis_keys[1].address

    def head_timestamp(self) -> int:
        return int(self.tester.get_block_by_number("latest")["timestamp"])

    def set_next_timestamp(self, timestamp: int) -> None:
        """The time the next block will carry (and that pending calls see)."""
        chain = self.tester.backend.chain
        chain.header = chain.header.copy(timestamp=timestamp)

    def freshen(self) -> int:
        """Move the pending block to now (never before its parent): a process that waited an
        hour must not sign or check deadlines at the time it started."""
        timestamp = max(int(time.time()), self.head_timestamp() + 1)
        pending = int(self.tester.backend.chain.header.timestamp)
        if timestamp != pending:
            self.set_next_timestamp(timestamp)
        return timestamp

    def append(self, raw: str, timestamp: int) -> None:
        line = json.dumps({"raw": raw, "timestamp": timestamp}) + "\n"
        with self.path.open("a", encoding="utf-8") as journal:
            journal.write(line)
            journal.flush()
            os.fsync(journal.fileno())

    def send_from(self, account: LocalAccount, tx: dict[str, Any]) -> Any:
        """Sign ``tx`` with a genesis key and mine it (journalled like any other)."""
        with self.lock:
            tx = {
                "chainId": CHAIN_ID,
                "nonce": self.web3.eth.get_transaction_count(account.address),
                **tx,
            }
            tx.setdefault("gas", self.web3.eth.estimate_gas(tx))  # type: ignore[arg-type]
            tx.setdefault("maxPriorityFeePerGas", 10**9)
            tx.setdefault("maxFeePerGas", 2 * self.web3.eth.gas_price + 10**9)
            signed = account.sign_transaction(tx)
            tx_hash = self.web3.eth.send_raw_transaction(signed.raw_transaction)
            return self.web3.eth.wait_for_transaction_receipt(tx_hash)


# ----------------------------------------------------------------- the chain itself


def _backend_class() -> Any:
    """PyEVMBackend with chain id 1337, a fixed genesis time, and block hashes that depend only
    on what is in the blocks (eth-tester draws each block's mix hash at random)."""
    from eth.db import get_db_backend
    from eth.vm.forks import ParisVM, PragueVM  # type: ignore[attr-defined]
    from eth.vm.forks.cancun import get_total_blob_gas  # type: ignore[attr-defined]
    from eth_tester import PyEVMBackend  # type: ignore[import-untyped]
    from eth_tester.backends.pyevm.main import (  # type: ignore[import-untyped]
        generate_genesis_state_for_keys,
        setup_tester_chain,
    )

    class SandboxBackend(PyEVMBackend):  # type: ignore[misc]
        def reset_to_genesis(
            self,
            genesis_params: Any = None,
            genesis_state: Any = None,
            num_accounts: Any = None,
            vm_configuration: Any = None,
            mnemonic: Any = None,
            hd_path: Any = None,
        ) -> None:
            keys, chain = setup_tester_chain(
                genesis_params, genesis_state, num_accounts, vm_configuration, mnemonic, hd_path
            )
            sandbox_chain: Any = type("HearthSandboxChain", (type(chain),), {"chain_id": CHAIN_ID})
            state = dict(generate_genesis_state_for_keys(keys))
            self.account_keys = keys
            self.chain = sandbox_chain.from_genesis(get_db_backend(), genesis_params, state)

        def mine_blocks(self, num_blocks: int = 1, coinbase: bytes = b"\x00" * 20) -> Any:
            hashes = []
            for _ in range(num_blocks):
                kwargs: dict[str, Any] = {"coinbase": coinbase}
                vm = self.chain.get_vm()
                if isinstance(vm, ParisVM):
                    number = self.chain.header.block_number
                    kwargs["mix_hash"] = keccak(b"hearth sandbox" + number.to_bytes(8, "big"))
                if isinstance(vm, PragueVM):
                    kwargs["blob_gas_used"] = sum(
                        get_total_blob_gas(tx) for tx in self.chain.get_block().transactions
                    )
                hashes.append(self.chain.mine_block(**kwargs).hash)
            return tuple(hashes)

    return SandboxBackend


def _provider_class() -> Any:
    from eth_tester.exceptions import TransactionFailed  # type: ignore[import-untyped]
    from eth_utils.exceptions import ValidationError
    from web3 import EthereumTesterProvider

    class SandboxProvider(EthereumTesterProvider):  # type: ignore[misc]
        """eth-tester answering as a node does (errors as JSON-RPC errors with revert data),
        with the sandbox's chain id, fresh block times, and every accepted transaction
        journalled."""

        def __init__(self, sandbox: SandboxChain) -> None:
            super().__init__(sandbox.tester)
            self.sandbox = sandbox

        def make_request(self, method: Any, params: Any) -> Any:
            if method == "eth_chainId":
                return {"jsonrpc": "2.0", "id": 0, "result": hex(CHAIN_ID)}
            sandbox = self.sandbox
            with sandbox.lock:
                if sandbox.replaying:
                    return self._answer(method, params)
                timestamp = sandbox.freshen()
                response = self._answer(method, params)
                if method == "eth_sendRawTransaction" and "error" not in response:
                    sandbox.append(str(params[0]), timestamp)
                return response

        def _answer(self, method: Any, params: Any) -> Any:
            try:
                return super().make_request(method, params)
            except TransactionFailed as exc:
                return _error(3, "execution reverted", _revert_data(exc))
            except ValidationError as exc:
                message = str(exc)
                if "enough balance" in message:
                    message = f"insufficient funds for gas * price + value: {message}"
                return _error(-32000, message)

    return SandboxProvider


def _error(code: int, message: str, data: bytes | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if data:
        error["data"] = "0x" + data.hex()
    return {"jsonrpc": "2.0", "id": 0, "error": error}


def _revert_data(exc: BaseException) -> bytes | None:
    """The raw revert data behind eth-tester's `TransactionFailed`, so a refusal gets its own
    sentence. A transaction keeps py-evm's Revert (raw bytes) as its cause; an ``eth_call``
    is re-raised by web3's provider with only the text of a bytes literal ("b'...'")."""
    seen: BaseException | None = exc
    while seen is not None:
        first = seen.args[0] if seen.args else None
        if isinstance(first, bytes):
            return first
        if isinstance(first, str):
            text = first.removeprefix("execution reverted: ")
            if text.startswith(("b'", 'b"')):
                with contextlib.suppress(ValueError, SyntaxError):
                    value = ast.literal_eval(text)
                    if isinstance(value, bytes):
                        return value
        seen = seen.__cause__ or seen.__context__
    return None


# ----------------------------------------------------------------- opening and replaying

_open: dict[Path, SandboxChain] = {}
_attached: list[Vault] = []
_registry_lock = threading.Lock()


def open_sandbox(vault_path: Path) -> SandboxChain:
    """The vault's sandbox, replayed from its journal the first time in this process."""
    journal = Path(vault_path) / FOLDER / JOURNAL
    key = journal.resolve()
    with _registry_lock:
        found = _open.get(key)
        if found is None:
            found = _start(journal)
            _open[key] = found
        return found


def forget(vault_path: Path | None = None) -> None:
    """Drop the open sandbox(es) from memory; the next use replays the journal (a restart)."""
    with _registry_lock:
        if vault_path is None:
            _open.clear()
        else:
            _open.pop((Path(vault_path) / FOLDER / JOURNAL).resolve(), None)


def attach(vault: Vault) -> SandboxChain:
    """Make ``vault``'s sandbox the one `hearth.wallet.networks.connect` opens."""
    with _registry_lock:
        _attached[:] = [vault]
    return open_sandbox(vault.path)


def _opener(network: Network) -> Web3:
    with _registry_lock:
        vault = _attached[0] if _attached else None
    if vault is None:
        raise ChainError(
            f"The {network.title} runs inside an open vault; open the vault first and try again."
        )
    return open_sandbox(vault.path).web3


register_builtin_chain(RPC_URL, _opener)


def _start(journal: Path) -> SandboxChain:
    try:
        from eth_tester import EthereumTester  # type: ignore[import-untyped]
    except ImportError:
        raise ChainError(
            "The sandbox network needs the eth-tester and py-evm packages, which this copy of "
            "Hearth lacks; reinstall Hearth or choose another network."
        ) from None
    journal.parent.mkdir(mode=0o700, exist_ok=True)
    header, entries = _read_journal(journal)
    if header is None:
        header = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "chain_id": CHAIN_ID,
            "genesis_timestamp": int(time.time()),
        }
        _write_header(journal, header)
    backend_class = _backend_class()
    params = backend_class.generate_genesis_params({"timestamp": header["genesis_timestamp"]})
    tester = EthereumTester(backend_class(genesis_parameters=params))
    keys = [
        Account.from_key(k.to_bytes())
        for k in tester.backend.account_keys  # fixed keys, known to everyone: play money only
    ]
    sandbox = SandboxChain(journal, Web3(), tester, keys)
    sandbox.web3 = Web3(_provider_class()(sandbox))
    _replay(sandbox, entries)
    return sandbox


def _read_journal(journal: Path) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The header and the transactions; a last line cut short by a crash is dropped (and cut
    from the file, so that the next append starts on a line of its own)."""
    if not journal.exists():
        return None, []
    data = journal.read_bytes()
    good_end = data.rfind(b"\n") + 1
    if good_end < len(data):
        log.warning("sandbox journal: dropping an incomplete last line")
        with journal.open("r+b") as handle:
            handle.truncate(good_end)
            os.fsync(handle.fileno())
    lines = data[:good_end].decode("utf-8").splitlines()
    try:
        header = json.loads(lines[0]) if lines else None
        if header is None:
            return None, []
        if header.get("format") != FORMAT or header.get("chain_id") != CHAIN_ID:
            raise ValueError("not a sandbox journal")
        return header, [json.loads(line) for line in lines[1:] if line.strip()]
    except (ValueError, KeyError, IndexError, AttributeError):
        raise UsageError(
            f"The sandbox chain in {journal} is damaged. Move the file away to start a new "
            "sandbox (it holds only play money)."
        ) from None


def _write_header(journal: Path, header: dict[str, Any]) -> None:
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(header) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _replay(sandbox: SandboxChain, entries: list[dict[str, Any]]) -> None:
    sandbox.replaying = True
    try:
        for number, entry in enumerate(entries, start=1):
            sandbox.set_next_timestamp(int(entry["timestamp"]))
            try:
                sandbox.tester.send_raw_transaction(str(entry["raw"]))
            except Exception:  # eth-tester raises several unrelated types for a bad transaction
                raise UsageError(
                    f"The sandbox chain in {sandbox.path} cannot be replayed (transaction "
                    f"{number}). Move the file away to start a new sandbox (play money only)."
                ) from None
    finally:
        sandbox.replaying = False


# ----------------------------------------------------------------- first use


def ensure_market(sandbox: SandboxChain) -> str:
    """The sandbox's DataMarket address, deployed on first use."""
    from hearth.market.contracts import deploy

    deployer = sandbox.faucet
    with sandbox.lock:
        # The market is the faucet's first contract: its address follows from the faucet's
        # address and nonce 0, so it is found again without storing anything.
        address = _first_contract_of(deployer.address)
        code = sandbox.web3.eth.get_code(to_checksum_address(address))
        if not code:
            deploy(
                sandbox.web3,
                deployer,
                "DataMarket",
                sandbox.treasury,
                FEE_BPS,
                DELIVERY_WINDOW_S,
            )
    return to_checksum_address(address)


def fund(sandbox: SandboxChain, address: str) -> bool:
    """Give ``address`` its sandbox coin if it has never had any; True when it was given."""
    address = to_checksum_address(address)
    with sandbox.lock:
        web3 = sandbox.web3
        if web3.eth.get_balance(address) or web3.eth.get_transaction_count(address):
            return False
        sandbox.send_from(sandbox.faucet, {"to": address, "value": GIFT_WEI})
    return True


def _first_contract_of(deployer: str) -> str:
    from web3.types import Nonce
    from web3.utils.address import get_create_address

    return get_create_address(to_checksum_address(deployer), Nonce(0))
