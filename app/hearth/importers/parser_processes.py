"""Starting an import's parser processes, and what such a process runs first.

On Linux and macOS a parser is a plain child of this executable (`subprocess`), not a
`multiprocessing` "spawn" process: before its first spawn, multiprocessing starts a resource
tracker, one more Python process (13 MB of RSS) that would clean up semaphores and shared
memory an import never makes. The child inherits the ends of its pipes as file descriptors
and reads what to run from one more pipe: the target function (pickled by name) and its
arguments, with every `Connection` replaced by the number of the descriptor it arrives on.
It then talks through `multiprocessing.connection.Connection` exactly as before.

Windows has no resource tracker and cannot hand a pipe to a plain child this way, so there
the parsers stay multiprocessing "spawn" processes (`launcher.main` calls
`freeze_support()` for the frozen app). Either way, never "fork": the GUI has threads, and
forking a threaded Qt process is unsafe.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Protocol

# The frozen app's executable is Hearth itself: this first argument makes it a parser.
PARSER_FLAG = "--hearth-import-parser"
# What a Python interpreter runs as a parser. -P: no script directory or working directory
# on sys.path, so a file in the folder the app was started from cannot stand in for a module.
_CHILD_CODE = "from hearth.importers.parser_processes import child_main; child_main()"


class ParserProcess(Protocol):
    def is_alive(self) -> bool: ...

    def terminate(self) -> None: ...

    def join(self, timeout: float) -> None: ...


@dataclass(frozen=True)
class _Inherited:
    """Stands for a `Connection` argument: the child finds it on this descriptor."""

    fd: int


class _ChildProcess:
    """A parser started with `subprocess`: `ParserProcess` over `Popen`."""

    def __init__(self, target: Callable[..., None], args: tuple[Any, ...]) -> None:
        fds = [a.fileno() for a in args if isinstance(a, Connection)]
        setup = pickle.dumps(
            (
                target,
                tuple(_Inherited(a.fileno()) if isinstance(a, Connection) else a for a in args),
            )
        )
        read_end, write_end = os.pipe()
        with open(write_end, "wb") as pipe:
            try:
                self._popen = subprocess.Popen(
                    _command(read_end),
                    pass_fds=(read_end, *fds),
                    stdin=subprocess.DEVNULL,
                    env=_environment_without_secrets(),
                )
            finally:
                os.close(read_end)
            # The child reads it at once; a pipe holds 64 KB, so this waits for the child
            # only when the arguments are bigger (an export with thousands of sources).
            pipe.write(setup)

    def is_alive(self) -> bool:
        return self._popen.poll() is None

    def terminate(self) -> None:
        if self.is_alive():
            self._popen.terminate()

    def join(self, timeout: float) -> None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._popen.wait(timeout)


class _SpawnedProcess:
    """A parser started with multiprocessing "spawn" (Windows)."""

    def __init__(self, target: Callable[..., None], args: tuple[Any, ...], name: str) -> None:
        context = multiprocessing.get_context("spawn")
        self._process = context.Process(target=target, args=args, daemon=True, name=name)
        self._process.start()

    def is_alive(self) -> bool:
        return self._process.is_alive()

    def terminate(self) -> None:
        if self._process.is_alive():
            self._process.terminate()

    def join(self, timeout: float) -> None:
        self._process.join(timeout)


def start(
    target: Callable[..., None],
    args: tuple[Any, ...],
    name: str,
    *,
    use_multiprocessing: bool = sys.platform == "win32",
) -> ParserProcess:
    """Runs ``target(*args)`` in a new parser process; `Connection` arguments reach it as
    connections on the same pipes. ``target`` must be a module-level function; ``name`` is
    the multiprocessing process's name (a plain child is named by its command line)."""
    if use_multiprocessing:
        return _SpawnedProcess(target, args, name)
    return _ChildProcess(target, args)


# Where a script hands Hearth a secret (`hearth.cli.passphrases`): a parser reads files and
# needs none of them, and a child's environment is readable in /proc for as long as it runs.
SECRET_VARIABLES = frozenset(
    {
        "HEARTH_PASSPHRASE",
        "HEARTH_NEW_PASSPHRASE",
        "HEARTH_RECOVERY_KEY",
        "HEARTH_KEYSTORE_PASSWORD",
    }
)


def _environment_without_secrets() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in SECRET_VARIABLES}


def _command(setup_fd: int) -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, PARSER_FLAG, str(setup_fd)]
    return [sys.executable, "-B", "-P", "-c", _CHILD_CODE, str(setup_fd)]


def child_main(argv: list[str] | None = None) -> None:
    """A parser process's start: reads its target and arguments, and runs it."""
    args_given = sys.argv[1:] if argv is None else argv
    with open(int(args_given[0]), "rb") as pipe:
        # Written by the process that started us, on a pipe only it holds (and as trusted
        # as multiprocessing's own start, which pickles the same way).
        target, args = pickle.load(pipe)  # noqa: S301
    target(*(Connection(a.fd) if isinstance(a, _Inherited) else a for a in args))
