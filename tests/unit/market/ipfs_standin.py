"""A stand-in for an IPFS node's HTTP API, for tests: NOT IPFS.

No IPFS daemon can be installed on the test machines (Kubo's npm package downloads its binary
at install time, and they have no network), so the tests talk to this small local HTTP server
instead. It speaks the part of Kubo's RPC API (/api/v0) that Hearth uses, as Kubo documents it:

- ``POST /api/v0/add?pin=true&cid-version=1`` with a multipart/form-data upload of one file
  answers one line of JSON, ``{"Name": ..., "Hash": CID, "Size": ...}``;
- ``POST /api/v0/cat?arg=CID`` answers the file's bytes;
- an error is HTTP 500 with ``{"Message": ..., "Code": 0, "Type": "error"}``.

The CID is what Kubo gives a file of one block with CIDv1 (raw leaf, sha2-256, base32); larger
files get a different (DAG) CID from Kubo, which Hearth never computes or checks: the buyer
checks the package's sha256 against the chain. Only 127.0.0.1; stops with its `with` block.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit


def raw_cid(data: bytes) -> str:
    """CIDv1, raw codec, sha2-256 multihash, multibase base32 (lower case, no padding)."""
    binary = bytes([0x01, 0x55, 0x12, 0x20]) + hashlib.sha256(data).digest()
    return "b" + base64.b32encode(binary).decode("ascii").lower().rstrip("=")


@dataclass
class Added:
    name: str
    data: bytes
    query: dict[str, list[str]]


@dataclass
class IpfsStandIn:
    """The server; ``fail`` makes every call answer Kubo's error shape with that message."""

    fail: str | None = None
    added: list[Added] = field(default_factory=list)
    blocks: dict[str, bytes] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> IpfsStandIn:
        node = self

        class Api(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if node.fail is not None:
                    self._json(500, {"Message": node.fail, "Code": 0, "Type": "error"})
                elif parts.path == "/api/v0/add":
                    name, data = _one_file(self.headers["Content-Type"], body)
                    cid = raw_cid(data)
                    node.added.append(Added(name, data, query))
                    node.blocks[cid] = data
                    self._json(200, {"Name": name, "Hash": cid, "Size": str(len(data))})
                elif parts.path == "/api/v0/cat" and query.get("arg", [""])[0] in node.blocks:
                    self._send(200, "application/octet-stream", node.blocks[query["arg"][0]])
                else:
                    self._json(500, {"Message": "no such file", "Code": 0, "Type": "error"})

            def _json(self, status: int, document: object) -> None:
                self._send(status, "application/json", json.dumps(document).encode() + b"\n")

            def _send(self, status: int, kind: str, data: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()


def _one_file(content_type: str, body: bytes) -> tuple[str, bytes]:
    """The one file of a multipart/form-data upload: its file name and bytes."""
    boundary = content_type.split("boundary=", 1)[1].strip('"').encode("ascii")
    for part in body.split(b"--" + boundary):
        head, separator, content = part.partition(b"\r\n\r\n")
        if separator and b"filename=" in head:
            name = head.split(b'filename="', 1)[1].split(b'"', 1)[0].decode()
            return name, content.removesuffix(b"\r\n")
    raise ValueError("no file in the upload")
