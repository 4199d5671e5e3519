"""What tests share: the fixture site, its clock, a browser, and a server for a built site.

Fixtures (`fixture_catalog`, `built_site`, `browser`, `site`) live in
`tests/conftest.py` and build on these.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixture_site" / "content"
# The fixture site's clock: a Sunday, a week before the US clock change.
FIXTURE_NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
AXE = ROOT / "node_modules/axe-core/axe.min.js"

# Debian's chromium by default; CHATCAL_BROWSER points at another Chromium or Chrome
# (GitHub's runners have Chrome preinstalled).
CHROMIUM = os.environ.get("CHATCAL_BROWSER") or "/usr/bin/chromium"
# Flags for a closed network: no background requests, no first-run work.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def write_chat(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


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
