"""Progress for the terminal: one bar per running step on a TTY, plain lines otherwise."""

from __future__ import annotations

from typing import TextIO

from .events import Event

SYMBOL = {"started": "…", "cached": "=", "finished": "✓", "failed": "✗", "skipped": "-"}


class ProgressPrinter:
    def __init__(self, stream: TextIO, quiet: bool = False, width: int = 24):
        self.stream = stream
        self.quiet = quiet
        self.tty = stream.isatty()
        self.width = width
        self.fractions: dict[str, float] = {}
        self.started: dict[str, float] = {}

    def __call__(self, event: Event) -> None:
        if self.quiet:
            return
        if event.type == "started":
            self.started[event.step] = event.time
        if event.type == "progress" and event.fraction is not None:
            self.fractions[event.step] = event.fraction
            if self.tty:
                filled = int(self.width * event.fraction)
                bar = "#" * filled + "." * (self.width - filled)
                self.stream.write(f"\r  {event.step:<6} {event.tool:<24} [{bar}] {event.message[:30]}")
                self.stream.flush()
            return
        seconds = event.time - self.started.get(event.step, event.time)
        extra = f" ({seconds:.1f}s)" if event.type == "finished" else ""
        extra += f" {event.message}" if event.type == "skipped" else ""   # a failure's words: once, in the answer
        lead = "\r\033[K" if self.tty else ""
        self.stream.write(f"{lead}{SYMBOL[event.type]} {event.step:<6} {event.tool:<24} "
                          f"{event.type}{extra}\n")
        self.stream.flush()

    def close(self) -> None:
        if not self.quiet and self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()


