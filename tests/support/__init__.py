"""What tests share: the fixture site, its clock, a browser, and a server for a built site.

Fixtures (`fixture_catalog`, `built_site`, `browser`, `site`) live in
`tests/conftest.py` and build on these.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chatcal.tools.chromium import BROWSER
from chatcal.tools.serve import serving  # noqa: F401  (tests serve built sites with it)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_CONTENT = ROOT / "tests" / "fixture_site" / "content"
# The fixture site's clock: a Sunday, a week before the US clock change.
FIXTURE_NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.timezone.utc)
AXE = ROOT / "node_modules/axe-core/axe.min.js"

# The browser the tools drive (CHATCAL_BROWSER picks another).
CHROMIUM = BROWSER


def write_chat(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


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


def axe_violations(page) -> list:
    """What axe-core finds on the page as it is now: [[rule id, [selectors]], ...]. The page must
    have been opened with `bypass_csp=True`, so the script can be added."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("axe.run(document).then(r => r.violations.map(v => [v.id, v.nodes.map(n => n.target)]))")
