"""The one Signer: every transaction and every EIP-712 signature of a member goes through it.

For each, in this order: decode what would be signed into a `SigningRequest` (refusing unknown
contracts), work out the fees and refuse ones past the person's limits, check the balance,
ask the approve callback (a dialog, a prompt, or --yes), and only then unlock the key and sign.
A declined request signs nothing and sends nothing. A signed transaction is journalled before
it is broadcast, so `resume` after a restart or a lost connection finishes what was started
without sending anything twice; `speed_up` replaces a stuck one with the same nonce and higher
fees. A mined transaction is not taken as final until `reorg_depth` blocks bury it: until then
`resume` checks that its block is still in the chain, and one that a re-organisation took out
is broadcast again as the same signed bytes, so the next transaction never gets a nonce that
leaves a gap, and the same intent is never signed twice.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from eth_account.signers.local import LocalAccount
from eth_account.typed_transactions.typed_transaction import TypedTransaction
from eth_typing import ChecksumAddress, HexStr
from eth_utils.address import to_checksum_address
from hexbytes import HexBytes
from web3 import Web3
from web3.exceptions import (
    BlockNotFound,
    ContractLogicError,
    TimeExhausted,
    TransactionNotFound,
    Web3RPCError,
)

from hearth.errors import ChainError, NotAllowed, UsageError, UserCancelled
from hearth.vault import Vault
from hearth.vault.members import Member
from hearth.wallet import journal
from hearth.wallet.amounts import LocalRate, amount_text
from hearth.wallet.fees import FeePolicy, Fees, check_fee, gas_limit, replacement, suggest
from hearth.wallet.journal import JournalEntry, TxState
from hearth.wallet.networks import Network, current_network, host_of
from hearth.wallet.rpc import rpc_message, talking_to
from hearth.wallet.signing import (
    NO_CHAIN,
    ContractCall,
    Deployment,
    KnownContracts,
    Outgoing,
    SigningRequest,
    Transfer,
    short_address,
    statement_request,
    transaction_request,
    typed_data_request,
)

AccountProvider = LocalAccount | Callable[[], LocalAccount]
Approve = Callable[[SigningRequest], bool]

RECEIPT_TIMEOUT_S = 120.0
POLL_INTERVAL_S = 0.2
# Blocks on top of a mined transaction before it is taken as final on a network behind a URL.
# Far past the re-orgs proof-of-stake chains see (a few blocks), and cheap: one block hash per
# block that holds one of the account's transactions, at each `resume`.
REORG_DEPTH = 64


@dataclass(frozen=True)
class SentTransaction:
    """A transaction the Signer journalled and broadcast, as far as the chain has decided."""

    id: int  # its journal entry
    tx_hash: str
    nonce: int
    state: TxState
    receipt: Mapping[str, Any] | None = field(default=None, repr=False)

    @property
    def contract_address(self) -> str | None:
        """The new contract's address, for a mined deployment."""
        address = self.receipt.get("contractAddress") if self.receipt else None
        return None if address is None else to_checksum_address(str(address))

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "tx": self.tx_hash, "nonce": self.nonce, "state": self.state.value}


class TransactionFailed(ChainError):
    """The transaction was mined but reverted: its fee was spent and nothing else happened."""

    def __init__(self, message: str, sent: SentTransaction) -> None:
        super().__init__(message)
        self.sent = sent


