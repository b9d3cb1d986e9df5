"""`hearth wallet ...` as a script or a person runs it: real processes, real exit codes.

The keyring here is a JSON file shared by the test's processes (tests/unit/wallet/
memory_keyring.py); the real Secret Service is in tests/integration/test_wallet_secret_service.py.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from eth_account import Account

from hearth.market.sandbox import GIFT_WEI
from hearth.vault import Vault
from tests.cli.test_cli_vault import assert_one_sentence, folder_digest, hearth
from tests.conftest import PASSPHRASE
from tests.unit.wallet.chain_doubles import FakeNode
from tests.unit.wallet.test_keys import HARDHAT, HARDHAT_ADDRESS, HARDHAT_KEY

REPO = Path(__file__).resolve().parents[2]
TEST_KEYRING = "tests.unit.wallet.memory_keyring.JsonFileKeyring"


@pytest.fixture
def keyring_file(tmp_path: Path) -> Path:
    return tmp_path / "keyring.json"


@pytest.fixture
def env(keyring_file: Path) -> dict[str, str]:
    return {
        "PYTHON_KEYRING_BACKEND": TEST_KEYRING,
        "HEARTH_TEST_KEYRING_FILE": str(keyring_file),
        "PYTHONPATH": str(REPO),
    }


def new_vault(path: Path, owner: str) -> Path:
    """A vault made in this process: `hearth init` has its own tests, and each process costs."""
    Vault.create(path, owner, PASSPHRASE)[0].close()
    return path


@pytest.fixture
def made(tmp_path: Path) -> Path:
    return new_vault(tmp_path / "vault", "Ana")


def wallet(vault: Path, *args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return hearth("--vault", vault, "wallet", *args, env=env)


def test_create_then_show_prints_the_public_half_with_network_and_balance(
    made: Path, env: dict[str, str], keyring_file: Path
) -> None:
    created = wallet(made, "create", "--words", "24", "--json", env=env)
    assert created.returncode == 0, created.stderr
    info = json.loads(created.stdout)
    assert info["storage"] == "keyring"
    shown = wallet(made, "show", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert document["address"] == info["address"]
    assert document["age_recipient"].startswith("age1")
    assert {"balance_wei", "network"} <= set(document)
    # A node that does not answer leaves the balance unknown, with the reason, not a failure.
    assert document["balance_wei"] is None or isinstance(document["balance_wei"], int)
    if document["balance_wei"] is None and document["network"] is not None:
        assert document["balance_problem"]
    stored = json.loads(keyring_file.read_text())
    assert len(stored) == 1
    assert len(json.loads(stored[0][2])["mnemonic"].split()) == 24
    text = wallet(made, "show", env=env)
    assert info["address"] in text.stdout
    assert "hearth wallet words" in text.stdout


def test_show_gives_the_sandbox_balance_and_a_node_away_leaves_it_unknown_with_why(
    made: Path, env: dict[str, str]
) -> None:
    assert wallet(made, "create", env=env).returncode == 0
    shown = wallet(made, "show", "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    document = json.loads(shown.stdout)
    assert document["network"]["name"] == "sandbox"
    # The sandbox gives a wallet its play money on first use, as on the Wallet page.
    assert (document["balance_wei"], document["balance_problem"]) == (GIFT_WEI, None)
    text = wallet(made, "show", env=env)
    assert "  balance        100 ETH\n" in text.stdout

    with FakeNode(424242) as node:
        added = hearth("--vault", made, "network", "add", "mine", "--rpc", node.url, env=env)
        assert added.returncode == 0, added.stderr
    assert hearth("--vault", made, "network", "use", "mine", env=env).returncode == 0
    away = wallet(made, "show", "--json", env=env)
    assert away.returncode == 0, away.stderr
    document = json.loads(away.stdout)
    assert document["balance_wei"] is None
    assert "did not answer" in document["balance_problem"]
    text = wallet(made, "show", env=env)
    assert "  balance        unknown\n" in text.stdout and "did not answer" in text.stdout


def test_without_a_keyring_create_says_so_and_the_keystore_file_choice_works(
    made: Path, env: dict[str, str], keyring_file: Path
) -> None:
    env = {**env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    before = folder_digest(made)
    refused = wallet(made, "create", env=env)
    assert refused.returncode == 2
    assert_one_sentence(refused)
    assert "--keystore-file" in refused.stderr
    assert folder_digest(made) == before
    created = wallet(made, "create", "--keystore-file", "--json", env=env)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["storage"] == "keystore-file"
    assert (made / "wallet-member-1.json").exists()
    assert not keyring_file.exists()
    shown = wallet(made, "show", "--json", env=env)
    assert json.loads(shown.stdout)["address"] == json.loads(created.stdout)["address"]


def test_restore_from_a_words_file_and_bad_words_change_nothing(
    made: Path, env: dict[str, str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad-words.txt"
    bad.write_text("abandon " * 12)
    before = folder_digest(made)
    refused = wallet(made, "restore", "--words-file", bad, env=env)
    assert refused.returncode == 4
    assert_one_sentence(refused)
    assert "checksum" in refused.stderr
    assert "abandon" not in refused.stderr
    assert folder_digest(made) == before
    good = tmp_path / "words.txt"
    good.write_text(HARDHAT + "\n")
    restored = wallet(made, "restore", "--words-file", good, env=env)
    assert restored.returncode == 0, restored.stderr
    assert HARDHAT_ADDRESS in restored.stdout
    assert "delete it now" in restored.stdout


def test_restore_without_words_and_without_a_terminal_is_a_usage_error(
    made: Path, env: dict[str, str]
) -> None:
    result = wallet(made, "restore", env=env)
    assert result.returncode == 2
    assert_one_sentence(result)
    assert "--words-file" in result.stderr


def test_export_writes_a_keystore_that_restores_elsewhere_with_its_password_only(
    made: Path, env: dict[str, str], tmp_path: Path
) -> None:
    words = tmp_path / "words.txt"
    words.write_text(HARDHAT)
    assert wallet(made, "restore", "--words-file", words, env=env).returncode == 0
    out = tmp_path / "exported.json"
    with_password = {**env, "HEARTH_KEYSTORE_PASSWORD": "export password"}
    exported = wallet(made, "export", "--out", out, "--json", env=with_password)
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout) == {"keystore": str(out), "address": HARDHAT_ADDRESS}
    assert Account.decrypt(out.read_text(), "export password").hex() == HARDHAT_KEY
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    again = wallet(made, "export", "--out", out, env=with_password)
    assert again.returncode == 2 and "already exists" in again.stderr

    other = new_vault(tmp_path / "other", "Ben")
    other_env = {**env, "HEARTH_TEST_KEYRING_FILE": str(tmp_path / "other-keyring.json")}
    before = folder_digest(other)
    wrong = wallet(
        other,
        "restore",
        "--keystore",
        out,
        env={**other_env, "HEARTH_KEYSTORE_PASSWORD": "not the password"},
    )
    assert wrong.returncode == 3
    assert_one_sentence(wrong)
    assert folder_digest(other) == before
    restored = wallet(
        other,
        "restore",
        "--keystore",
        out,
        "--json",
        env={**other_env, "HEARTH_KEYSTORE_PASSWORD": "export password"},
    )
    assert restored.returncode == 0, restored.stderr
    assert json.loads(restored.stdout)["address"] == HARDHAT_ADDRESS


def test_words_refuse_json_and_a_missing_terminal(made: Path, env: dict[str, str]) -> None:
    assert wallet(made, "create", env=env).returncode == 0
    as_json = wallet(made, "words", "--json", env=env)
    assert as_json.returncode == 2
    assert "HARDHAT" not in as_json.stdout
    assert json.loads(as_json.stdout)["error"]["exit_code"] == 2
    no_terminal = wallet(made, "words", env=env)
    assert no_terminal.returncode == 2
    assert "terminal" in no_terminal.stderr


def _run_words_at_a_terminal(vault: Path, env: dict[str, str], wrong: bool) -> tuple[int, str]:
    """`hearth wallet words` on a pseudo-terminal: read the words, answer the quiz."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("HEARTH_")}
    full_env.update(env, HEARTH_UNSAFE_FAST_KDF="1", HEARTH_PASSPHRASE=PASSPHRASE)
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "hearth", "--vault", str(vault), "wallet", "words"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=full_env,
    )
    os.close(terminal)
    seen = ""

    def read_until(marker: str) -> None:
        nonlocal seen
        while marker not in seen:
            ready, _, _ = select.select([controller], [], [], 60)
            assert ready, f"no {marker!r} in {seen!r}"
            seen += os.read(controller, 4096).decode()

    read_until("Press Enter")
    words = dict(re.findall(r"(\d+)\. (\w+)", seen))
    os.write(controller, b"\n")
    for _ in range(3):
        read_until(": ")
        position = re.findall(r"Word (\d+): $", seen)[-1]
        answer = "wrong" if wrong else words[position]
        seen = seen[: seen.rindex(": ")] + "  "  # so the next prompt is found afresh
        os.write(controller, answer.encode() + b"\n")
    code = process.wait(timeout=60)
    try:
        while chunk := os.read(controller, 4096):
            seen += chunk.decode()
    except OSError:
        pass  # the terminal closes with the process
    os.close(controller)
    return code, seen


