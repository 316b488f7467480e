"""The cyclic collector is held off inside bulk steps and restored after, also when nested,
when steps overlap in threads, on error, and not turned on when the caller had it off."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from cnprivacy._collector import collector_paused


@pytest.fixture(autouse=True)
def _restore() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_nested_and_failing_blocks_restore_the_collector() -> None:
    gc.enable()
    with collector_paused():
        assert not gc.isenabled()
        with pytest.raises(ValueError), collector_paused():
            raise ValueError("inside")
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_caller_that_had_it_off_keeps_it_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_threads_turn_it_on_when_the_last_leaves() -> None:
    gc.enable()
    inside, leave = threading.Barrier(3), threading.Event()

    def step() -> None:
        with collector_paused():
            inside.wait()
            leave.wait()

    first = threading.Thread(target=step)
    second = threading.Thread(target=step)
    first.start()
    second.start()
    inside.wait()
    assert not gc.isenabled()
    leave.set()
    first.join()
    second.join()
    assert gc.isenabled()
