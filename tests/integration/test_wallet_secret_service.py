"""The wallet against a real Secret Service: gnome-keyring-daemon on a private D-Bus session bus.

The module starts its own `dbus-daemon` and `gnome-keyring-daemon` (unlocked with a test
password) under a temporary HOME, XDG_DATA_HOME and XDG_RUNTIME_DIR, so the keyring of the person
running the tests is never touched, and stops both at the end. It proves create, restore, sign
and delete through keyring's SecretService backend, and that no secret (words, private key, age
identity) reaches a file of the vault folder, the log, the temporary folder, or the keyring's
own file in plaintext.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pyrage
import pytest
import secretstorage
from eth_account import Account
from eth_account.messages import encode_defunct
from jeepney import DBus
from jeepney.io.blocking import Proxy, open_dbus_connection
from keyring.backends import SecretService

from hearth.logs import setup_logging
from hearth.vault import Vault
from hearth.wallet import accounts, secret_store
from hearth.wallet.info import wallet_info
from hearth.wallet.keys import WalletSecret, secret_from_words
from tests.conftest import PASSPHRASE
from tests.unit.wallet.test_keys import HARDHAT, HARDHAT_ADDRESS

pytestmark = pytest.mark.integration

PROGRAMS = ("dbus-daemon", "gnome-keyring-daemon")
KEYRING_PASSWORD = "keyring test password"
REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class PrivateSecretService:
    bus_address: str
    data_home: Path  # where gnome-keyring keeps its (encrypted) keyring files


def _wait_for_secrets_service(bus_address: str, daemon: subprocess.Popen[bytes]) -> None:
    connection = open_dbus_connection(bus_address)
    try:
        bus = Proxy(DBus(), connection)
        deadline = time.monotonic() + 20
        while not bus.NameHasOwner("org.freedesktop.secrets")[0]:
            if daemon.poll() is not None or time.monotonic() > deadline:
                stderr = daemon.stderr.read().decode() if daemon.stderr else ""
                pytest.fail(f"gnome-keyring-daemon did not come up: {stderr}")
            time.sleep(0.05)
    finally:
        connection.close()


@pytest.fixture(scope="module")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrivateSecretService]:
    missing = [p for p in PROGRAMS if shutil.which(p) is None]
    if missing:
        pytest.skip(
            f"{', '.join(missing)} not installed (Debian packages dbus and gnome-keyring; "
            "`make test` installs them when run as root)"
        )
    base = tmp_path_factory.mktemp("secret-service")
    home, runtime = base / "home", base / "runtime"
    home.mkdir()
    runtime.mkdir(mode=0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        env=env,
    )
    daemon: subprocess.Popen[bytes] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        assert address.startswith("unix:"), address
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        # --unlock reads the password on stdin and creates (or unlocks) the "login" keyring,
        # which becomes the default collection that keyring's SecretService backend uses.
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert daemon.stdin is not None
        daemon.stdin.write(KEYRING_PASSWORD.encode())
        daemon.stdin.close()
        _wait_for_secrets_service(address, daemon)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
            yield PrivateSecretService(address, Path(env["XDG_DATA_HOME"]))
    finally:
        for process in (daemon, bus):
            if process is not None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture
def real_keyring(secret_service: PrivateSecretService) -> Iterator[SecretService.Keyring]:
    """keyring's SecretService backend, chosen explicitly (not by auto-detection)."""
    previous = keyring.get_keyring()
    backend = SecretService.Keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temporary folder of this test's own, as TMPDIR for anything the code under test makes."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    yield folder


def _items(vault: Vault) -> list[tuple[str, dict[str, str], bytes]]:
    """(label, attributes, secret) of the Secret Service items filed under this vault, read
    with secretstorage itself rather than through keyring."""
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        service, _user = secret_store.entry_names(vault.vault_id, 1)
        return [
            (item.get_label(), item.get_attributes(), item.get_secret())
            for item in collection.search_items({"service": service})
        ]
    finally:
        connection.close()


def test_create_sign_and_delete_through_the_real_secret_service(
    vault: Vault, real_keyring: SecretService.Keyring, secret_service: PrivateSecretService
) -> None:
    info = accounts.create_wallet(vault)
    [(label, attributes, stored)] = _items(vault)
    assert attributes["service"] == f"hearth:{vault.vault_id}"
    assert attributes["username"] == "member-1:wallet"
    assert "Ana" not in label + json.dumps(attributes)
    assert WalletSecret.from_json_bytes(stored).address == info.address

    account = accounts.unlock_account(vault)
    message = encode_defunct(text="Sell a licence to 'Heart rate 2019-2024' for 0.01 ETH")
    signature = account.sign_message(message).signature
    assert Account.recover_message(message, signature=signature) == info.address
    sealed = pyrage.encrypt(b"package", [pyrage.x25519.Recipient.from_str(info.age_recipient)])
    assert pyrage.decrypt(sealed, [accounts.age_identity(vault)]) == b"package"

    accounts.delete_wallet(vault)
    assert _items(vault) == []
    assert wallet_info(vault) is None