def test_words_are_shown_once_then_quizzed_and_marked_written_down(
    made: Path, env: dict[str, str], tmp_path: Path
) -> None:
    words_file = tmp_path / "words.txt"
    words_file.write_text(HARDHAT)
    assert wallet(made, "restore", "--words-file", words_file, env=env).returncode == 0
    code, screen = _run_words_at_a_terminal(made, env, wrong=True)
    assert code == 2, screen
    assert "does not match" in screen
    assert json.loads(wallet(made, "show", "--json", env=env).stdout)["words_confirmed"] is False
    code, screen = _run_words_at_a_terminal(made, env, wrong=False)
    assert code == 0, screen
    assert "12. junk" in screen
    assert "\033[2J" in screen  # the words were cleared before the quiz
    assert json.loads(wallet(made, "show", "--json", env=env).stdout)["words_confirmed"] is True


def test_delete_asks_first_and_then_removes_the_keyring_entry(
    made: Path, env: dict[str, str], keyring_file: Path
) -> None:
    assert wallet(made, "create", env=env).returncode == 0
    unconfirmed = wallet(made, "delete", env=env)
    assert unconfirmed.returncode == 2
    assert "--yes" in unconfirmed.stderr
    deleted = wallet(made, "delete", "--yes", "--json", env=env)
    assert deleted.returncode == 0, deleted.stderr
    assert json.loads(keyring_file.read_text()) == []
    shown = wallet(made, "show", env=env)
    assert shown.returncode == 2
    assert "hearth wallet create" in shown.stderr


def test_the_recovery_key_cannot_run_wallet_commands(
    made: Path, env: dict[str, str], tmp_path: Path
) -> None:
    kit = tmp_path / "recovery-key.txt"
    kit.write_text("not needed: refused before unlocking\n")
    result = hearth("--vault", made, "--recovery-key-file", kit, "wallet", "show", env=env)
    assert result.returncode == 2
    assert "own passphrase" in result.stderr
