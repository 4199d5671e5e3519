"""Shared fixtures: a fixed clock, and the fixture site built once per run."""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import os
import shutil
import tempfile
import threading
import zoneinfo
from pathlib import Path

import pytest

from chatcal.build import build_site
from chatcal.chatfile.catalog import load_catalog

# Independent readers look zones up by name: make them read the pinned tzdata
# package too, not this machine's older zone files.
zoneinfo.reset_tzpath(to=[])

# Builds in tests keep their caches out of the project's own .cache/.
if "CHATCAL_CACHE_DIR" not in os.environ:
    os.environ["CHATCAL_CACHE_DIR"] = tempfile.mkdtemp(prefix="chatcal-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CHATCAL_CACHE_DIR"], True)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixture_site" / "content"
# The fixture site's clock: a Sunday, a week before the US clock change.
FIXTURE_NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="session")
def fixture_catalog():
    catalog = load_catalog(FIXTURE_CONTENT / "chats", FIXTURE_CONTENT.parent)
    assert catalog.ok, [str(p) for p in catalog.problems]
    return catalog


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The fixture site, built once with the fixed clock."""
    output = tmp_path_factory.mktemp("site") / "output"
    assert build_site(ROOT, "pelicanconf.py", output, FIXTURE_NOW, content=FIXTURE_CONTENT) == 0
    return output


def write_chat(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


CHROMIUM = "/usr/bin/chromium"
# Flags for a closed network: no background requests, no first-run work.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (`.ci/run` installs it)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@contextlib.contextmanager
def serving(directory: Path):
    """Serve a built site on 127.0.0.1 for the duration of a test."""
    from chatcal.tools.serve import make_server

    server = make_server(directory, port=0, verbose=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


AXE = ROOT / "node_modules/axe-core/axe.min.js"


@pytest.fixture(scope="session")
def site(built_site):
    """The fixture site served on 127.0.0.1 for browser tests."""
    with serving(built_site) as url:
        yield url


def open_page(browser, url: str, timezone: str, at: dt.datetime, locale: str = "en-US", **options):
    """A page in a fresh context with an emulated zone and a frozen clock; fails on script errors."""
    context = browser.new_context(timezone_id=timezone, locale=locale, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install(time=at)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert errors == []
    return page
