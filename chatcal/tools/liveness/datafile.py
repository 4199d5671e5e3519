"""The data file, content/liveness.json: read leniently, written byte for byte the same for the same data."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from chatcal.site.liveness import read_data as read_site_data


def read_data(path: Path | None) -> tuple[dict, str | None]:
    """The previous run's data, and why it was set aside if it could not be used."""
    data, problem = read_site_data(path)
    # Losing the file costs requests, never a wrong verdict, so the run goes on.
    return data, problem and f"{problem}; every session is asked again"


def dumps(data: dict) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_data(path: Path, data: dict) -> None:
    """Write through a temporary file, so an interrupted run leaves the old file whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".liveness-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(dumps(data))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
