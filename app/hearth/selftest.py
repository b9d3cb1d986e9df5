"""`hearth --self-test`: proves that this copy of Hearth works on this computer, with no
screen and no network, without touching the person's own vault, keyring or settings.

Each step runs the real code on a throwaway vault in a temporary folder: create and unlock
it, import the bundled synthetic sample (resources/samples), set consent terms, build a
package encrypted to a throwaway age key and open and verify it, sign and check a message
with a throwaway Ethereum key, start the built-in sandbox network (deploy the marketplace, pay
a throwaway account), name the keyring backend, and open the main window offscreen
on the unlocked vault. One line per step; exit 0 only when every step passed.

`hearth --self-test --startup --vault DIR [--member NAME]` (passphrase in HEARTH_PASSPHRASE)
instead unlocks an existing vault, shows its main window offscreen and reports how long
after the process started that happened: the figure packaging/README.md quotes.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hearth import __version__
from hearth.errors import HearthError
from hearth.paths import resources_dir
from hearth.redact import redact, register_secret
from hearth.vault import Vault
from hearth.vault.keyslots import CALIBRATED_LANES, CALIBRATED_MEMORY_KIB, KdfCost

log = logging.getLogger("hearth.selftest")

# The throwaway vault's key derivation: the real Argon2id at the memory real vaults use,
# with calibration's smallest time cost, so the step does not spend seconds calibrating.
# Only this vault gets it: it holds synthetic data and is deleted when the test ends. There
# is no option or variable to give a person's vault this (or any reduced) cost.
SELF_TEST_VAULT_COST = KdfCost(CALIBRATED_MEMORY_KIB, iterations=2, lanes=CALIBRATED_LANES)
SAMPLE_EXPORT = "samples/apple-health-export.xml"
SAMPLE_RECORDS = 60
MEMBER = "Self-test"


@dataclass
class StepResult:
    name: str
    status: str  # "ok", "warning", "skipped" or "FAILED"
    seconds: float
    detail: str = ""

    @property
    def passed(self) -> bool:
        return self.status != "FAILED"


@dataclass
class _Run:
    """What the steps hand on to each other."""

    folder: Path
    require_keyring: bool = False
    passphrase: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    vault: Vault | None = None
    dataset_id: int | None = None

    def the_vault(self) -> Vault:
        if self.vault is None:
            raise _NotRun("needs the vault from the first step")
        return self.vault


class _NotRun(Exception):
    """A step cannot run because an earlier one failed."""


class _Skipped(Exception):
    """A step whose part of Hearth is not in this build."""


class _Warning(Exception):
    """A step that found something worth saying but not a failure."""


def run_self_test(
    progress: Callable[[StepResult], None] | None = None, *, require_keyring: bool = False
) -> list[StepResult]:
    """Run every step in a temporary folder that is removed afterwards; returns the results.
    With ``require_keyring`` a missing system keyring fails its step instead of warning."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no screen, whatever this computer has
    folder = Path(tempfile.mkdtemp(prefix="hearth-self-test-"))
    run = _Run(folder, require_keyring)
    register_secret(run.passphrase)
    results = []
    try:
        for name, step in _STEPS:
            result = _timed(name, step, run)
            results.append(result)
            if progress is not None:
                progress(result)
    finally:
        if run.vault is not None:
            run.vault.close()
        shutil.rmtree(folder, ignore_errors=True)
    return results


def _timed(name: str, step: Callable[[_Run], str], run: _Run) -> StepResult:
    started = time.perf_counter()
    try:
        detail, status = step(run), "ok"
    except _Skipped as exc:
        detail, status = str(exc), "skipped"
    except _Warning as exc:
        detail, status = str(exc), "warning"
    except _NotRun as exc:
        detail, status = f"not run: {exc}", "FAILED"
    except Exception as exc:
        log.exception("self-test step failed: %s", name)
        message = str(exc) if isinstance(exc, HearthError) else type(exc).__name__
        detail, status = redact(message), "FAILED"
    return StepResult(name, status, time.perf_counter() - started, detail)


# ----------------------------------------------------------------- the steps


