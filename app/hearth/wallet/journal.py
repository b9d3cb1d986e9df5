"""The pending-transaction journal and the history of what each member signed.

A transaction is written here, signed, BEFORE it is broadcast: after a crash or a lost
connection the Signer finds it in the journal and asks the node about it instead of forgetting
it (lost) or signing a new one (sent twice). States: 'signed' (the node may not know it yet),
'pending', 'mined', 'failed' (mined but reverted: its nonce and fee are spent), 'replaced' (by
a higher-fee transaction with the same nonce), 'dropped' (refused by the node or never mined;
its nonce is free again). A mined (or failed) entry remembers its block, number and hash: a
re-organisation of the chain can still take it out until it is buried deep enough, and then it
is put back to 'signed' (`reopen`) so that the same signed bytes go out again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hearth.vault import Vault
from hearth.vault.audit import now_iso
from hearth.vault.database import Connection

_COLUMNS = (
    "id, member_id, chain_id, address, nonce, tx_hash, raw, description, to_address, "
    "value_wei, max_fee_wei, state, replaces, created_at, updated_at, block_number, block_hash"
)


class TxState(StrEnum):
    SIGNED = "signed"
    PENDING = "pending"
    MINED = "mined"
    FAILED = "failed"
    REPLACED = "replaced"
    DROPPED = "dropped"

    @property
    def is_open(self) -> bool:
        """Still waiting for the chain to decide."""
        return self in (TxState.SIGNED, TxState.PENDING)

    @property
    def is_mined(self) -> bool:
        """In a block (successful or reverted): its nonce is spent, unless a re-org undoes it."""
        return self in (TxState.MINED, TxState.FAILED)


@dataclass(frozen=True)
class JournalEntry:
    id: int
    member_id: int
    chain_id: int
    address: str
    nonce: int
    tx_hash: str
    raw: str  # the signed transaction, 0x-hex: public once broadcast, never a secret
    description: str
    to_address: str | None
    value_wei: int
    max_fee_wei: int  # the most it may cost in fees, as the person approved it
    state: TxState
    replaces: int | None
    created_at: str
    updated_at: str
    block_number: int | None = None  # where it was mined (mined and failed entries)
    block_hash: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "tx": self.tx_hash,
            "nonce": self.nonce,
            "state": self.state.value,
            "description": self.description,
            "to": self.to_address,
            "value_wei": str(self.value_wei),
            "max_fee_wei": str(self.max_fee_wei),
            "replaces": self.replaces,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "block": self.block_number,
        }


def next_nonce(conn: Connection, chain_id: int, address: str) -> int:
    """One past the highest nonce the journal has used for ``address`` (0 when none); a dropped
    transaction's nonce does not count, since the chain never used it."""
    row = conn.execute(
        "SELECT MAX(nonce) FROM transactions WHERE chain_id = ? AND address = ? AND state != ?",
        (chain_id, address, TxState.DROPPED.value),
    ).fetchone()
    return 0 if row[0] is None else int(row[0]) + 1


def add_signed(
    conn: Connection,
    *,
    member_id: int,
    chain_id: int,
    address: str,
    nonce: int,
    tx_hash: str,
    raw: str,
    description: str,
    to_address: str | None,
    value_wei: int,
    max_fee_wei: int,
    replaces: int | None = None,
) -> int:
    """Journal a signed transaction (inside the caller's `vault.writing()`); returns its id."""
    at = now_iso()
    # Signatures are deterministic: the same transaction signed again after the node dropped
    # it has the same hash, so it takes up its old entry again.
    again = conn.execute(
        "SELECT id FROM transactions WHERE tx_hash = ? AND state = ?",
        (tx_hash, TxState.DROPPED.value),
    ).fetchone()
    if again is not None:
        conn.execute(
            "UPDATE transactions SET state = ?, description = ?, updated_at = ? WHERE id = ?",
            (TxState.SIGNED.value, description, at, again[0]),
        )
        return int(again[0])
    cursor = conn.execute(
        "INSERT INTO transactions (member_id, chain_id, address, nonce, tx_hash, raw, "
        "description, to_address, value_wei, max_fee_wei, state, replaces, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            member_id,
            chain_id,
            address,
            nonce,
            tx_hash,
            raw,
            description,
            to_address,
            str(value_wei),
            str(max_fee_wei),
            TxState.SIGNED.value,
            replaces,
            at,
            at,
        ),
    )
    assert cursor.lastrowid is not None  # an INSERT into a rowid table always sets it
    return cursor.lastrowid


def add_signed_action(
    conn: Connection,
    *,
    member_id: int,
    kind: str,
    description: str,
    chain_id: int | None,
    reference: str | None,
) -> None:
    """Remember that the member approved and signed this (inside the caller's transaction)."""
    conn.execute(
        "INSERT INTO signed_actions (member_id, at, kind, description, chain_id, reference) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (member_id, now_iso(), kind, description, chain_id, reference),
    )