def test_restore_from_words_and_from_an_exported_keystore(
    vault: Vault, vault_path: Path, real_keyring: SecretService.Keyring, tmp_path: Path
) -> None:
    restored = accounts.restore_from_words(vault, HARDHAT)
    assert restored.address == HARDHAT_ADDRESS
    assert accounts.reveal_words(vault, PASSPHRASE) == HARDHAT.split()
    exported = accounts.export_keystore(vault, "export password", PASSPHRASE)
    accounts.delete_wallet(vault)
    assert real_keyring.get_password(f"hearth:{vault.vault_id}", "member-1:wallet") is None

    again = accounts.restore_from_keystore(vault, exported, "export password")
    assert (again.address, again.age_recipient) == (restored.address, restored.age_recipient)
    message = encode_defunct(text="hello")
    signature = accounts.unlock_account(vault).sign_message(message).signature
    assert Account.recover_message(message, signature=signature) == HARDHAT_ADDRESS
    # The secret outlives the process: a second unlock of the vault reads it back.
    vault.close()
    with Vault.unlock(vault_path, "Ana", PASSPHRASE) as reopened:
        assert accounts.unlock_account(reopened).address == HARDHAT_ADDRESS
        accounts.delete_wallet(reopened)


def _needles(secret: WalletSecret) -> dict[str, bytes]:
    """Every form in which a secret could leak into a file."""
    assert secret.mnemonic is not None
    key_hex = secret.private_key.hex()
    return {
        "words": secret.mnemonic.encode(),
        "words as JSON list": json.dumps(secret.mnemonic.split()).encode(),
        "private key (hex)": key_hex.encode(),
        "private key (HEX)": key_hex.upper().encode(),
        "private key (bytes)": secret.private_key,
        "age identity": secret.age_identity.encode(),
        "age identity (lower case)": secret.age_identity.lower().encode(),
        "stored form": secret.to_json_bytes(),
    }


def _files_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def _hearth_log_files() -> list[Path]:
    handlers = logging.getLogger("hearth").handlers
    return [
        Path(h.baseFilename)
        for h in handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    ]


def test_no_secret_reaches_the_vault_folder_the_log_or_a_temp_file(
    vault: Vault,
    vault_path: Path,
    real_keyring: SecretService.Keyring,
    secret_service: PrivateSecretService,
    temp_dir: Path,
) -> None:
    setup_logging(logging.DEBUG)
    info = accounts.create_wallet(vault, words=24)
    words = accounts.reveal_words(vault, PASSPHRASE)
    accounts.mark_words_confirmed(vault)
    accounts.unlock_account(vault).sign_message(encode_defunct(text="x"))
    accounts.age_identity(vault)
    accounts.export_keystore(vault, "export password", PASSPHRASE)
    vault.backup()
    vault.close()  # folds the WAL into vault.db, as a person quitting the app would
    secret = secret_from_words(" ".join(words))
    assert secret.address == info.address

    logs = _hearth_log_files()
    assert logs, "setup_logging made no log file"
    log_text = b"".join(p.read_bytes() for p in logs)
    assert info.address.encode() in log_text  # the log was written, so its silence means something
    keyring_files = _files_under(secret_service.data_home / "keyrings")
    assert keyring_files, "gnome-keyring wrote no keyring file"
    checked = _files_under(vault_path, temp_dir) + logs + keyring_files
    leaks = [
        f"{what} in {path}"
        for path in checked
        for what, needle in _needles(secret).items()
        if needle in path.read_bytes()
    ]
    assert leaks == []
    assert any(p.name == "vault.db" for p in checked)


def test_the_hearth_command_finds_the_secret_service_by_itself(
    vault_path: Path, secret_service: PrivateSecretService, tmp_path: Path
) -> None:
    """No backend named: keyring's own detection must pick the Secret Service on this bus."""
    Vault.create(vault_path, "Ana", PASSPHRASE)[0].close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEARTH_", "PYTHON_KEYRING"))}
    env.update(
        HEARTH_UNSAFE_FAST_KDF="1",
        HEARTH_PASSPHRASE=PASSPHRASE,
        DBUS_SESSION_BUS_ADDRESS=secret_service.bus_address,
    )

    def hearth(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "hearth", "--vault", str(vault_path), *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
            cwd=REPO,
        )

    created = hearth("wallet", "create", "--json")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["storage"] == "keyring"
    shown = hearth("wallet", "show", "--json")
    assert json.loads(shown.stdout)["address"] == json.loads(created.stdout)["address"]
    deleted = hearth("wallet", "delete", "--yes", "--json")
    assert deleted.returncode == 0, deleted.stderr
