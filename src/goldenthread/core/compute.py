"""What the whole-plan computations share (scores, the financial plan, scenarios)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a whole plan is read and computed
    (also as a decorator).

    A large plan makes hundreds of thousands of rows, tuples, dicts and scores, all alive
    until the computation ends; each batch of new objects would start a collection that
    walks them all and frees nothing (a third of the scoring time on the L plan).
    Collection resumes afterwards, if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
