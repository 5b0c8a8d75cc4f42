"""The order in which queued jobs start: round robin over their owners, so one session that
queues twenty jobs does not hold back another session's one.

    queue = FairQueue()
    queue.put(job_id, owner)     # owner: the job's session ("" for jobs without one)
    queue.get()                  # blocks; the next owner's oldest job, or None once closed
    queue.remove(job_id)         # a cancelled job leaves the queue

Owners take turns in the order they first queued; within an owner, jobs start oldest first.
`[server] max_jobs` worker threads take from one queue (default_max_jobs: one per core).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict, deque


def default_max_jobs() -> int:
    """As many jobs at once as the machine has cores: steps of different jobs interleave, and
    neural steps share the model pool, which loads each model once."""
    return max(1, os.cpu_count() or 1)


class FairQueue:
    def __init__(self) -> None:
        self._owners: OrderedDict[str, deque[str]] = OrderedDict()
        self._cond = threading.Condition()
        self._closed = False

    def __len__(self) -> int:
        with self._cond:
            return sum(len(q) for q in self._owners.values())

    def put(self, job_id: str, owner: str = "") -> None:
        with self._cond:
            self._owners.setdefault(owner, deque()).append(job_id)
            self._cond.notify()

    def get(self) -> str | None:
        with self._cond:
            while not self._owners and not self._closed:
                self._cond.wait()
            if not self._owners:
                return None
            owner, jobs = next(iter(self._owners.items()))
            job_id = jobs.popleft()
            if jobs:
                self._owners.move_to_end(owner)  # the next owner's turn
            else:
                del self._owners[owner]
            return job_id

    def remove(self, job_id: str) -> bool:
        with self._cond:
            for owner, jobs in self._owners.items():
                if job_id in jobs:
                    jobs.remove(job_id)
                    if not jobs:
                        del self._owners[owner]
                    return True
            return False

    def close(self) -> None:
        """Every `get` returns None once the queue is empty, so the workers end."""
        with self._cond:
            self._closed = True
            self._owners.clear()
            self._cond.notify_all()
