"""Screenshots of each kind of page, for looking at the design: light and dark,
desktop and phone, with a frozen clock and a fixed time zone.

    take_screenshots(Path("output"), Path("screenshots"), now=dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc))

Serves the built site on 127.0.0.1 for the duration, and drives Chromium with
Playwright (Debian's /usr/bin/chromium unless CHATCAL_BROWSER names another).
Files are named <page>-<scheme>-<device>.png.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chatcal.tools.chromium import launch
from chatcal.tools.serve import serving

# (name, path): one page of each kind; the chat, session and topic pages are found in the built site.
FIXED_PAGES = [("home", "/"), ("calendar", "/calendar/"), ("search", "/search/?q=writing"), ("my", "/my/"),
               ("add", "/add/"), ("about", "/about/"), ("feeds", "/feeds/"), ("404", "/no-such-page/")]
DEVICES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
ZONE = "America/New_York"
LOCALE = "en-US"


# (name, pattern): page kinds found in the built site, the first of each alphabetically.
FOUND_PAGES = [("chat", "chats/*/index.html"), ("session", "chats/*/*/index.html"), ("topic", "topics/*/index.html")]


def _first(site_dir: Path, pattern: str) -> str | None:
    """The address of the first page matching `pattern`, alphabetically."""
    pages = sorted(str(p.parent.relative_to(site_dir)) for p in site_dir.glob(pattern))
    return f"/{pages[0]}/" if pages else None


def pages(site_dir: Path) -> list[tuple[str, str]]:
    found = list(FIXED_PAGES)
    for name, pattern in reversed(FOUND_PAGES):
        path = _first(site_dir, pattern)
        if path:
            found.insert(1, (name, path))
    return found


def take_screenshots(site_dir: Path, out_dir: Path, now: dt.datetime, full_page: bool = True,
                     only: set[str] | None = None) -> list[Path]:
    """Saves a PNG of each page kind in each scheme and device; returns the files written."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serving(site_dir) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for scheme in SCHEMES:
                for device, viewport in DEVICES.items():
                    context = browser.new_context(viewport=viewport, color_scheme=scheme, timezone_id=ZONE,
                                                  locale=LOCALE, device_scale_factor=1)
                    # One star, so "my chats" and the header's count have something to show.
                    context.add_init_script(
                        "try { if (!localStorage.getItem('chatcal:stars')) "
                        "localStorage.setItem('chatcal:stars', JSON.stringify(['weekly-ny'])) } catch {}")
                    page = context.new_page()
                    page.clock.install(time=now)
                    for name, path in pages(site_dir):
                        if only and name not in only:
                            continue
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        page.evaluate("scrollTo(0, 0)")  # a whole page, from its top
                        target = out_dir / f"{name}-{scheme}-{device}.png"
                        page.screenshot(path=str(target), full_page=full_page)
                        written.append(target)
                    context.close()
        finally:
            browser.close()
    return written