class Signer:
    """Signs for the vault's acting member on one network, after the person approves."""

    def __init__(
        self,
        vault: Vault,
        web3: Web3,
        network: Network,
        account: AccountProvider,
        approve: Approve,
        *,
        address: str | None = None,
        contracts: KnownContracts | None = None,
        fee_policy: FeePolicy | None = None,
        rate: LocalRate | None = None,
        receipt_timeout: float = RECEIPT_TIMEOUT_S,
        poll_interval: float = POLL_INTERVAL_S,
        reorg_depth: int | None = None,
    ) -> None:
        self._vault = vault
        self._web3 = web3
        self.network = network
        self._account = account
        self._approve = approve
        self._contracts = contracts or KnownContracts()
        self._fee_policy = fee_policy or FeePolicy.for_network(network)
        self._rate = rate
        self._receipt_timeout = receipt_timeout
        self._poll_interval = poll_interval
        # The sandbox is one process's chain: it never re-organises.
        default_depth = 0 if network.builtin else REORG_DEPTH
        self._reorg_depth = default_depth if reorg_depth is None else reorg_depth
        self._where = host_of(network.rpc_url) if not network.builtin else network.title
        self._member = _signing_member(vault)
        self.address = _wallet_address(vault, self._member, account, address)

    # ----------------------------------------------------------------- transactions

    def send(
        self, outgoing: Outgoing, description: str | None = None, *, wait: bool = True
    ) -> SentTransaction:
        """Ask, sign, journal and broadcast one transaction; with ``wait``, until it is mined.

        Raises `UserCancelled` when the person declines (nothing is signed), `ChainError` with
        a sentence for insufficient funds, fees past the limit, a call that would revert, a
        node that refuses or does not answer, and `TransactionFailed` when it reverts on chain.
        """
        # Anything left over from a crash goes out first, so nonces stay in order.
        self.resume()
        currency = self.network.currency
        if description is None and isinstance(outgoing, Transfer):
            value = amount_text(outgoing.value_wei, currency.decimals, currency.symbol)
            description = f"Send {value} to {short_address(outgoing.to)}"
        if not description:
            raise ValueError("every transaction needs a description in words")
        draft = self._draft(outgoing)
        balance = self._balance()
        if balance < outgoing.value_wei:
            raise self._short_of_funds(balance, outgoing.value_wei, 0)
        fees = suggest(self._web3, self._where)
        estimate = self._estimate_gas(draft)
        if estimate is None:  # the node counted the funds short before we could
            raise self._short_of_funds(balance, outgoing.value_wei, fees.most_for(21_000))
        gas = gas_limit(estimate)
        most = fees.most_for(gas)
        check_fee(most, outgoing.value_wei, self._fee_policy, self.network)
        request = transaction_request(
            outgoing,
            action=description,
            network=self.network,
            account=self.address,
            contracts=self._contracts,
            max_fee_wei=most,
            rate=self._rate,
        )
        if balance < outgoing.value_wei + most:
            raise self._short_of_funds(balance, outgoing.value_wei, most)
        self._ask(request)
        fields = {**draft, "gas": gas}
        entry_id, raw, tx_hash, nonce = self._sign_and_journal(fields, fees, request, None)
        return self._broadcast(entry_id, raw, tx_hash, nonce, None, wait=wait)

    def speed_up(self, entry_id: int, *, wait: bool = False) -> SentTransaction:
        """Replace a stuck transaction with the same one at higher fees (same nonce, at least
        12.5% more), after the person approves; the first one to be mined wins."""
        old = self._own_entry(entry_id)
        self.resume()
        old = self._own_entry(entry_id)
        if not old.state.is_open:
            raise UsageError(f"Transaction {entry_id} is {old.state.value}; nothing to speed up.")
        signed = TypedTransaction.from_bytes(HexBytes(old.raw)).as_dict()
        before = Fees(int(signed["maxFeePerGas"]), int(signed["maxPriorityFeePerGas"]))
        fees = replacement(before, suggest(self._web3, self._where))
        gas = int(signed["gas"])
        most = fees.most_for(gas)
        check_fee(most, old.value_wei, self._fee_policy, self.network)
        request = transaction_request(
            self._outgoing_of(signed),
            action=f"Speed up: {old.description}",
            network=self.network,
            account=self.address,
            contracts=self._contracts,
            max_fee_wei=most,
            rate=self._rate,
        )
        balance = self._balance()
        if balance < old.value_wei + most:
            raise self._short_of_funds(balance, old.value_wei, most)
        self._ask(request)
        fields = {
            "from": self.address,
            "to": None if not signed.get("to") else to_checksum_address(bytes(signed["to"])),
            "value": int(signed["value"]),
            "data": bytes(signed["data"]),
            "gas": gas,
            "nonce": old.nonce,
        }
        new_id, raw, tx_hash, nonce = self._sign_and_journal(fields, fees, request, old)
        return self._broadcast(new_id, raw, tx_hash, nonce, old, wait=wait)

    def resume(self) -> list[JournalEntry]:
        """Bring the journal up to date with the chain: mined ones marked, ones the node never
        got broadcast again (same bytes, so never twice), ones whose nonce went elsewhere
        dropped; first, mined ones that a re-organisation took out of the chain are opened
        again. Returns the entries that were open, as they are now."""
        self._recheck_mined()
        open_entries = journal.entries(
            self._vault, self.network.chain_id, self.address, open_only=True
        )
        if not open_entries:
            return []
        with talking_to(self._where):
            used = int(self._web3.eth.get_transaction_count(self.address, "latest"))
        by_nonce: dict[int, list[JournalEntry]] = {}
        for entry in open_entries:
            by_nonce.setdefault(entry.nonce, []).append(entry)
        for nonce in sorted(by_nonce):
            self._settle(by_nonce[nonce], nonce < used)
        return [
            e for e in (journal.entry(self._vault, o.id) for o in open_entries) if e is not None
        ]

    def _recheck_mined(self) -> None:
        """Mined entries not yet final: is the block they were mined in still in the chain?
        One that a re-org took out is 'signed' again (`resume` broadcasts it next); one mined
        again elsewhere is written down with its new block (and state: it may revert there)."""
        if self._reorg_depth <= 0:
            return
        with talking_to(self._where):
            head = int(self._web3.eth.block_number)
        recent = journal.recently_mined(
            self._vault, self.network.chain_id, self.address, head - self._reorg_depth + 1
        )
        hashes: dict[int, str | None] = {}
        for entry in recent:
            assert entry.block_number is not None  # recently_mined asks for one
            if entry.block_number not in hashes:
                hashes[entry.block_number] = self._block_hash(entry.block_number)
            if hashes[entry.block_number] == entry.block_hash:
                continue
            receipt = self._receipt(entry.tx_hash)
            if receipt is None:
                journal.reopen(self._vault, entry.id)
            else:
                self._mark_mined(entry.id, receipt)

    def _block_hash(self, number: int) -> str | None:
        with talking_to(self._where):
            try:
                block = self._web3.eth.get_block(number)
            except BlockNotFound:  # past the head of a chain that got shorter
                return None
        return "0x" + bytes(block["hash"]).hex()

    def _mark_mined(self, entry_id: int, receipt: Mapping[str, Any]) -> TxState:
        state = TxState.MINED if int(receipt["status"]) == 1 else TxState.FAILED
        block_hash = "0x" + bytes(receipt["blockHash"]).hex()
        journal.set_mined(self._vault, entry_id, state, int(receipt["blockNumber"]), block_hash)
        return state

    def wait(self, entry_id: int) -> SentTransaction:
        """Wait (up to the receipt timeout) for a journalled transaction to be mined."""
        entry = self._own_entry(entry_id)
        return self._await_receipt(entry.id, entry.tx_hash, entry.nonce)

    def pending(self) -> list[JournalEntry]:
        """This account's transactions the chain has not decided yet."""
        return journal.entries(self._vault, self.network.chain_id, self.address, open_only=True)

    # ----------------------------------------------------------------- typed data

    def sign_typed_data(
        self,
        domain: Mapping[str, Any],
        types: Mapping[str, Sequence[Mapping[str, str]]],
        message: Mapping[str, Any],
        description: str,
    ) -> bytes:
        """An EIP-712 signature (65 bytes) over ``message``, after the person approves it."""
        request = typed_data_request(
            domain,
            types,
            message,
            action=description,
            network=self.network,
            account=self.address,
            contracts=self._contracts,
        )
        return self._sign_typed(
            request,
            domain,
            types,
            message,
            chain_id=self.network.chain_id,
            network=self.network.name,
        )

    def sign_statement(
        self,
        domain: Mapping[str, Any],
        types: Mapping[str, Sequence[Mapping[str, str]]],
        message: Mapping[str, Any],
        description: str,
    ) -> bytes:
        """An EIP-712 signature over one of Hearth's own off-chain statements (a consent
        record), after the person approves it; needs no node."""
        request = statement_request(
            domain, types, message, action=description, account=self.address
        )
        return self._sign_typed(request, domain, types, message, chain_id=NO_CHAIN, network="none")

    def _sign_typed(
        self,
        request: SigningRequest,
        domain: Mapping[str, Any],
        types: Mapping[str, Sequence[Mapping[str, str]]],
        message: Mapping[str, Any],
        *,
        chain_id: int,
        network: str,
    ) -> bytes:
        self._ask(request)
        account = self._unlock()
        message_types = {k: list(v) for k, v in types.items() if k != "EIP712Domain"}
        signed = account.sign_typed_data(
            domain_data=dict(domain), message_types=message_types, message_data=dict(message)
        )
        digest = "0x" + bytes(signed.message_hash).hex()
        with self._vault.writing() as conn:
            journal.add_signed_action(
                conn,
                member_id=self._member.id,
                kind="typed-data",
                description=request.action,
                chain_id=chain_id,
                reference=digest,
            )
            self._vault.audit(
                "wallet.typed_data_signed",
                {"network": network, "digest": digest, "action": request.action},
            )
        return bytes(signed.signature)

    # ----------------------------------------------------------------- steps

    def _ask(self, request: SigningRequest) -> None:
        if not self._approve(request):
            raise UserCancelled("Nothing was signed.")

    def _unlock(self) -> LocalAccount:
        account = self._account() if callable(self._account) else self._account
        if account.address != self.address:
            raise UsageError(
                f"The key that was unlocked is not the one for {self.address}; nothing was signed."
            )
        return account

    def _draft(self, outgoing: Outgoing) -> dict[str, Any]:
        """The transaction's fields before gas, fees and nonce; refuses what it must not send."""
        draft: dict[str, Any] = {"from": self.address, "value": outgoing.value_wei}
        if isinstance(outgoing, Transfer):
            to = to_checksum_address(outgoing.to)
            with talking_to(self._where):
                code = bytes(self._web3.eth.get_code(to))
            if code and self._contracts.at(self.network, to) is None:
                raise UsageError(
                    f"{to} is a contract Hearth does not know; it will not send coins to it."
                )
            return draft | {"to": to, "data": b""}
        if isinstance(outgoing, ContractCall):
            return draft | {"to": to_checksum_address(outgoing.to), "data": outgoing.data}
        return draft | {"to": None, "data": outgoing.data}

    def _estimate_gas(self, draft: Mapping[str, Any]) -> int | None:
        """The node's gas estimate; None when it says the account cannot pay for it."""
        query = {k: v for k, v in draft.items() if v is not None}
        with talking_to(self._where):
            try:
                return int(self._web3.eth.estimate_gas(query))  # type: ignore[arg-type]
            except ContractLogicError as exc:
                reason = str(exc.message or exc).removeprefix("execution reverted").strip(": .")
                because = f" ({reason})" if reason else ""
                raise ChainError(
                    f"The transaction would be rejected by the contract{because}; nothing was sent."
                ) from None
            except Web3RPCError as exc:
                if _says_funds_are_short(rpc_message(exc)):
                    return None
                raise

    def _balance(self) -> int:
        with talking_to(self._where):
            return int(self._web3.eth.get_balance(self.address))

    def _short_of_funds(self, balance: int, value: int, most: int) -> ChainError:
        currency = self.network.currency

        def text(units: int) -> str:
            return amount_text(units, currency.decimals, currency.symbol)

        needed = f"{text(value + most)} ({text(value)} plus at most {text(most)} in fees)"
        return ChainError(
            f"Not enough {currency.symbol}: {short_address(self.address)} has {text(balance)} "
            f"on {self.network.title}, and this needs up to {needed}. Add funds and try again."
        )

    def _sign_and_journal(
        self,
        fields: Mapping[str, Any],
        fees: Fees,
        request: SigningRequest,
        replaces: JournalEntry | None,
    ) -> tuple[int, str, str, int]:
        account = self._unlock()
        chain_id = self.network.chain_id
        if replaces is None:
            with talking_to(self._where):
                node_next = int(self._web3.eth.get_transaction_count(self.address, "pending"))
        with self._vault.writing() as conn:
            # The vault's lock makes choosing the nonce and journalling it one step.
            nonce = (
                replaces.nonce
                if replaces is not None
                else max(node_next, journal.next_nonce(conn, chain_id, self.address))
            )
            transaction = {
                "type": 2,
                "chainId": chain_id,
                "nonce": nonce,
                "to": fields["to"],
                "value": fields["value"],
                "data": fields["data"],
                "gas": fields["gas"],
                "maxFeePerGas": fees.max_fee_per_gas,
                "maxPriorityFeePerGas": fees.max_priority_fee_per_gas,
            }
            if transaction["to"] is None:
                del transaction["to"]
            signed = account.sign_transaction(transaction)
            raw = "0x" + bytes(signed.raw_transaction).hex()
            tx_hash = "0x" + bytes(signed.hash).hex()
            entry_id = journal.add_signed(
                conn,
                member_id=self._member.id,
                chain_id=chain_id,
                address=self.address,
                nonce=nonce,
                tx_hash=tx_hash,
                raw=raw,
                description=request.action,
                to_address=fields["to"],
                value_wei=int(fields["value"]),
                max_fee_wei=fees.most_for(int(fields["gas"])),
                replaces=None if replaces is None else replaces.id,
            )
            journal.add_signed_action(
                conn,
                member_id=self._member.id,
                kind="transaction",
                description=request.action,
                chain_id=chain_id,
                reference=tx_hash,
            )
            self._vault.audit(
                "wallet.transaction_signed",
                {
                    "network": self.network.name,
                    "tx": tx_hash,
                    "nonce": nonce,
                    "action": request.action,
                },
            )
        return entry_id, raw, tx_hash, nonce

    def _broadcast(
        self,
        entry_id: int,
        raw: str,
        tx_hash: str,
        nonce: int,
        replaces: JournalEntry | None,
        *,
        wait: bool,
    ) -> SentTransaction:
        try:
            refused = self._send_raw(raw)
        except ChainError as exc:
            # Journalled as 'signed': `resume` sends these same bytes when the node is back.
            raise ChainError(
                f"{exc} The signed transaction is saved and will be sent when the node answers; "
                "it will not be sent twice."
            ) from None
        if refused is not None:
            journal.set_state(self._vault, entry_id, TxState.DROPPED)
            raise ChainError(self._refusal_sentence(refused))
        journal.set_state(self._vault, entry_id, TxState.PENDING)
        if replaces is not None:
            journal.set_state(self._vault, replaces.id, TxState.REPLACED)
        if not wait:
            return SentTransaction(entry_id, tx_hash, nonce, TxState.PENDING)
        return self._await_receipt(entry_id, tx_hash, nonce)

    def _send_raw(self, raw: str) -> str | None:
        """Broadcast; returns the node's refusal in its words, None when it took it."""
        with talking_to(self._where):
            try:
                self._web3.eth.send_raw_transaction(HexStr(raw))
            except Web3RPCError as exc:
                message = rpc_message(exc)
                if "already known" in message.lower() or "already imported" in message.lower():
                    return None
                return message
        return None

    def _refusal_sentence(self, message: str) -> str:
        lowered = message.lower()
        if _says_funds_are_short(message):
            return (
                f"The node refused the transaction: {short_address(self.address)} does not have "
                f"enough {self.network.currency.symbol} for the amount plus fees."
            )
        if "nonce too low" in lowered or "nonce is too low" in lowered:
            return (
                "The node refused the transaction: another transaction from this account used "
                "the same number first. Nothing was sent; try again."
            )
        if "underpriced" in lowered or "base fee" in lowered or "too low" in lowered:
            return (
                "The node refused the transaction because its fee is too low for the network "
                "right now. Nothing was sent; try again."
            )
        return f"The node refused the transaction ({message}). Nothing was sent."

    def _await_receipt(self, entry_id: int, tx_hash: str, nonce: int) -> SentTransaction:
        with talking_to(self._where):
            try:
                receipt = self._web3.eth.wait_for_transaction_receipt(
                    tx_hash,  # type: ignore[arg-type]
                    timeout=self._receipt_timeout,
                    poll_latency=self._poll_interval,
                )
            except TimeExhausted:
                return SentTransaction(entry_id, tx_hash, nonce, TxState.PENDING)
        return self._settled(entry_id, tx_hash, nonce, receipt)

    def _settled(
        self, entry_id: int, tx_hash: str, nonce: int, receipt: Mapping[str, Any]
    ) -> SentTransaction:
        state = self._mark_mined(entry_id, receipt)
        sent = SentTransaction(entry_id, tx_hash, nonce, state, receipt)
        if state is TxState.FAILED:
            url = self.network.tx_url(tx_hash)
            where = f" ({url})" if url else ""
            raise TransactionFailed(
                f"The transaction {tx_hash}{where} was rejected by the contract when it was "
                "mined; its fee was spent and nothing else changed.",
                sent,
            )
        return sent

    def _settle(self, group: list[JournalEntry], nonce_used: bool) -> None:
        """Decide the open entries that share one nonce, newest (highest fee) first."""
        group = sorted(group, key=lambda e: e.id, reverse=True)
        for entry in group:
            receipt = self._receipt(entry.tx_hash)
            if receipt is not None:
                self._mark_mined(entry.id, receipt)
                self._close_others(group, entry)
                return
        if nonce_used:
            # Mined by something the journal did not send (another wallet with the same key).
            for entry in group:
                journal.set_state(self._vault, entry.id, TxState.DROPPED)
            return
        for entry in group:
            if self._node_knows(entry.tx_hash) or self._send_raw(entry.raw) is None:
                journal.set_state(self._vault, entry.id, TxState.PENDING)
                self._close_others(group, entry)
                return
            # A node that mines at once (Hardhat) mines a reverting one and answers with the
            # revert: then it is in a block after all, not refused.
            receipt = self._receipt(entry.tx_hash)
            if receipt is not None:
                self._mark_mined(entry.id, receipt)
                self._close_others(group, entry)
                return
            journal.set_state(self._vault, entry.id, TxState.DROPPED)

    def _close_others(self, group: list[JournalEntry], winner: JournalEntry) -> None:
        for other in group:
            if other.id != winner.id:
                # Older ones were replaced by the winner; newer ones lost to it.
                state = TxState.REPLACED if other.id < winner.id else TxState.DROPPED
                journal.set_state(self._vault, other.id, state)

    def _receipt(self, tx_hash: str) -> Mapping[str, Any] | None:
        with talking_to(self._where):
            try:
                return self._web3.eth.get_transaction_receipt(tx_hash)  # type: ignore[arg-type]
            except TransactionNotFound:
                return None

    def _node_knows(self, tx_hash: str) -> bool:
        with talking_to(self._where):
            try:
                self._web3.eth.get_transaction(tx_hash)  # type: ignore[arg-type]
            except TransactionNotFound:
                return False
        return True

    def _own_entry(self, entry_id: int) -> JournalEntry:
        entry = journal.entry(self._vault, entry_id)
        if (
            entry is None
            or entry.address != self.address
            or entry.chain_id != self.network.chain_id
        ):
            raise UsageError(
                f"There is no transaction {entry_id} of yours on {self.network.title}."
            )
        return entry

    def _outgoing_of(self, signed: Mapping[str, Any]) -> Outgoing:
        value, data = int(signed["value"]), bytes(signed["data"])
        if not signed.get("to"):
            kind = next(
                (
                    k
                    for k in self._contracts.kinds.values()
                    if k.bytecode and data.startswith(k.bytecode)
                ),
                None,
            )
            return Deployment(kind.name if kind else "unknown", data, value)
        to = to_checksum_address(bytes(signed["to"]))
        return ContractCall(to, data, value) if data else Transfer(to, value)


