"""For a process that builds the same site again and again (`invoke livereload`, benchmarks).

Between its builds the build cache stays in memory: with 20,000 session
files, loading it from disk and saving it back took 0.8 s of each rebuild.
It is still saved after each build, for the next process, but by a forked
child, while this process goes on: the rebuilt site is already in place.
Another child removes the previous output/ when a build replaced it whole.
A build that fails drops what is in memory; the next one starts from disk.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from chatcal.build.cache import BuildCache


@dataclass
class WarmCache:
    cache: BuildCache | None = None
    path: Path | None = None  # where `cache` is saved
    saver: int | None = None  # the child saving it, until reaped
    removers: list[int] = field(default_factory=list)  # children removing replaced output directories
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

    def keep(self, cache: BuildCache | None, path: Path | None, retired: Path | None = None) -> None:
        """Hold `cache` for the next build, save it to `path` and remove `retired` (a previous
        output/, replaced whole), each in a child process: removing 50,000 files from a thread
        of this one slowed its next rebuilds for seconds, and nothing waits for that child."""
        self.wait()
        self.cache, self.path = cache, path
        save = cache is not None and path is not None
        if not self.background or not hasattr(os, "fork"):
            if save:
                cache.save(path)
            if retired is not None:
                shutil.rmtree(retired, ignore_errors=True)
            return
        if save:
            self.saver = _in_child(cache.save, path)
        if retired is not None:
            self.removers.append(_in_child(_remove_quietly, retired))
        self.removers = [pid for pid in self.removers if os.waitpid(pid, os.WNOHANG)[0] == 0]  # reap the done

    def forget(self) -> None:
        """After a failed build: what is in memory may be half updated."""
        self.cache = None

    def wait(self) -> None:
        """Until the previous save is done: the file must describe the site before anything else touches it."""
        if self.saver is not None:
            os.waitpid(self.saver, 0)
            self.saver = None


def _in_child(work, *args) -> int:
    """Run `work(*args)` in a forked child; returns its process id."""
    pid = os.fork()
    if pid == 0:  # the child: work, and leave without running the parent's cleanup
        status = 1
        try:
            work(*args)
            status = 0
        finally:
            os._exit(status)
    return pid


def _remove_quietly(directory: Path) -> None:
    """Remove `directory` at the lowest priority: the rebuilds that follow come first."""
    os.nice(19)
    shutil.rmtree(directory, ignore_errors=True)
