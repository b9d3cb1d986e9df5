"""What a buyer would receive, shown before anything is sold: the builder's own code path run
without zip or encryption, so its counts, sample rows and Merkle root are the package's.

It reads every row (the counts and the root need them): about a second per 300,000 records
on a laptop, so the GUI runs it on a worker thread with progress and cancel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hearth.consent.policy import ConsentPolicy
from hearth.consent.store import effective_policy, status
from hearth.packages.contents import PackageSource, run
from hearth.packages.snapshot import reading_snapshot
from hearth.progress import CancelToken, ProgressCallback
from hearth.vault import Vault


@dataclass(frozen=True)
class TablePreview:
    name: str
    columns: list[str]
    rows: int
    sample: list[list[str]]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "columns": self.columns,
            "rows": self.rows,
            "sample": self.sample,
        }


@dataclass(frozen=True)
class Preview:
    tables: list[TablePreview]
    removed: dict[str, int]
    removed_sentences: list[str]
    merkle_root: str
    terms_hash: str
    rows: int

    def to_json(self) -> dict[str, Any]:
        return {
            "tables": [t.to_json() for t in self.tables],
            "removed": self.removed,
            "removed_sentences": self.removed_sentences,
            "merkle_root": self.merkle_root,
            "terms_hash": self.terms_hash,
            "rows": self.rows,
        }


def preview(
    vault: Vault,
    dataset_id: int,
    policy: ConsentPolicy | None = None,
    *,
    sample_rows: int = 10,
    buyer: str | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> Preview:
    """The package ``policy`` gives (a draft being edited), or the one in force (None)."""
    if policy is None:
        policy = _policy_in_force(vault, dataset_id)
    source = PackageSource(vault, dataset_id, policy, buyer)
    with reading_snapshot(vault) as snapshot:
        contents = run(
            source.steps(snapshot, sample_rows=sample_rows, progress=progress, cancel=cancel)
        )
    report = contents.report
    return Preview(
        tables=[TablePreview(t.plan.name, t.header, t.rows, t.sample) for t in contents.tables],
        removed=dict(sorted(report.removed.items())),
        removed_sentences=report.sentences(),
        merkle_root=contents.merkle_root,
        terms_hash=contents.terms_hash,
        rows=contents.rows,
    )


def _policy_in_force(vault: Vault, dataset_id: int) -> ConsentPolicy:
    """The active policy; for a child's dataset with none yet, the terms waiting for a
    guardian (who previews what they approve); else the refusal a sale would get."""
    current = status(vault, dataset_id)
    version = current.active or current.waiting
    if version is None:
        version = effective_policy(vault, dataset_id)  # raises PolicyRefused with the rule
    return version.policy
