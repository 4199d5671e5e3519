"""A whole build: check every chat, render into a fresh directory, publish it.

The site is written to a temporary directory next to `output/` and reaches
it only when everything succeeded (see `outputs.py`), so a failed build
leaves the previous site exactly as it was. With the build cache, only what
changed since the previous build is made (see `buildcache.py`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from chatcal.build.cache import PACKAGE_DIR, BuildCache, cache_file, fingerprint
from chatcal.build.context import SETTING, BuildContext
from chatcal.build.outputs import Outputs
from chatcal.build.warm import WarmCache
from chatcal.chatfile.catalog import Catalog, load_catalog
from chatcal.report import errors, github_annotation, summary
from chatcal.site.liveness import read_data as read_liveness
from chatcal.urls import SiteUrls

LIVENESS_FILE = "liveness.json"  # in the content folder, written by `invoke liveness`


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
               content: Path | None = None, overrides: dict | None = None, warm: WarmCache | None = None) -> int:
    """Build the site from `content` (default root/content) into `output`.

    Returns a process exit status; problems are printed, never raised.
    A process that builds again and again passes the same `warm` each time.
    """
    with _fewer_collections() as freeze:
        return _build_site(root, settings_file, output, now, content, overrides, freeze, warm or WarmCache(background=False))


def _build_site(root, settings_file, output, now, content, overrides, freeze, warm: WarmCache) -> int:
    from pelican import Pelican
    from pelican.settings import read_settings

    root = root.resolve()
    output = output if output.is_absolute() else root / output
    settings = read_settings(str(root / settings_file), override={"PATH": str(content or root / "content"), **(overrides or {})})
    cache_dir = root / settings["CHATCAL_CACHE_DIR"] if settings.get("CHATCAL_CACHE_DIR") else None
    cache_path = cache_file(cache_dir, output) if cache_dir else None
    cache = warm.load(cache_path, _fingerprint(root, settings)) if cache_path else BuildCache()
    if cache_dir:
        _keep_compiled_templates(settings, cache_dir / "templates")
    catalog = load_catalog(Path(settings["PATH"]) / settings["CHATCAL_CHATS_DIR"], Path(settings["PATH"]).parent,
                           known=cache.files, known_sessions=cache.sessions)
    freeze()  # the cache and the catalog live until the end of the build
    print_problems(catalog)
    if errors(catalog.problems):
        print(f"Build stopped: fix the errors above. {output} was not changed.", file=sys.stderr)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        outputs = Outputs(staging, output, cache.outputs, cache.site_files, trusted=warm.holds(cache))
        urls = SiteUrls(settings["CHATCAL_PUBLIC_URL"].rstrip("/"))
        liveness = _liveness(Path(settings["PATH"]) / LIVENESS_FILE)
        settings.update({"OUTPUT_PATH": str(staging),
                         SETTING: BuildContext(catalog, now, cache, outputs, urls, liveness)})
        logging.getLogger("pelican").setLevel(logging.WARNING)
        _run_quietly(Pelican(settings))
    except Exception as error:  # a template or writer failure: keep the old site
        shutil.rmtree(staging, ignore_errors=True)
        warm.forget()
        print(f"Build failed: {type(error).__name__}: {error}. {output} was not changed.", file=sys.stderr)
        return 1
    if cache_path:  # from here until saved, the cache does not describe output/
        warm.wait()
        cache_path.unlink(missing_ok=True)
    cache.outputs, cache.site_files = outputs.keys, outputs.publish()
    warm.keep(cache if cache_path else None, cache_path, outputs.retired)
    print(f"Built {len(catalog.chats)} chats into {output}")
    return 0


def _keep_compiled_templates(settings: dict, directory: Path) -> None:
    """Have Jinja keep each template compiled, by its source's checksum: compiling the
    theme took 0.12 s of every build. (After the fingerprint: an object is not settings data.)"""
    from jinja2 import FileSystemBytecodeCache

    directory.mkdir(parents=True, exist_ok=True)
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": FileSystemBytecodeCache(str(directory))}


def _liveness(path: Path) -> dict[str, dict]:
    """The chats' records of the liveness data file, if there is one; a bad file is set aside with a warning."""
    data, problem = read_liveness(path)
    if problem:
        print(f"Warning: {problem}; the site is built without it.", file=sys.stderr)
    return data["chats"]


def skip_collection_at_exit() -> None:
    """For a process that ends after its build: its last garbage collections skip what is left.

    At exit the interpreter collects garbage over every object still alive (the
    memoized sessions, descriptions and templates of 5,000 chats), which took
    up to half a second; the process's memory is returned whole anyway.
    """
    gc.freeze()


def _fingerprint(root: Path, settings: dict) -> str:
    """Code, theme and settings: what a cached result depends on besides the chat files."""
    plugins = [root / p for p in settings.get("PLUGIN_PATHS", [])]
    return fingerprint(settings, [PACKAGE_DIR, Path(settings["THEME"]), *plugins])


@contextlib.contextmanager
def _fewer_collections():
    """Have the garbage collector skip what is loaded and run less often.

    A build holds hundreds of thousands of long-lived objects (the chats, the
    cache) and allocates millions of short-lived ones that reference counting
    frees; with the default thresholds, cycle collection rescanning the former
    took a third of a rebuild's time.
    """
    previous = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield gc.freeze
    finally:
        gc.set_threshold(*previous)
        gc.unfreeze()


def _run_quietly(pelican) -> None:
    """Run Pelican without its summary line, which counts articles we don't have."""
    from pelican.log import console

    quiet, console.quiet = console.quiet, True
    try:
        pelican.run()
    finally:
        console.quiet = quiet
