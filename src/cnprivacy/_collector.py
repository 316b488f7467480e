"""Holding CPython's cyclic garbage collector off while a bulk step builds its objects.

Used by the engine (an evaluation's results), the register's load and its mapping to a
profile, and the scanner (one text's spans): steps that make many objects at once, none of
them in a cycle. On dense text the automatic collections walked every span report and every
table loaded so far: 20-25 % of the text path's time (measured on the bench corpus).

An assessment over a register (50,000 transfers) creates some hundreds of thousands of small
objects (per-transfer results, their tuples) that live until the run ends and hold no cycles:
reference counting frees them. Their number alone trips a full collection of the cyclic
collector, which walks every object of the process, the profile's models included, to find no
garbage at all; on a register-sized profile that walk was a quarter of ``assess``.

:func:`collector_paused` disables the collector for the evaluation and restores it after. It
is process-wide, so nested and concurrent evaluations (the web app's threads) share one count:
the first to enter disables it, the last to leave enables it again, and only if it was enabled
before. Nothing is lost: a collection, when due, runs after the evaluation.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_inside = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (see the module docstring)."""
    global _inside, _was_enabled
    with _lock:
        if _inside == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0 and _was_enabled:
                gc.enable()
