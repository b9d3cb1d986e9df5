"""Pinning delivered packages to IPFS through a local IPFS node's HTTP API, and fetching them.

When the household set an IPFS API for the vault (`hearth market ipfs set URL`, such as Kubo's
``http://127.0.0.1:5001``; kept in `vault_info`), the seller's fulfilment adds each encrypted
package there with ``POST /api/v0/add?pin=true``, streaming the file as a multipart upload, and
names it on chain as ``ipfs://CID`` instead of its outbox file name (the file stays in the outbox
too). What goes to IPFS is the age-encrypted package only: public ciphertext, like its sha256 on
chain. A buyer with an API set fetches an ``ipfs://`` delivery through ``/api/v0/cat``.

An API that does not answer, or answers with an error, is `IpfsUnavailable`: one sentence
naming the host (never the whole URL, which may carry a key); the fulfilment then delivers
with the outbox file's name, as without IPFS, and says so.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

from hearth.atomic import fsync_directory
from hearth.errors import ChainError, NotAllowed, UsageError
from hearth.vault import Role, Vault

SETTING = "ipfs_api"
TIMEOUT_S = 60.0
CHUNK = 1 << 20
MAX_ANSWER_BYTES = 1 << 16  # what `add` answers: a line of JSON per file
MAX_PACKAGE_BYTES = 4 << 30  # what `cat` may bring back: far above any package Hearth builds
SCHEME = "ipfs://"
# A CID as it appears in an ipfs:// URI: CIDv0 (base58 "Qm...") or CIDv1 in base32 ("b...").
_CID = re.compile(r"Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{20,}")


class IpfsUnavailable(ChainError):
    """The IPFS API did not answer, or refused; the sentence names its host."""


# ----------------------------------------------------------------- the setting


def api_url(vault: Vault) -> str | None:
    """The vault's IPFS API (scheme, host, port, any path prefix), or None when not set."""
    with vault.reading() as conn:
        row = conn.execute("SELECT value FROM vault_info WHERE key = ?", (SETTING,)).fetchone()
    return None if row is None else str(row[0])


def set_api_url(vault: Vault, url: str | None) -> str | None:
    """Use the IPFS API at ``url`` for this vault's deliveries (None: stop using one); the
    stored URL. An adult member decides, as for networks: it is where packages go."""
    member = vault.member
    if member is None or member.role is Role.CHILD:
        raise NotAllowed("Only an adult member of the household can choose the IPFS node.")
    clean = None if url is None else _clean(url)
    with vault.writing() as conn:
        if clean is None:
            conn.execute("DELETE FROM vault_info WHERE key = ?", (SETTING,))
        else:
            conn.execute(
                "INSERT INTO vault_info (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (SETTING, clean),
            )
        vault.audit("market.ipfs_set", {"host": None if clean is None else host_of(clean)})
    return clean


def host_of(url: str) -> str:
    """Where the API is, for sentences and the log (never a key in the URL)."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)


def _clean(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            "The IPFS API is an http:// or https:// address, such as http://127.0.0.1:5001."
        )
    if parts.query or parts.fragment:
        raise UsageError("Give the IPFS API's address without '?' or '#' parts.")
    try:
        parts.port  # noqa: B018 (raises for a port that is not a number)
    except ValueError:
        raise UsageError("The IPFS API's port must be a number, such as 5001.") from None
    path = parts.path.rstrip("/").removesuffix("/api/v0")
    return f"{parts.scheme}://{parts.netloc}{path}"


def cid_of(uri: str) -> str | None:
    """The CID an ``ipfs://CID`` delivery names, or None for anything else."""
    if not uri.startswith(SCHEME):
        return None
    cid = uri[len(SCHEME) :].rstrip("/")
    return cid if _CID.fullmatch(cid) else None


# ----------------------------------------------------------------- talking to the API