def _create_vault(run: _Run) -> str:
    path = run.folder / "vault"
    vault, recovery_key = Vault.create(path, MEMBER, run.passphrase, cost=SELF_TEST_VAULT_COST)
    register_secret(recovery_key)
    vault.close()
    run.vault = Vault.unlock(path, MEMBER, run.passphrase)
    return f"created and unlocked (Argon2id {CALIBRATED_MEMORY_KIB // 1024} MiB)"


def _import_sample(run: _Run) -> str:
    from hearth.importers.pipeline import import_path

    sample = resources_dir() / SAMPLE_EXPORT
    # In a child process, as a large export would be: proves that process starts in the
    # installed app too (a frozen app's children start through its own executable).
    outcomes = import_path(run.the_vault(), sample, separate_process=True)
    added = sum(o.result.added for o in outcomes)
    if not outcomes or added != SAMPLE_RECORDS:
        raise HearthError(f"The sample import added {added} records, not {SAMPLE_RECORDS}.")
    run.dataset_id = outcomes[0].result.dataset_id
    return f"{added} records from the sample Apple Health export"


def _set_consent(run: _Run) -> str:
    from hearth.consent.policy import ConsentPolicy, Price, Purpose, parse_currency
    from hearth.consent.store import set_policy

    if run.dataset_id is None:
        raise _NotRun("needs the imported sample")
    policy = ConsentPolicy(
        run.dataset_id,
        purposes=frozenset({Purpose.ACADEMIC_RESEARCH}),
        price=Price.parse("0.01", parse_currency("ETH")),
    )
    version = set_policy(run.the_vault(), policy)
    return f"terms version {version.version}"


def _package_round_trip(run: _Run) -> str:
    try:
        from hearth.packages.build import build_package
        from hearth.packages.open import open_package
    except ImportError:
        raise _Skipped("skipped: packages are not in this build") from None
    from pyrage import x25519  # type: ignore[import-untyped]

    if run.dataset_id is None:
        raise _NotRun("needs the imported sample and its terms")
    identity = x25519.Identity.generate()
    register_secret(str(identity))
    key_file = run.folder / "buyer-key.txt"
    key_file.touch(mode=0o600)
    key_file.write_text(f"{identity}\n", encoding="utf-8")
    sealed = run.folder / "package.age"
    built = build_package(
        run.the_vault(), run.dataset_id, recipient=str(identity.to_public()), out=sealed
    )
    opened = open_package(sealed, key_file, run.folder / "opened")
    if not opened.verified or opened.merkle_root != built.merkle_root:
        raise HearthError("The opened package does not match the one built.")
    if opened.rows != built.rows:
        raise HearthError(f"The package has {opened.rows} rows, not {built.rows}.")
    return f"{built.rows} rows, {built.bytes} bytes encrypted, Merkle root verified"


def _sign_message(run: _Run) -> str:
    from eth_account import Account
    from eth_account.messages import encode_defunct

    account = Account.create()
    register_secret(bytes(account.key))
    message = encode_defunct(text=f"Hearth self-test {secrets.token_hex(8)}")
    signed = account.sign_message(message)
    if Account.recover_message(message, signature=signed.signature) != account.address:
        raise HearthError("A signature did not verify with its own key.")
    return "signed and recovered with a throwaway key"


def _sandbox_network(run: _Run) -> str:
    from eth_account import Account

    from hearth.market import sandbox

    # The sandbox is the network a new user starts on: py-evm, web3 and the contract
    # artifacts, in this vault's folder and nowhere else.
    vault_path = run.the_vault().path
    chain = sandbox.open_sandbox(vault_path)
    try:
        market = sandbox.ensure_market(chain)
        account = Account.create()
        register_secret(bytes(account.key))
        sandbox.fund(chain, account.address)
        if chain.web3.eth.get_balance(account.address) != sandbox.GIFT_WEI:
            raise HearthError("The sandbox network did not pay a throwaway account its coin.")
        blocks = chain.web3.eth.block_number
    finally:
        sandbox.forget(vault_path)
    return f"marketplace {market[:10]}... deployed, a throwaway account paid ({blocks} blocks)"


def _keyring_backend(run: _Run) -> str:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    nothing_chained = getattr(backend, "backends", None) == []
    if isinstance(backend, fail.Keyring) or nothing_chained:
        if run.require_keyring:
            raise HearthError(f"No usable system keyring ({name}).")
        # Hearth still works: the wallet can live in a passphrase-encrypted keystore file.
        raise _Warning(f"no usable system keyring ({name}); wallets need a keystore file")
    return name


