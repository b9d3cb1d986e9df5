"""How an import's parser processes start (`hearth.importers.parser_processes`): as plain
children on Linux and macOS, with their pipes and nothing else (no resource tracker, no
module from the working folder), through the frozen app's own executable too, and as
multiprocessing processes where that is the way (Windows)."""

from __future__ import annotations

import os
import stat
import sys
import time
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import Any

import pytest

from hearth.errors import HearthError
from hearth.importers import parser_processes
from hearth.importers.pipeline import import_path
from hearth.vault import Vault
from tests.conftest import PASSPHRASE
from tests.processes import children_of
from tests.unit.importers.apple_samples import write_heart_rates

ROOT = Path(__file__).resolve().parents[3]


def echo(conn: Connection, label: str, nothing: None, other: Connection) -> None:
    """Runs in the child: says where it runs, then doubles what it is sent until b''."""
    secrets = sorted(k for k in parser_processes.SECRET_VARIABLES if k in os.environ)
    conn.send((label, nothing, os.getppid(), os.getcwd(), list(sys.path), secrets))
    while message := conn.recv_bytes():
        other.send_bytes(message * 2)
    conn.close()


def run_echo(use_multiprocessing: bool) -> tuple[parser_processes.ParserProcess, tuple[Any, ...]]:
    ours, theirs = Pipe()
    side_ours, side_theirs = Pipe()
    child = parser_processes.start(
        echo,
        (theirs, "hello", None, side_theirs),
        "test-parser",
        use_multiprocessing=use_multiprocessing,
    )
    theirs.close()
    side_theirs.close()
    assert ours.poll(60), "the child said nothing"
    hello = ours.recv()
    ours.send_bytes(b"ab")
    assert side_ours.recv_bytes() == b"abab"
    ours.send_bytes(b"")
    child.join(timeout=30)
    assert not child.is_alive()
    ours.close()
    side_ours.close()
    return child, hello


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a module that must never run, with the repository importable
    for the child (the test's `echo` lives in tests/)."""
    (tmp_path / "pickle.py").write_text(
        "import pathlib\npathlib.Path(__file__).with_name('ran').touch()\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    return tmp_path


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX start")
def test_a_parser_is_a_plain_child_with_its_pipes_and_no_resource_tracker(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in parser_processes.SECRET_VARIABLES:
        monkeypatch.setenv(name, "planted secret")
    before = children_of(os.getpid())
    child, hello = run_echo(use_multiprocessing=False)
    label, nothing, parent, cwd, path, secrets = hello
    assert secrets == []  # a script's passphrase in the environment stays out of the parser
    assert (label, nothing, parent) == ("hello", None, os.getpid())
    assert Path(cwd) == workdir
    # -P: neither '' nor the working folder is on its path, so the planted pickle.py never ran.
    assert "" not in path and str(workdir) not in path
    assert not (workdir / "ran").exists()
    # The only process started is the parser: multiprocessing's resource tracker was not.
    assert isinstance(child, parser_processes._ChildProcess)
    assert children_of(os.getpid()) - before <= {child._popen.pid}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX start")
def test_the_frozen_app_starts_a_parser_through_its_own_executable(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for the frozen executable: runs hearth.launcher.main with its arguments.
    exe = workdir / "hearth"
    exe.write_text(
        f"#!/bin/sh\nexec {sys.executable} -P -c "
        "'from hearth.launcher import main; main()' \"$@\"\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert parser_processes._command(7) == [str(exe), parser_processes.PARSER_FLAG, "7"]
    _, hello = run_echo(use_multiprocessing=False)
    assert hello[:3] == ("hello", None, os.getpid())


def test_the_multiprocessing_start_gives_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No planted module here: multiprocessing's child does put the working folder on its
    # path (a Python started from source only; a frozen app's is not searched).
    monkeypatch.chdir(tmp_path)
    _, hello = run_echo(use_multiprocessing=True)
    assert hello[:3] == ("hello", None, os.getpid())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX start")
def test_a_parser_that_will_not_end_is_ended(workdir: Path) -> None:
    ours, theirs = Pipe()
    side_ours, side_theirs = Pipe()
    child = parser_processes.start(echo, (theirs, "x", None, side_theirs), "test-parser")
    theirs.close()
    assert ours.poll(60)
    ours.recv()
    started = time.monotonic()
    child.join(timeout=0.2)  # it waits for us: the join gives up
    assert child.is_alive() and time.monotonic() - started < 10
    child.terminate()
    child.join(timeout=30)
    assert not child.is_alive()
    for end in (ours, side_ours, side_theirs):
        end.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX start")
def test_a_parser_that_cannot_start_is_one_sentence_and_adds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export = write_heart_rates(tmp_path / "export.xml", 50)
    vault, _ = Vault.create(tmp_path / "vault", "Ana", PASSPHRASE)
    with vault:
        with monkeypatch.context() as patched:
            patched.setattr(sys, "executable", str(tmp_path / "no-such-python"))
            with pytest.raises(HearthError, match="could not start the process that reads"):
                import_path(vault, export, separate_process=True)
        assert vault.datasets() == []
        assert vault.integrity_problems() == []
        import_path(vault, export, separate_process=True)  # and it imports once it can
        assert vault.datasets()[0].records == 50
