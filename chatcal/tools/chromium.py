"""The browser the tools and tests drive: Debian's Chromium, or CHATCAL_BROWSER, on a closed network."""

from __future__ import annotations

import os

# Debian's chromium by default; CHATCAL_BROWSER points at another Chromium or Chrome
# (GitHub's runners have Chrome preinstalled).
BROWSER = os.environ.get("CHATCAL_BROWSER") or "/usr/bin/chromium"
# Flags for a closed network: no background requests, no first-run work.
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch(playwright):
    """A headless Chromium of `playwright` (sync API)."""
    return playwright.chromium.launch(executable_path=BROWSER, args=BROWSER_ARGS)
