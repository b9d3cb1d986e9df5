"""`hearth doctor`: facts a helper needs to diagnose a problem, and never a secret.

It prints versions, the keyring backend, the vault's files and key-derivation strength, and
(when it can unlock) the full SQLCipher integrity check and the activity-log check. It never
prints a passphrase, key, member's data or record value.

`--support-bundle FILE` also writes all of it, with recent logs, into a ZIP for a helper
(hearth/support_bundle.py). It asks for no passphrase: the vault checks run only when one is
given by file or environment, so a person who cannot unlock can still send one.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import sqlcipher3

from hearth import __version__
from hearth.cli import output, passphrases
from hearth.errors import HearthError, UsageError, UserFacingError, VaultDamaged
from hearth.support_bundle import write_support_bundle
from hearth.vault import Vault, newest_backup
from hearth.vault.keyslots import FILE_NAME as KEYSLOTS_FILE
from hearth.vault.keyslots import KeySlotFile


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--support-bundle",
        type=Path,
        metavar="FILE",
        help="also write these facts and recent logs, redacted, into a ZIP file for a helper",
    )


def run_doctor(args: argparse.Namespace, open_vault: Callable[[argparse.Namespace], Vault]) -> int:
    bundle: Path | None = getattr(args, "support_bundle", None)
    report: dict[str, Any] = {"versions": versions(), "keyring": keyring_backend()}
    report["vault"] = vault_files(args)
    healthy = report["vault"].get("keyslots") in ("ok", None)
    if report["vault"]["exists"] and healthy and _can_get_passphrase(args, ask=bundle is None):
        try:
            report["vault"].update(vault_checks(args, open_vault))
        except UserFacingError as exc:
            if bundle is None:
                raise
            # A wrong or missing passphrase is a fact for the helper, not a reason to send nothing.
            report["vault"]["integrity"] = f"not checked: {exc}"
    healthy = healthy and report["vault"].get("integrity", "ok") == "ok"
    healthy = healthy and report["vault"].get("audit_log", "ok") == "ok"
    report["healthy"] = healthy
    if bundle is not None:
        report["support_bundle"] = str(write_support_bundle(bundle, report, args.vault))
    if args.json:
        output.emit_json(report)
    else:
        _print(report)
        if bundle is not None:
            output.say(f"\nSupport bundle written to {bundle}: it holds no secret and no data.")
    return 0 if healthy else VaultDamaged.exit_code


def versions() -> dict[str, str]:
    probe = sqlcipher3.connect(":memory:")
    try:
        cipher = str(probe.execute("PRAGMA cipher_version").fetchone()[0])
    finally:
        probe.close()
    found = {
        "hearth": __version__,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()} ({platform.machine()})",
        "sqlcipher": cipher,
        "sqlite": sqlcipher3.sqlite_version,
        "frozen": str(getattr(sys, "frozen", False)),
    }
    for dist in ("PySide6", "cryptography", "web3", "keyring", "pyrage"):
        try:
            found[dist.lower()] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist.lower()] = "not installed"
    found["qt_platform"] = os.environ.get("QT_QPA_PLATFORM", "default")
    return found


def keyring_backend() -> dict[str, str]:
    """Which OS keyring `keyring` would use; 'fail' means none is usable here."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        usable = not isinstance(backend, fail.Keyring)
        return {
            "backend": type(backend).__module__ + "." + type(backend).__name__,
            "usable": "yes" if usable else "no",
        }
    except Exception as exc:  # a broken keyring setup is itself a finding, not a crash
        return {"backend": f"error: {type(exc).__name__}", "usable": "no"}


def vault_files(args: argparse.Namespace) -> dict[str, Any]:
    path = args.vault
    facts: dict[str, Any] = {"path": str(path), "exists": Vault.exists(path)}
    if not facts["exists"]:
        return facts
    facts["files"] = sorted(p.name for p in path.iterdir())
    try:
        slots = KeySlotFile.from_bytes((path / KEYSLOTS_FILE).read_bytes())
    except VaultDamaged as exc:
        facts["keyslots"] = str(exc)
        return facts
    facts["keyslots"] = "ok"
    facts["key_slots"] = len(slots.slots)
    facts["key_epoch"] = slots.key_epoch
    weak = [s.slot_id for s in slots.slots if s.cost.is_weak]
    facts["weak_key_derivation"] = weak
    costs = {f"{s.cost.memory_kib // 1024} MiB x {s.cost.iterations}" for s in slots.slots}
    facts["key_derivation"] = sorted(costs)
    latest = newest_backup(path)
    facts["newest_backup"] = str(latest) if latest else None
    return facts


def vault_checks(
    args: argparse.Namespace, open_vault: Callable[[argparse.Namespace], Vault]
) -> dict[str, Any]:
    """What needs the vault unlocked: integrity, schema, the activity log."""
    try:
        with open_vault(args) as vault:
            problems = vault.integrity_problems()
            audit = vault.verify_audit_log()
            return {
                "schema_version": vault.schema_version(),
                "members": len(vault.members()),
                "integrity": "ok" if not problems else f"{len(problems)} problem(s): {problems[0]}",
                "audit_log": "ok" if audit.ok else f"altered: {audit.problem}",
                "audit_entries": audit.entries,
            }
    except VaultDamaged as exc:
        return {"integrity": str(exc)}
    except HearthError as exc:
        if isinstance(exc, UsageError) and not passphrases.is_interactive():
            return {"integrity": "not checked: no passphrase"}
        raise


def _can_get_passphrase(args: argparse.Namespace, *, ask: bool = True) -> bool:
    return bool(
        args.passphrase_file
        or args.recovery_key_file
        or passphrases.PASSPHRASE_ENV in os.environ
        or (ask and passphrases.is_interactive())
    )


def _print(report: dict[str, Any]) -> None:
    output.say("Hearth doctor")
    for section in ("versions", "keyring", "vault"):
        output.say(f"\n{section.capitalize()}:")
        for key, value in report[section].items():
            shown = ", ".join(map(str, value)) if isinstance(value, list) else value
            output.say(f"  {key.replace('_', ' '):22} {shown}")
    verdict = "Everything checked is fine." if report["healthy"] else "Problems were found (above)."
    output.say("\n" + verdict)
    if report["vault"].get("weak_key_derivation"):
        output.say(
            "Warning: some key slots use a weak key derivation (made for tests). Set their "
            "passphrases again with 'hearth member passwd' to strengthen them."
        )
