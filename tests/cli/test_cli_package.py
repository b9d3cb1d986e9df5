"""`hearth preview` and `hearth package build|open` as a seller and a buyer run them."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pyrage import x25519  # type: ignore[import-untyped]

from hearth.consent import store
from hearth.consent.policy import ConsentPolicy, Price, Purpose, parse_currency
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.cli.test_cli_vault import assert_one_sentence, hearth
from tests.conftest import PASSPHRASE
from tests.unit.importers.apple_samples import write_heart_rates

RECORDS = 120


@dataclass(frozen=True)
class Buyer:
    identity: Path  # the age identity file, as age-keygen writes it
    recipient: str  # its public key, age1...


@pytest.fixture
def buyer(tmp_path: Path) -> Buyer:
    """A key pair from the stock `age-keygen` when installed, else from pyrage."""
    identity = tmp_path / "buyer-key.txt"
    if shutil.which("age-keygen"):
        subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
        recipient = subprocess.run(
            ["age-keygen", "-y", str(identity)], check=True, capture_output=True, text=True
        ).stdout.strip()
    else:
        key = x25519.Identity.generate()
        identity.write_text(f"{key}\n")
        identity.chmod(0o600)
        recipient = str(key.to_public())
    return Buyer(identity, recipient)


@pytest.fixture
def seller(vault_path: Path, tmp_path: Path) -> Path:
    """A vault whose dataset 1 (heart rates) is on offer for academic research at 0.01 ETH."""
    vault, _ = Vault.create(vault_path, "Ana", PASSPHRASE)
    with vault:
        [outcome] = import_path(vault, write_heart_rates(tmp_path / "export.xml", RECORDS))
        dataset = outcome.result.dataset_id
        store.set_policy(
            vault,
            ConsentPolicy(
                dataset,
                purposes=frozenset({Purpose.ACADEMIC_RESEARCH}),
                price=Price.parse("0.01", parse_currency("ETH")),
            ),
        )
    return vault_path


def one_document(result: subprocess.CompletedProcess[str]) -> Any:
    """The run succeeded and its stdout is exactly one JSON document."""
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no terminal, so no progress bar either
    return json.loads(result.stdout)  # fails on anything before or after the document


def build(
    seller: Path, buyer: Buyer, out: Path, *extra: str, passphrase: str | None = PASSPHRASE
) -> subprocess.CompletedProcess[str]:
    return hearth(
        "--vault",
        seller,
        "package",
        "build",
        "1",
        "--recipient",
        buyer.recipient,
        "--out",
        out,
        *extra,
        passphrase=passphrase,
    )


def open_package(
    package: Path, identity: Path, out: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    # No --vault and no passphrase: a buyer has neither.
    return hearth(
        "package", "open", package, "--identity", identity, "--out", out, *extra, passphrase=None
    )


def test_a_built_package_opens_verified_with_the_same_root(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    package = tmp_path / "heart.age"
    built = one_document(build(seller, buyer, package, "--json"))
    assert set(built) == {"merkle_root", "terms_hash", "rows", "bytes"}
    assert built["rows"] == RECORDS and built["bytes"] == package.stat().st_size
    assert built["merkle_root"].startswith("0x") and len(built["merkle_root"]) == 66

    opened = one_document(open_package(package, buyer.identity, tmp_path / "got", "--json"))
    assert opened["verified"] is True
    assert opened["merkle_root"] == built["merkle_root"]
    assert opened["terms_hash"] == built["terms_hash"]
    assert opened["rows"] == RECORDS
    assert (tmp_path / "got" / "manifest.json").is_file()


def test_the_preview_shows_the_package_that_gets_built(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    seen = one_document(hearth("--vault", seller, "preview", "1", "--rows", "3", "--json"))
    built = one_document(build(seller, buyer, tmp_path / "heart.age", "--json"))
    assert (seen["merkle_root"], seen["terms_hash"], seen["rows"]) == (
        built["merkle_root"],
        built["terms_hash"],
        built["rows"],
    )
    assert seen["dataset"] == 1
    assert sum(t["rows"] for t in seen["tables"]) == RECORDS
    assert all(len(t["sample"]) <= 3 for t in seen["tables"])
    text = hearth("--vault", seller, "preview", "1", "--rows", "0")
    assert text.returncode == 0, text.stderr
    assert f"would receive {RECORDS} rows" in text.stdout
    assert built["merkle_root"] in text.stdout


def test_text_output_names_the_file_and_the_root(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    package = tmp_path / "heart.age"
    result = build(seller, buyer, package)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Wrote {package}: {RECORDS} rows, ")
    assert "Merkle root 0x" in result.stdout
    opened = open_package(package, buyer.identity, tmp_path / "got")
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.startswith("Verified: every file matches Merkle root 0x")


def test_the_stock_age_program_decrypts_a_built_package(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    if not shutil.which("age"):
        pytest.skip("the stock age program is not installed")
    package = tmp_path / "heart.age"
    one_document(build(seller, buyer, package, "--json"))
    plain = subprocess.run(
        ["age", "-d", "-i", str(buyer.identity), str(package)], capture_output=True, check=True
    ).stdout
    assert plain[:2] == b"PK"  # a zip


@pytest.mark.parametrize("where", ["middle", "end"])
def test_a_changed_byte_fails_open_with_exit_4_and_leaves_nothing(
    seller: Path, buyer: Buyer, tmp_path: Path, where: str
) -> None:
    package = tmp_path / "heart.age"
    one_document(build(seller, buyer, package, "--json"))
    data = bytearray(package.read_bytes())
    data[len(data) // 2 if where == "middle" else len(data) - 1] ^= 0x01
    package.write_bytes(bytes(data))
    out = tmp_path / "got"
    result = open_package(package, buyer.identity, out)
    assert result.returncode == 4
    assert_one_sentence(result)
    assert result.stdout == ""
    assert not out.exists() or not any(out.iterdir())


def test_a_cut_off_package_fails_open_with_exit_4(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    package = tmp_path / "heart.age"
    one_document(build(seller, buyer, package, "--json"))
    package.write_bytes(package.read_bytes()[:-100])
    out = tmp_path / "got"
    result = open_package(package, buyer.identity, out, "--json")
    assert result.returncode == 4
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["error"]["exit_code"] == 4
    assert not out.exists() or not any(out.iterdir())


def test_another_buyers_key_does_not_open_it(seller: Path, buyer: Buyer, tmp_path: Path) -> None:
    package = tmp_path / "heart.age"
    one_document(build(seller, buyer, package, "--json"))
    stranger = tmp_path / "stranger.txt"
    stranger.write_text(f"{x25519.Identity.generate()}\n")
    result = open_package(package, stranger, tmp_path / "got")
    assert result.returncode == 4
    assert_one_sentence(result)


def test_without_a_policy_the_build_is_refused_with_exit_8(
    vault_path: Path, buyer: Buyer, tmp_path: Path
) -> None:
    vault, _ = Vault.create(vault_path, "Ana", PASSPHRASE)
    with vault:
        import_path(vault, write_heart_rates(tmp_path / "export.xml", 10))
    package = tmp_path / "out" / "heart.age"
    package.parent.mkdir()
    result = build(vault_path, buyer, package)
    assert result.returncode == 8
    assert result.stderr == "'Apple Health' has no consent policy: set one first.\n"
    assert list(package.parent.iterdir()) == []  # no package, no temporary file
    preview = hearth("--vault", vault_path, "preview", "1")
    assert preview.returncode == 8
    assert_one_sentence(preview)


def test_a_purpose_or_buyer_the_policy_does_not_allow_is_refused_with_the_rule(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    package = tmp_path / "heart.age"
    result = build(seller, buyer, package, "--purpose", "advertising")
    assert result.returncode == 8
    assert result.stderr == "The policy does not allow the purpose 'advertising'.\n"
    assert not package.exists()
    withdrawn = hearth("--vault", seller, "consent", "withdraw", "1", "--yes")
    assert withdrawn.returncode == 0, withdrawn.stderr
    again = build(seller, buyer, package, "--json")
    assert again.returncode == 8
    assert json.loads(again.stdout)["error"]["message"] == (
        "Consent for 'Apple Health' was withdrawn."
    )


def test_a_bad_recipient_is_refused_before_the_passphrase_is_asked(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    package = tmp_path / "heart.age"
    bad = Buyer(buyer.identity, "age1notakey")
    # No passphrase at all: had the vault been opened first, this would be exit 2.
    result = build(seller, bad, package, passphrase=None)
    assert result.returncode == 4
    assert result.stderr.startswith("The recipient is not an age public key")
    assert_one_sentence(result)
    assert not package.exists()


def test_a_secret_key_given_as_recipient_is_refused_and_not_echoed(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    secret = next(
        line for line in buyer.identity.read_text().splitlines() if line.startswith("AGE-SECRET")
    )
    result = build(seller, Buyer(buyer.identity, secret), tmp_path / "heart.age", "--json")
    assert result.returncode == 4
    assert secret not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_purpose_or_buyer_address_is_a_usage_error(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    wrong_purpose = build(seller, buyer, tmp_path / "a.age", "--purpose", "marketing")
    assert wrong_purpose.returncode == 2
    assert_one_sentence(wrong_purpose)
    wrong_buyer = build(seller, buyer, tmp_path / "b.age", "--buyer", "0x12")
    assert wrong_buyer.returncode == 2
    assert_one_sentence(wrong_buyer)


def test_a_person_at_a_terminal_sees_a_progress_bar_on_stderr_only(
    seller: Path, buyer: Buyer, tmp_path: Path
) -> None:
    package = tmp_path / "heart.age"
    terminal, stderr_end = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    env.update(HEARTH_UNSAFE_FAST_KDF="1", HEARTH_PASSPHRASE=PASSPHRASE)
    args = ["--vault", str(seller), "package", "build", "1", "--recipient", buyer.recipient]
    result = subprocess.run(
        [sys.executable, "-m", "hearth", *args, "--out", str(package), "--json"],
        stdout=subprocess.PIPE,
        stderr=stderr_end,
        stdin=subprocess.DEVNULL,
        env=env,
        text=True,
        timeout=60,
        check=False,
    )
    os.close(stderr_end)
    drawn = b""
    with contextlib.suppress(OSError):  # the terminal reports EIO once it is drained
        while chunk := os.read(terminal, 4096):
            drawn += chunk
    os.close(terminal)
    assert result.returncode == 0, drawn
    assert b"\r[" in drawn and b"100%" in drawn
    assert json.loads(result.stdout)["rows"] == RECORDS
