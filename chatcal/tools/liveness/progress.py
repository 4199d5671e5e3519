"""A text progress bar for a stream: redrawn in place on a terminal, a line per tenth elsewhere."""

from __future__ import annotations

from typing import TextIO


class ProgressBar:
    """Called as `progress(done, total)`; writes nothing when the stream is None."""

    def __init__(self, stream: TextIO | None, label: str = "chats", width: int = 30):
        self.stream = stream
        self.label = label
        self.width = width
        self.last_tenth = -1
        try:
            self.tty = bool(stream and stream.isatty())
        except (AttributeError, ValueError):
            self.tty = False

    def __call__(self, done: int, total: int) -> None:
        if self.stream is None:
            return
        if self.tty:
            self.stream.write("\r" + self.render(done, total) + ("\n" if done >= total else ""))
        else:
            # Logs (CI) keep every line, so only a few are written.
            tenth = 10 * done // total if total else 10
            if tenth <= self.last_tenth:
                return
            self.last_tenth = tenth
            self.stream.write(self.render(done, total) + "\n")
        self.stream.flush()

    def render(self, done: int, total: int) -> str:
        filled = self.width * done // total if total else self.width
        return f"liveness [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} {self.label}"
