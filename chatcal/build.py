"""A whole build: check every chat, render into a fresh directory, swap it in.

The site is written to a temporary directory next to `output/` and replaces
it only when everything succeeded, so a failed build leaves the previous
site exactly as it was, and nothing half-written is ever served.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from .buildcache import PACKAGE_DIR, BuildCache, cache_file, fingerprint
from .catalog import Catalog, load_catalog
from .report import errors, github_annotation, summary


def build_clock(environ: dict | None = None) -> dt.datetime:
    """The build's "now": SOURCE_DATE_EPOCH when set, for reproducible builds."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def print_problems(catalog: Catalog, stream=None, environ: dict | None = None) -> None:
    """Every problem, one per line; in GitHub Actions also as annotations on the PR."""
    stream = stream or sys.stderr
    environ = os.environ if environ is None else environ
    for problem in catalog.problems:
        print(problem, file=stream)
        if environ.get("GITHUB_ACTIONS") == "true":
            print(github_annotation(problem), file=sys.stdout)
    if catalog.problems:
        print(summary(catalog.problems), file=stream)


def check(root: Path, settings: dict, paths: list[Path] | None = None) -> Catalog:
    chats_dir = root / settings["PATH"] / settings["CHATCAL_CHATS_DIR"]
    return load_catalog(chats_dir, root, paths)


def build_site(root: Path, settings_file: str, output: Path, now: dt.datetime,
               content: Path | None = None, overrides: dict | None = None) -> int:
    """Build the site from `content` (default root/content) into `output`.

    Returns a process exit status; problems are printed, never raised.
    """
    from pelican import Pelican
    from pelican.settings import read_settings

    root = root.resolve()
    output = output if output.is_absolute() else root / output
    settings = read_settings(str(root / settings_file), override={"PATH": str(content or root / "content"), **(overrides or {})})
    cache_path = cache_file(root / settings["CHATCAL_CACHE_DIR"], output) if settings.get("CHATCAL_CACHE_DIR") else None
    cache = BuildCache.load(cache_path, _fingerprint(root, settings)) if cache_path else BuildCache()
    catalog = load_catalog(Path(settings["PATH"]) / settings["CHATCAL_CHATS_DIR"], Path(settings["PATH"]).parent,
                           known=cache.files)
    print_problems(catalog)
    if errors(catalog.problems):
        print(f"Build stopped: fix the errors above. {output} was not changed.", file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        settings.update(OUTPUT_PATH=str(staging), CHATCAL_CATALOG=catalog, CHATCAL_NOW=now, CHATCAL_CACHE=cache,
                        CHATCAL_PREVIOUS_OUTPUT=output)
        logging.getLogger("pelican").setLevel(logging.WARNING)
        _run_quietly(Pelican(settings))
    except Exception as error:  # a template or writer failure: keep the old site
        shutil.rmtree(staging, ignore_errors=True)
        print(f"Build failed: {type(error).__name__}: {error}. {output} was not changed.", file=sys.stderr)
        return 1
    _swap(staging, output)
    if cache_path:
        cache.save(cache_path)
    print(f"Built {len(catalog.chats)} chats into {output}")
    return 0


def _fingerprint(root: Path, settings: dict) -> str:
    """Code, theme and settings: what a cached result depends on besides the chat files."""
    plugins = [root / p for p in settings.get("PLUGIN_PATHS", [])]
    return fingerprint(settings, [PACKAGE_DIR, Path(settings["THEME"]), *plugins])


def _run_quietly(pelican) -> None:
    """Run Pelican without its summary line, which counts articles we don't have."""
    from pelican.log import console

    quiet, console.quiet = console.quiet, True
    try:
        pelican.run()
    finally:
        console.quiet = quiet


def _swap(staging: Path, output: Path) -> None:
    staging.chmod(0o755)
    if output.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        retired.rmdir()
        output.rename(retired)
        staging.rename(output)
        # Removed while a long-running server (livereload) goes on; the
        # interpreter waits for it before it exits.
        threading.Thread(target=shutil.rmtree, args=(retired,), kwargs={"ignore_errors": True}).start()
    else:
        staging.rename(output)
