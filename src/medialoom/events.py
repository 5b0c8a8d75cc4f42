"""Progress events from the executor, consumed by the CLI, the server and the UI."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Literal

EventType = Literal["started", "progress", "cached", "finished", "failed", "skipped"]


@dataclass(frozen=True)
class Event:
    type: EventType
    step: str
    tool: str
    backend: str | None = None
    fraction: float | None = None
    message: str = ""
    time: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


EventSink = Callable[[Event], None]


def ignore(event: Event) -> None:
    return None
