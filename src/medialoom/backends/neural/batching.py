"""Micro-batching: concurrent steps asking one loaded model for compatible work share a call.

    batcher = Batcher(max_batch=8)
    image = batcher.submit(group, item, run)     # run(items) -> one result per item, in order

The first caller of a group leads: it takes every waiting item of its group (up to max_batch),
runs them as one batch and hands each caller its result; if more arrived meanwhile, the first of
them leads the next batch. No time window is needed: a lone request runs at once, a crowd that
arrives while a batch runs is served by the next one. Items only share a batch with items of the
same `group` (same size, steps, guidance ...), so a batch is always one valid pipeline call.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable


@dataclass
class _Ticket:
    item: Any
    wake: threading.Event = field(default_factory=threading.Event)
    lead: bool = False
    finished: bool = False
    result: Any = None
    error: BaseException | None = None


class Batcher:
    def __init__(self, max_batch: int = 8):
        self.max_batch = max(1, int(max_batch))
        self._lock = threading.Lock()
        self._waiting: dict[Hashable, list[_Ticket]] = {}
        self._busy: set[Hashable] = set()  # groups with a batch running or a leader named
        self.batches: list[int] = []  # sizes of the batches run, for tests and benchmarks

    def submit(self, group: Hashable, item: Any, run: Callable[[list[Any]], list[Any]]) -> Any:
        """Run `item` in a batch of its group; returns its result (or raises the batch's error)."""
        ticket = _Ticket(item)
        with self._lock:
            self._waiting.setdefault(group, []).append(ticket)
            if group not in self._busy:
                self._busy.add(group)
                ticket.lead = True
        while not ticket.finished:
            if ticket.lead:
                ticket.lead = False
                self._run_once(group, run)
                continue
            ticket.wake.wait()
        if ticket.error is not None:
            raise ticket.error
        return ticket.result

    def _run_once(self, group: Hashable, run: Callable[[list[Any]], list[Any]]) -> None:
        """Run the waiting items of a group (the leader's own first), then pass the lead on."""
        with self._lock:
            queue = self._waiting[group]
            batch, self._waiting[group] = queue[: self.max_batch], queue[self.max_batch:]
            self.batches.append(len(batch))
        try:
            results = run([t.item for t in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"batch of {len(batch)} gave {len(results)} results")
            for ticket, result in zip(batch, results):
                ticket.result = result
        except BaseException as exc:  # every caller of the batch sees the failure
            for ticket in batch:
                ticket.error = exc
        with self._lock:
            for ticket in batch:
                ticket.finished = True
                ticket.wake.set()
            rest = self._waiting[group]
            if rest:  # the next caller leads the next batch; this one returns to its step
                rest[0].lead = True
                rest[0].wake.set()
            else:
                del self._waiting[group]
                self._busy.discard(group)
