"""Keep PySide6 6.12.0 from freeing None, True and False on Python 3.11.

That PySide6 build returns None (from every method that returns nothing) and the bool of
`Signal.emit` without taking a reference for the caller, as if they were immortal, which
they are only from Python 3.12 on. On 3.11 each such call takes one reference away; after
a few thousand calls (a minute of mouse movement, through the auto-lock's timer) the
interpreter aborts with "none_dealloc: deallocating None".

`apply()` measures whether the installed PySide6 does this and, only then, gives the three
objects a reserve of references no session can use up, which is what Python 3.12 does for
them anyway. A fixed PySide6, or Python 3.12+, measures no leak and nothing is changed.
The real fix is a PySide6 release without the bug, or Python 3.12+.
"""

from __future__ import annotations

import ctypes
import gc
import sys

from PySide6.QtCore import QObject, Signal

RESERVE = 1 << 40  # a trillion leaked references before anything could go wrong
_PROBE_CALLS = 64


class _Probe(QObject):
    ping = Signal()


def leaks_per_call() -> dict[str, int]:
    """How many references a void Qt call takes from None, and an emit from True."""
    probe = _Probe()
    collecting = gc.isenabled()
    gc.disable()
    try:
        none_before = sys.getrefcount(None)
        for _ in range(_PROBE_CALLS):
            probe.setObjectName("probe")
        none_taken = none_before - sys.getrefcount(None)
        true_before = sys.getrefcount(True)
        for _ in range(_PROBE_CALLS):
            probe.ping.emit()
        true_taken = true_before - sys.getrefcount(True)
    finally:
        if collecting:
            gc.enable()
    # Give back what the probe itself took.
    _add_references(None, max(0, none_taken))
    _add_references(True, max(0, true_taken))
    return {"None": none_taken // _PROBE_CALLS, "True": true_taken // _PROBE_CALLS}


def apply() -> bool:
    """Reserve references for None, True and False if this PySide6 leaks them."""
    if sys.version_info >= (3, 12):
        return False  # immortal objects: nothing can free them
    leaks = leaks_per_call()
    if not any(leaks.values()):
        return False
    for singleton in (None, True, False):
        _add_references(singleton, RESERVE)
    return True


def _add_references(obj: object, count: int) -> None:
    if count <= 0:
        return
    # ob_refcnt is the first field of every object in a release build of CPython 3.11;
    # check that against sys.getrefcount before writing, and do nothing if it differs.
    cell = ctypes.c_ssize_t.from_address(id(obj))
    if abs(cell.value - (sys.getrefcount(obj) - 1)) > 2:
        return
    cell.value += count