def pin(api: str, package: Path) -> str:
    """Add ``package`` to the IPFS node at ``api`` and pin it there; its CID."""
    boundary = "hearth-" + secrets.token_hex(16)
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{package.name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode("ascii")
    tail = f"\r\n--{boundary}--\r\n".encode("ascii")
    size = package.stat().st_size
    with _talking_to(api, "add the package") as conn:
        conn.putrequest("POST", _path(api, "add?pin=true&cid-version=1"))
        conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        conn.putheader("Content-Length", str(len(head) + size + len(tail)))
        conn.endheaders()
        conn.send(head)
        with package.open("rb") as handle:  # streamed: a package can be large
            for chunk in iter(lambda: handle.read(CHUNK), b""):
                conn.send(chunk)
        conn.send(tail)
        answer = _answer(api, conn, "add the package").read(MAX_ANSWER_BYTES)
    try:
        # One JSON object per line, the file's last: {"Name": ..., "Hash": CID, "Size": ...}.
        lines = [json.loads(line) for line in answer.decode("utf-8").splitlines() if line]
        cid = str(lines[-1]["Hash"])
    except (UnicodeDecodeError, ValueError, LookupError, TypeError):
        raise IpfsUnavailable(
            f"The IPFS API at {host_of(api)} answered, but not with the CID of the package."
        ) from None
    if not _CID.fullmatch(cid):
        raise IpfsUnavailable(f"The IPFS API at {host_of(api)} answered with a malformed CID.")
    return cid


def fetch(api: str, cid: str, out: Path) -> Path:
    """Bring the file ``cid`` from the IPFS node at ``api`` into ``out``, streamed, written
    whole or not at all; ``out``. It is age ciphertext, kept private to the member anyway."""
    fd, part = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle, _talking_to(api, "fetch the package") as conn:
            conn.request("POST", _path(api, f"cat?arg={quote(cid)}"))
            answer = _answer(api, conn, "fetch the package")
            size = 0
            for chunk in iter(lambda: answer.read(CHUNK), b""):
                size += len(chunk)
                if size > MAX_PACKAGE_BYTES:
                    raise IpfsUnavailable(
                        f"The IPFS file {cid} is far larger than a package; it was not kept."
                    )
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, out)
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise
    fsync_directory(out.parent)
    return out


def _path(api: str, call: str) -> str:
    return f"{urlsplit(api).path}/api/v0/{call}"


@contextlib.contextmanager
def _talking_to(api: str, what: str) -> Iterator[http.client.HTTPConnection]:
    parts = urlsplit(api)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = kind(str(parts.hostname), parts.port, timeout=TIMEOUT_S)
    try:
        yield conn
    except (OSError, http.client.HTTPException):
        raise IpfsUnavailable(
            f"The IPFS API at {host_of(api)} did not answer, so Hearth could not {what}; "
            "check that the IPFS node is running."
        ) from None
    finally:
        conn.close()


def _answer(api: str, conn: http.client.HTTPConnection, what: str) -> http.client.HTTPResponse:
    answer = conn.getresponse()
    if answer.status != 200:
        message = ""
        # Kubo says why in {"Message": ..., "Code": ..., "Type": "error"}.
        with contextlib.suppress(ValueError, LookupError, TypeError, OSError):
            message = str(json.loads(answer.read(MAX_ANSWER_BYTES))["Message"])
        because = f": {message.rstrip('.')}" if message else ""
        raise IpfsUnavailable(
            f"The IPFS API at {host_of(api)} refused to {what} (HTTP {answer.status}{because})."
        )
    return answer


INBOX = "inbox"


def fetch_delivery(vault: Vault, uri: str) -> Path:
    """The package an ``ipfs://CID`` delivery names, fetched through the vault's IPFS API into
    VAULT/inbox (kept, like a seller's outbox); then `buyer.receive` checks and opens it."""
    cid = cid_of(uri)
    if cid is None:
        raise UsageError(f"{uri} is not the ipfs:// address of a package.")
    api = api_url(vault)
    if api is None:
        raise UsageError(
            "This package is on IPFS: set your IPFS node's API with 'hearth market ipfs set "
            "URL' to fetch it, or ask the seller for the file."
        )
    inbox = vault.path / INBOX
    inbox.mkdir(mode=0o700, exist_ok=True)
    return fetch(api, cid, inbox / f"{cid}.age")
