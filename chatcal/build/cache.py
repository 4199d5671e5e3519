"""What one build keeps for the next, so a one-chat edit rebuilds one chat.

Kept, in one pickle per output directory under `.cache/`:
- each file's digest with its parsed chat and problems;
- rendered descriptions (Markdown -> HTML and plain text);
- each chat's serialized feed events, its chats.json fields and search words;
- each VTIMEZONE, and a key of what each chat's card in listings shows;
- each chat page's key, with the time until which it holds;
- for every page and feed written, the key of what it was made from, and
  the list of the site's files.

A file whose key is unchanged is not made again: it stays in `output/` as
the previous build left it (see `outputs.py`). Everything is dropped when the
fingerprint changes: the code, the theme, the settings or a dependency.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from chatcal.chatfile.catalog import Attached, FileResult

KEEP_CACHES = 4
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # all of chatcal/, every layer
# Versions that change what is rendered, besides our own code.
DEPENDENCIES = ("pelican", "jinja2", "markdown", "nh3", "tzdata", "icalendar", "markupsafe", "rjsmin", "rcssmin",
                "babel", "pillow")
# Settings that differ between identical builds, or hold the build's own objects.
VOLATILE_SETTINGS = {"OUTPUT_PATH", "CHATCAL_BUILD"}


@dataclass
class BuildCache:
    fingerprint: str = ""
    files: dict[str, FileResult] = field(default_factory=dict)  # by display path
    sessions: dict[tuple, Attached] = field(default_factory=dict)  # each chat's session files, as checked
    descriptions: dict[str, tuple[str, str]] = field(default_factory=dict)  # Markdown -> (HTML, text)
    events: dict[str, list[tuple[str, bytes]]] = field(default_factory=dict)  # digest -> [(TZID, VEVENT)]
    cards: dict[str, str] = field(default_factory=dict)  # digest -> key of what the chat's card shows
    exports: dict[str, tuple[str, str]] = field(default_factory=dict)  # digest -> (JSON fields, search words)
    zones: dict[str, bytes] = field(default_factory=dict)  # TZID -> VTIMEZONE
    # digest -> (liveness badge, from, until, key of the chat's page): the key while now is in [from, until)
    page_keys: dict[str, tuple] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)  # output path -> key of its content
    site_files: set[str] | None = None  # every file of the site in output/, when the cache describes it

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> BuildCache:
        """The cache at `path` if it was made by the same code and settings, else an empty one."""
        try:
            with path.open("rb") as stream:
                cache = pickle.load(stream)
        except Exception:  # missing, truncated or from another version: start afresh
            return cls(fingerprint)
        return cache if isinstance(cache, cls) and cache.fingerprint == fingerprint else cls(fingerprint)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        with partial.open("wb") as stream:
            pickle.dump(self, stream, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(path)
        _prune(path.parent)


def _prune(directory: Path) -> None:
    """Keep the caches of the most recently built output directories only."""
    caches = sorted(directory.glob("build-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in caches[KEEP_CACHES:]:
        stale.unlink(missing_ok=True)


def cache_file(cache_dir: Path, output: Path) -> Path:
    """One cache per output directory: each holds the keys of its own files."""
    return cache_dir / f"build-{hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:16]}.pickle"


def fingerprint(settings: dict, sources: list[Path]) -> str:
    """What every cached result depends on besides the chat files themselves."""
    digest = hashlib.sha256(sys.version.encode())
    for name in DEPENDENCIES:
        digest.update(f"{name}={_version(name)};".encode())
    for key in sorted(settings):
        if key.isupper() and key not in VOLATILE_SETTINGS:
            try:
                digest.update(f"{key}={json.dumps(settings[key], sort_keys=True)};".encode())
            except TypeError:  # functions and classes: not data that shapes the output
                continue
    for root in sources:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def content_key(*parts) -> str:
    """A short key for output made from `parts` (strings, numbers and lists of them)."""
    return hashlib.sha256(json.dumps(parts, default=str, ensure_ascii=False).encode()).hexdigest()[:32]
