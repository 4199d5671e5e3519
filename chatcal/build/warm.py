"""For a process that builds the same site again and again (`invoke livereload`, benchmarks).

Between its builds the build cache stays in memory: with 20,000 session
files, loading it from disk and saving it back took 0.8 s of each rebuild.
It is still saved after each build, for the next process, but by a forked
child, while this process goes on: the rebuilt site is already in place.
A build that fails drops what is in memory; the next one starts from disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from chatcal.build.cache import BuildCache


@dataclass
class WarmCache:
    cache: BuildCache | None = None
    path: Path | None = None  # where `cache` is saved
    saver: int | None = None  # the child saving it, until reaped
    background: bool = True  # False for a process that builds once and exits: it saves before it returns

    def load(self, path: Path, fingerprint: str) -> BuildCache:
        """The cache of this process's previous build of the same site, else the one on disk."""
        if self.cache is not None and self.path == path and self.cache.fingerprint == fingerprint:
            return self.cache
        self.wait()
        self.cache, self.path = None, path
        return BuildCache.load(path, fingerprint)

    def holds(self, cache: BuildCache) -> bool:
        """Whether `cache` is the one this process's previous build left, which published output/."""
        return cache is self.cache

    def keep(self, cache: BuildCache, path: Path) -> None:
        """Hold `cache` for the next build, and save it to `path` in a child process."""
        self.wait()
        self.cache, self.path = cache, path
        if not self.background or not hasattr(os, "fork"):
            cache.save(path)
            return
        pid = os.fork()
        if pid == 0:  # the child: save, and leave without running the parent's cleanup
            status = 1
            try:
                cache.save(path)
                status = 0
            finally:
                os._exit(status)
        self.saver = pid

    def forget(self) -> None:
        """After a failed build: what is in memory may be half updated."""
        self.cache = None

    def wait(self) -> None:
        """Until the previous save is done: the file must describe the site before anything else touches it."""
        if self.saver is not None:
            os.waitpid(self.saver, 0)
            self.saver = None
