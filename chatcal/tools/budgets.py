"""Page weight budgets, measured in a real browser over a built site: gzip bytes and requests.

A page's weight is everything the browser fetches to show it: the HTML,
stylesheets, every script (those the page names, the modules they import,
and those imported on demand), and the data the scripts load. Chromium opens
each page from a local server and every request is recorded, so nothing a
page really loads goes uncounted. Bytes are gzip -9 sizes of the files, as a
server would send them. A request to any other origin is reported too: the
site makes none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from chatcal.tools.chromium import launch
from chatcal.tools.serve import serving


@dataclass(frozen=True)
class Budget:
    page: str  # path under the site, e.g. "calendar/index.html"
    max_gzip_bytes: int
    max_requests: int | None = None


@dataclass(frozen=True)
class Weight:
    page: str
    files: tuple[str, ...]  # every file of the site fetched, the page first
    gzip_bytes: int
    elsewhere: tuple[str, ...] = ()  # requests to other origins

    @property
    def requests(self) -> int:
        return len(self.files) + len(self.elsewhere)


@contextlib.contextmanager
def browsing(site: Path, now: dt.datetime, timezone: str = "America/New_York"):
    """A function that opens a page of `site` in Chromium and returns its `Weight`."""
    from playwright.sync_api import sync_playwright

    with serving(site) as origin, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield lambda page: _weigh(browser, site, origin, page, now, timezone)
        finally:
            browser.close()


def _weigh(browser, site: Path, origin: str, page: str, now: dt.datetime, timezone: str) -> Weight:
    context = browser.new_context(timezone_id=timezone, service_workers="block")
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.clock.install(time=now)
    tab.goto(f"{origin}/{page.removesuffix('index.html')}")
    tab.wait_for_load_state("networkidle")
    context.close()
    files, elsewhere = [], []
    for url in dict.fromkeys(requested):
        if url.startswith(origin + "/"):
            files.append(_site_file(site, unquote(urlsplit(url).path)))
        elif not url.startswith("data:"):
            elsewhere.append(url)
    size = sum(len(gzip.compress((site / name).read_bytes(), 9)) for name in files if (site / name).is_file())
    return Weight(page, tuple(files), size, tuple(elsewhere))


def _site_file(site: Path, path: str) -> str:
    name = path.lstrip("/")
    return name + "index.html" if not name or name.endswith("/") or (site / name).is_dir() else name


def check_budgets(site: Path, budgets: list[Budget], now: dt.datetime) -> list[tuple[Budget, Weight, bool]]:
    results = []
    with browsing(site, now) as weigh:
        for budget in budgets:
            weight = weigh(budget.page)
            within = (weight.gzip_bytes <= budget.max_gzip_bytes and not weight.elsewhere
                      and (budget.max_requests is None or weight.requests <= budget.max_requests))
            results.append((budget, weight, within))
    return results


def budget_table(results: list[tuple[Budget, Weight, bool]]) -> str:
    lines = [f"{'page':42} {'gzip bytes':>11} {'budget':>8} {'requests':>9} {'budget':>7}  result"]
    for budget, weight, within in results:
        limit = "-" if budget.max_requests is None else str(budget.max_requests)
        lines.append(f"{budget.page:42} {weight.gzip_bytes:>11,} {budget.max_gzip_bytes:>8,} "
                     f"{weight.requests:>9} {limit:>7}  {'ok' if within else 'OVER'}")
        lines += [f"    other origin: {url}" for url in weight.elsewhere]
    return "\n".join(lines)
