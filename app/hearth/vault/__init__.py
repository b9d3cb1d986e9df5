"""The encrypted family vault: key slots, members, audit log, backups.

The on-disk format is specified in docs/formats/vault.md.
"""

from hearth.vault.audit import AuditEntry, AuditReport
from hearth.vault.datasets import Dataset
from hearth.vault.members import Member, Role
from hearth.vault.restore import restore_backup
from hearth.vault.vault import SlotLabel, Vault, newest_backup

__all__ = [
    "AuditEntry",
    "AuditReport",
    "Dataset",
    "Member",
    "Role",
    "SlotLabel",
    "Vault",
    "newest_backup",
    "restore_backup",
]
