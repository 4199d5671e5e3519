"""The files of one build: written afresh, or linked from the previous build.

Each output can carry a key: a digest of everything it is made from. When
the previous build wrote the same path from the same key, the file is
hard-linked from the previous output instead of being made again, so a
one-chat edit writes that chat's files and the pages that list chats.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class Outputs:
    def __init__(self, directory: Path, previous: Path | None = None, previous_keys: dict[str, str] | None = None):
        self.directory = directory
        self.previous = previous if previous and previous.is_dir() else None
        self.previous_keys = previous_keys or {}
        self.keys: dict[str, str] = {}  # of this build, for the next one
        self.reused = 0
        self._folders: set[Path] = set()

    def reuse(self, name: str, key: str) -> bool:
        """Take `name` from the previous build if it was made from `key`; False if it must be made."""
        self.keys[name] = key
        if self.previous is None or self.previous_keys.get(name) != key:
            return False
        target = self._target(name)
        try:
            os.link(self.previous / name, target)
        except FileNotFoundError:
            return False
        except OSError:  # a file system without hard links
            shutil.copyfile(self.previous / name, target)
        self.reused += 1
        return True

    def write(self, name: str, data: bytes | str, key: str | None = None) -> None:
        if key is not None:
            self.keys[name] = key
        if isinstance(data, str):
            data = data.encode("utf-8")
        self._target(name).write_bytes(data)

    def _target(self, name: str) -> Path:
        target = self.directory / name
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        return target