def _open_window(run: _Run) -> str:
    vault = run.the_vault()
    run.vault = None  # the window owns it now, and closes it when it locks
    from hearth.ui.offscreen_window import show_unlocked_window  # Qt only for this step

    seconds = show_unlocked_window(vault, run.folder)
    return f"main window shown and locked offscreen ({seconds:.2f} s)"


_STEPS: list[tuple[str, Callable[[_Run], str]]] = [
    ("create and unlock a vault", _create_vault),
    ("import the sample data", _import_sample),
    ("set consent terms", _set_consent),
    ("build, encrypt, open and verify a package", _package_round_trip),
    ("sign and verify a message", _sign_message),
    ("start the sandbox network", _sandbox_network),
    ("keyring backend", _keyring_backend),
    ("open the app window offscreen", _open_window),
]


# ----------------------------------------------------------------- time to the window


def measure_startup(vault_path: Path, member: str | None) -> float:
    """Unlock ``vault_path`` (passphrase from HEARTH_PASSPHRASE), show its window offscreen;
    returns the seconds since this process started."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    passphrase = os.environ.get("HEARTH_PASSPHRASE")
    if not passphrase:
        raise HearthError("Set HEARTH_PASSPHRASE to the vault's passphrase.")
    register_secret(passphrase)
    name = member or Vault.members_of(vault_path)[0].name
    vault = Vault.unlock(vault_path, name, passphrase)
    from hearth.ui.offscreen_window import show_unlocked_window

    with tempfile.TemporaryDirectory(prefix="hearth-startup-") as folder:
        show_unlocked_window(vault, Path(folder))
    return process_age()


def process_age() -> float:
    """Seconds since this process started: from the kernel on Linux (the frozen app's
    bootloader and interpreter start included), else since the launcher was imported."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        started_ticks = int(fields[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - started_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        from hearth.launcher import STARTED

        return time.perf_counter() - STARTED


# ----------------------------------------------------------------- the command


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="hearth --self-test", description="Check that this copy of Hearth works."
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument(
        "--startup",
        action="store_true",
        help="only time the start to the unlocked window of --vault (for packaging)",
    )
    parser.add_argument("--vault", type=Path, help="with --startup: the vault to unlock")
    parser.add_argument("--member", help="with --startup: who unlocks (default: the first)")
    parser.add_argument(
        "--require-keyring",
        action="store_true",
        help="fail, not warn, when no system keyring is usable (for a build check)",
    )
    args = parser.parse_args(argv)
    if args.startup:
        return _startup(args)
    total = time.perf_counter()
    if not args.json:
        print(f"Hearth {__version__} self-test")
    results = run_self_test(
        None if args.json else _print_step, require_keyring=args.require_keyring
    )
    seconds = time.perf_counter() - total
    failed = [r for r in results if not r.passed]
    if args.json:
        print(json.dumps(_as_json(results, seconds), indent=2))
    elif failed:
        print(f"{len(failed)} of {len(results)} steps FAILED ({seconds:.1f} s).")
    else:
        print(f"All {len(results)} steps passed ({seconds:.1f} s).")
    return 1 if failed else 0


def _startup(args: argparse.Namespace) -> int:
    if args.vault is None:
        print("--startup needs --vault DIR.", file=sys.stderr)
        return 2
    try:
        seconds = measure_startup(args.vault, args.member)
    except HearthError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code if hasattr(exc, "exit_code") else 1
    if args.json:
        print(json.dumps({"seconds_to_unlocked_window": round(seconds, 3)}))
    else:
        print(f"Unlocked main window shown {seconds:.2f} s after the process started.")
    return 0


def _print_step(result: StepResult) -> None:
    detail = f": {result.detail}" if result.detail else ""
    print(f"{result.status:8} {result.seconds:6.2f} s  {result.name}{detail}", flush=True)


def _as_json(results: list[StepResult], seconds: float) -> dict[str, Any]:
    return {
        "version": __version__,
        "passed": all(r.passed for r in results),
        "seconds": round(seconds, 3),
        "steps": [
            {
                "name": r.name,
                "status": r.status,
                "seconds": round(r.seconds, 3),
                "detail": r.detail,
            }
            for r in results
        ],
    }