def _says_funds_are_short(message: str) -> bool:
    # geth and most nodes: "insufficient funds for gas * price + value"; Hardhat: "sender
    # doesn't have enough funds to send tx".
    lowered = message.lower()
    return "insufficient funds" in lowered or "enough funds" in lowered


def _signing_member(vault: Vault) -> Member:
    if vault.member is None:
        raise NotAllowed(
            "Open the vault with your own passphrase to sign; the recovery key cannot."
        )
    return vault.member


def _wallet_address(
    vault: Vault, member: Member, account: AccountProvider, address: str | None
) -> ChecksumAddress:
    """Whose account signs: given, the account's own, or the member's wallet in the vault
    (so the key is unlocked only once the person approves)."""
    if address is not None:
        return to_checksum_address(address)
    if isinstance(account, LocalAccount):
        return to_checksum_address(account.address)
    with vault.reading() as conn:
        row = conn.execute(
            "SELECT address FROM wallets WHERE member_id = ?", (member.id,)
        ).fetchone()
    if row is None:
        raise UsageError(
            f"{member.name} has no wallet yet; create one with 'hearth wallet create'."
        )
    return to_checksum_address(str(row[0]))


def statement_signer(vault: Vault, approve: Approve, passphrase: str | None = None) -> Signer:
    """A Signer for Hearth's own off-chain statements (`Signer.sign_statement`): the acting
    member's wallet, on no node (a consent record needs no connection)."""
    from hearth.wallet import accounts  # accounts needs the keyring: only when signing
    from hearth.wallet.info import require_wallet

    info = require_wallet(vault)
    return Signer(
        vault,
        Web3(),
        current_network(vault),
        lambda: accounts.unlock_account(vault, passphrase),
        approve,
        address=info.address,
    )
