"""Page weight budgets, measured over a built site: gzip bytes and requests.

A page's weight is its HTML plus everything the browser fetches to show it:
stylesheets, scripts and the modules they import, and the schedule data the
scripts load on the pages that need it. Bytes are gzip -9 sizes, as a server
would send them.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from chatcal.urls import SiteUrls

# Pages whose script loads the schedule data (see theme/static/js/site.js).
DATA_MARKERS = ("data-calendar-controls", "data-happening-now", "data-topic-week", "data-my-chats")


@dataclass(frozen=True)
class Budget:
    page: str  # path under the site, e.g. "calendar/index.html"
    max_gzip_bytes: int
    max_requests: int | None = None


@dataclass(frozen=True)
class Weight:
    page: str
    files: tuple[str, ...]  # every file fetched, the page first
    gzip_bytes: int

    @property
    def requests(self) -> int:
        return len(self.files)


class _Subresources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_noscript = False  # what a browser running scripts never fetches

    def handle_endtag(self, tag):
        if tag == "noscript":
            self.in_noscript = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "noscript":
            self.in_noscript = True
        elif self.in_noscript:
            return
        elif tag == "link" and attrs.get("rel") in ("stylesheet", "modulepreload", "preload"):
            self.found.append(attrs.get("href", ""))
        elif tag in ("script", "img") and attrs.get("src"):
            self.found.append(attrs["src"])


def _local(url: str, site_prefix: str) -> str | None:
    """A site-relative path for a same-origin URL; None for data: and other origins."""
    if url.startswith("data:") or "//" in url.split("?")[0][:8]:
        return None
    path = url.split("?")[0].split("#")[0]
    return path.removeprefix(site_prefix).lstrip("/")


def _imports(script: Path) -> list[str]:
    """Static ES module imports of a script, as paths next to it."""
    text = script.read_text(encoding="utf-8")
    names = re.findall(r"""^\s*import\b[^'"]*['"](\./[^'"]+)['"]""", text, re.M)
    return [str((script.parent / name).resolve()) for name in names]


def page_weight(site: Path, page: str, site_prefix: str = "") -> Weight:
    html = (site / page).read_text(encoding="utf-8")
    parser = _Subresources()
    parser.feed(html)
    files = [str((site / page).resolve())]
    queue = [site / p for p in (_local(u, site_prefix) for u in parser.found) if p]
    if any(marker in html for marker in DATA_MARKERS):
        queue.append(site / SiteUrls.SCHEDULES_JSON)
    while queue:
        path = queue.pop(0).resolve()
        if str(path) in files:
            continue
        files.append(str(path))
        if path.suffix == ".js":
            queue.extend(Path(p) for p in _imports(path))
    size = sum(len(gzip.compress(Path(f).read_bytes(), 9)) for f in files)
    root = str(site.resolve()) + "/"
    return Weight(page, tuple(f.removeprefix(root) for f in files), size)


def check_budgets(site: Path, budgets: list[Budget]) -> list[tuple[Budget, Weight, bool]]:
    results = []
    for budget in budgets:
        weight = page_weight(site, budget.page)
        within = weight.gzip_bytes <= budget.max_gzip_bytes and (
            budget.max_requests is None or weight.requests <= budget.max_requests)
        results.append((budget, weight, within))
    return results


def budget_table(results: list[tuple[Budget, Weight, bool]]) -> str:
    lines = [f"{'page':42} {'gzip bytes':>11} {'budget':>8} {'requests':>9} {'budget':>7}  result"]
    for budget, weight, within in results:
        limit = "-" if budget.max_requests is None else str(budget.max_requests)
        lines.append(f"{budget.page:42} {weight.gzip_bytes:>11,} {budget.max_gzip_bytes:>8,} "
                     f"{weight.requests:>9} {limit:>7}  {'ok' if within else 'OVER'}")
    return "\n".join(lines)
