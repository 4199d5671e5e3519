"""The files of one build, and how they reach the output directory.

A build writes into a fresh staging directory; `output/` is touched only
once everything was made, so a failed build leaves the site as it was.

Each output can carry a key: a digest of everything it is made from. When
the previous build made the same path from the same key, the file already
in `output/` is kept and nothing is made. Publishing then moves only the
new files in (a small file made again with the same bytes stays as it was)
and removes the ones no longer made: a one-chat edit writes that chat's
files and the pages that list chats. Without a previous build
the staging directory replaces `output/` whole.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


class Outputs:
    def __init__(self, staging: Path, output: Path, previous_keys: dict[str, str] | None = None,
                 previous_files: set[str] | None = None, trusted: bool = False):
        """`trusted`: this process published output/ itself in its previous build (a warm rebuild),
        so the files that build listed are taken to be there without asking the file system
        about each of 50,000. A new process checks each one."""
        self.staging = staging
        self.trusted = trusted
        self.output = output
        self._output_text = str(output)
        # Keys and files only count when the site they describe is there.
        usable = output.is_dir() and previous_files is not None
        self.previous_keys = (previous_keys or {}) if usable else {}
        self.previous_files = previous_files if usable else None
        self.keys: dict[str, str] = {}  # of this build, for the next one
        self._owner = os.getpid()
        self.retired: Path | None = None  # the previous output/, replaced whole: the caller removes it
        self.kept: set[str] = set()
        self._folders: set[Path] = set()

    def reuse(self, name: str, key: str) -> bool:
        """Keep `name` as the previous build made it, if made from `key`; False if it must be made."""
        if os.getpid() != self._owner:
            raise RuntimeError(f"{name}: asked in a build worker, where what is kept and its key would be lost")
        self.keys[name] = key
        if self.previous_keys.get(name) != key or not self._is_there(name):
            return False
        self.kept.add(name)
        return True

    def reuse_all(self, names: list[str], key: str) -> bool:
        """`reuse` for files made together from one key: True if all are kept; every name is recorded."""
        return all([self.reuse(name, key) for name in names])

    def _is_there(self, name: str) -> bool:
        if self.trusted:
            return name in self.previous_files
        # os.path, not pathlib: a rebuild asks this of every file of the site.
        return os.path.isfile(os.path.join(self._output_text, name))

    def record(self, name: str, key: str) -> None:
        """The key `name` was made from, when it was made elsewhere (by a build worker)."""
        if os.getpid() != self._owner:
            raise RuntimeError(f"{name}: recorded in a build worker, where its key would be lost")
        self.keys[name] = key

    def write(self, name: str, data: bytes | str) -> None:
        """Write a file of this build; in a worker, the key is the parent's to record."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        target = self.staging / name
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        target.write_bytes(data)

    def publish(self) -> set[str]:
        """Put this build's files in place; returns every file of the site, for the next build."""
        made = set(_files_under(self.staging))
        if self.previous_files is None:
            self.retired = _swap(self.staging, self.output)
            return made
        for name in sorted(made):
            target = self.output / name
            if name in self.previous_files and _same_bytes(self.staging / name, target):
                continue  # made again, but the same: the file in output/ stays as it was
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / name, target)
        site = made | self.kept
        for name in sorted(self.previous_files - site):
            _remove(self.output, name)
        shutil.rmtree(self.staging, ignore_errors=True)
        return site


SAME_BYTES_LIMIT = 1 << 20  # larger files list every chat: an edit changes them


def _same_bytes(new: Path, old: Path) -> bool:
    """Whether a file made again is byte for byte the one in output/ (the theme's files, the
    schemas, a shard of the search words): it then keeps its date, for servers and deploys."""
    try:
        size = os.stat(new).st_size
        if size > SAME_BYTES_LIMIT or os.stat(old).st_size != size:
            return False
        return new.read_bytes() == old.read_bytes()
    except OSError:
        return False


def _files_under(directory: Path):
    for folder, _, names in os.walk(directory):
        relative = os.path.relpath(folder, directory)
        for name in names:
            yield name if relative == "." else f"{relative}/{name}"


def _remove(output: Path, name: str) -> None:
    """Remove a file the site no longer has, and the folders it leaves empty."""
    (output / name).unlink(missing_ok=True)
    folder = (output / name).parent
    while folder != output:
        try:
            folder.rmdir()
        except OSError:  # not empty
            return
        folder = folder.parent


def _swap(staging: Path, output: Path) -> Path | None:
    """`staging` becomes `output`; returns where the previous one went, if there was one."""
    staging.chmod(0o755)
    if not output.exists():
        staging.rename(output)
        return None
    retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
    retired.rmdir()
    output.rename(retired)
    staging.rename(output)
    return retired