def set_state(vault: Vault, entry_id: int, state: TxState) -> None:
    """A state that is not in a block (signed, pending, replaced, dropped): any block the
    entry had is forgotten."""
    if state.is_mined:
        raise ValueError("a mined entry needs its block: use set_mined")
    with vault.writing() as conn:
        conn.execute(
            "UPDATE transactions SET state = ?, block_number = NULL, block_hash = NULL, "
            "updated_at = ? WHERE id = ?",
            (state.value, now_iso(), entry_id),
        )


def set_mined(
    vault: Vault, entry_id: int, state: TxState, block_number: int, block_hash: str
) -> None:
    """Mined (or failed) in this block."""
    if not state.is_mined:
        raise ValueError(f"{state.value} is not a mined state")
    with vault.writing() as conn:
        conn.execute(
            "UPDATE transactions SET state = ?, block_number = ?, block_hash = ?, "
            "updated_at = ? WHERE id = ?",
            (state.value, block_number, block_hash, now_iso(), entry_id),
        )


def reopen(vault: Vault, entry_id: int) -> None:
    """A re-organisation took this mined entry out of the chain: 'signed' again, so that the
    Signer broadcasts the very same bytes (same nonce, same hash), audited."""
    with vault.writing() as conn:
        row = conn.execute(
            "SELECT tx_hash, nonce, chain_id, block_number FROM transactions WHERE id = ?",
            (entry_id,),
        ).fetchone()
        conn.execute(
            "UPDATE transactions SET state = ?, block_number = NULL, block_hash = NULL, "
            "updated_at = ? WHERE id = ?",
            (TxState.SIGNED.value, now_iso(), entry_id),
        )
        vault.audit(
            "wallet.transaction_reorged",
            {"tx": row[0], "nonce": row[1], "chain_id": row[2], "was_in_block": row[3]},
        )


def recently_mined(
    vault: Vault, chain_id: int, address: str, since_block: int
) -> list[JournalEntry]:
    """The account's mined and failed entries in ``since_block`` or later (not yet final)."""
    with vault.reading() as conn:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM transactions "  # noqa: S608 (fixed columns)
            "WHERE chain_id = ? AND address = ? AND state IN (?, ?) AND block_number >= ? "
            "ORDER BY block_number, nonce",
            (chain_id, address, TxState.MINED.value, TxState.FAILED.value, since_block),
        ).fetchall()
    return [_entry(row) for row in rows]


def by_hash(vault: Vault, tx_hash: str) -> JournalEntry | None:
    """The journal entry of the transaction with this hash, or None."""
    with vault.reading() as conn:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM transactions WHERE tx_hash = ?",  # noqa: S608
            (tx_hash,),
        ).fetchone()
    return None if row is None else _entry(row)


def entry(vault: Vault, entry_id: int) -> JournalEntry | None:
    with vault.reading() as conn:
        row = conn.execute(
            f"SELECT {_COLUMNS} FROM transactions WHERE id = ?",  # noqa: S608 (fixed columns)
            (entry_id,),
        ).fetchone()
    return None if row is None else _entry(row)


def entries(
    vault: Vault, chain_id: int, address: str, *, open_only: bool = False
) -> list[JournalEntry]:
    """The account's journal on one chain, oldest nonce first."""
    states = [s.value for s in TxState if s.is_open or not open_only]
    marks = ", ".join("?" for _ in states)
    with vault.reading() as conn:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM transactions "  # noqa: S608 (fixed columns, placeholders)
            f"WHERE chain_id = ? AND address = ? AND state IN ({marks}) ORDER BY nonce, id",
            (chain_id, address, *states),
        ).fetchall()
    return [_entry(row) for row in rows]


@dataclass(frozen=True)
class SignedAction:
    at: str
    kind: str
    description: str
    chain_id: int | None
    reference: str | None


def signed_actions(vault: Vault, member_id: int) -> list[SignedAction]:
    """What ``member_id`` signed, newest first (the Wallet page's history)."""
    with vault.reading() as conn:
        rows = conn.execute(
            "SELECT at, kind, description, chain_id, reference FROM signed_actions "
            "WHERE member_id = ? ORDER BY id DESC",
            (member_id,),
        ).fetchall()
    return [SignedAction(*row) for row in rows]


def _entry(row: tuple[object, ...]) -> JournalEntry:
    (
        id_,
        member_id,
        chain_id,
        address,
        nonce,
        tx_hash,
        raw,
        description,
        to_address,
        value_wei,
        max_fee_wei,
        state,
        replaces,
        created_at,
        updated_at,
        block_number,
        block_hash,
    ) = row
    return JournalEntry(
        id=int(str(id_)),
        member_id=int(str(member_id)),
        chain_id=int(str(chain_id)),
        address=str(address),
        nonce=int(str(nonce)),
        tx_hash=str(tx_hash),
        raw=str(raw),
        description=str(description),
        to_address=None if to_address is None else str(to_address),
        value_wei=int(str(value_wei)),
        max_fee_wei=int(str(max_fee_wei)),
        state=TxState(str(state)),
        replaces=None if replaces is None else int(str(replaces)),
        created_at=str(created_at),
        updated_at=str(updated_at),
        block_number=None if block_number is None else int(str(block_number)),
        block_hash=None if block_hash is None else str(block_hash),
    )
