"""Spread independent work over the machine's cores with fork().

A build does the same pure work for thousands of chats (parse, render
Markdown, render a page). Forked workers inherit everything already loaded
(the catalog, the templates), so nothing but the results crosses back, and
`func` can be any closure. Where fork() is missing or only one core is
available, the work runs in this process.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKERS_VARIABLE = "CHATCAL_WORKERS"
MIN_ITEMS_PER_WORKER = 64  # below this, forking costs more than it saves


class WorkerFailed(RuntimeError):
    """A forked worker raised; carries its traceback."""


def worker_count(environ=None) -> int:
    environ = os.environ if environ is None else environ
    wanted = environ.get(WORKERS_VARIABLE)
    if wanted:
        return max(1, int(wanted))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def fork_map(func: Callable[[T], R], items: Sequence[T], workers: int | None = None,
             min_items: int = MIN_ITEMS_PER_WORKER) -> list[R]:
    """[func(item) for item in items], computed by up to `workers` processes.

    Each worker gets at least `min_items` items, or the work stays here.
    """
    workers = min(workers or worker_count(), len(items) // min_items)
    if workers < 2 or not hasattr(os, "fork"):
        return [func(item) for item in items]
    slices = [items[i::workers] for i in range(workers)]  # interleaved: costly items spread evenly
    sys.stdout.flush()
    sys.stderr.flush()  # or the children would repeat what is still buffered
    children = [_spawn(func, part) for part in slices[1:]]
    try:
        mine = [func(item) for item in slices[0]]
    finally:
        outcomes = [_collect(pid, reader) for pid, reader in children]  # always reaped
    for outcome, value in outcomes:
        if outcome == "error":
            raise WorkerFailed(f"a build worker failed:\n{value}")
    results = [mine, *(value for _, value in outcomes)]
    merged: list[R] = [None] * len(items)  # type: ignore[list-item]
    for offset, part in enumerate(results):
        merged[offset::workers] = part
    return merged


def _spawn(func, part) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, send, and leave without running the parent's cleanup
        status = 1
        try:
            os.close(reader)
            try:
                payload = pickle.dumps(("ok", [func(item) for item in part]), protocol=pickle.HIGHEST_PROTOCOL)
                status = 0
            except BaseException:  # noqa: BLE001 - reported by the parent
                payload = pickle.dumps(("error", traceback.format_exc()))
            with os.fdopen(writer, "wb") as stream:
                stream.write(payload)
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)  # whatever happened: never go on running the parent's code
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int) -> tuple[str, object]:
    with os.fdopen(reader, "rb") as stream:
        data = stream.read()
    os.waitpid(pid, 0)
    return pickle.loads(data) if data else ("error", "the worker exited without a result")
