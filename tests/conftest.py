"""Shared fixtures: the fixture site's catalog, the site built once per run, a browser."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import zoneinfo
from pathlib import Path

import pytest

from chatcal.build import build_site
from chatcal.chatfile.catalog import load_catalog
from chatcal.tools.chromium import launch
from tests.support import (
    CHROMIUM,
    FIXTURE_CONTENT,
    FIXTURE_NOW,
    ROOT,
    serving,
)

# Independent readers look zones up by name: make them read the pinned tzdata
# package too, not this machine's older zone files.
zoneinfo.reset_tzpath(to=[])

# Builds in tests keep their caches out of the project's own .cache/.
if "CHATCAL_CACHE_DIR" not in os.environ:
    os.environ["CHATCAL_CACHE_DIR"] = tempfile.mkdtemp(prefix="chatcal-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CHATCAL_CACHE_DIR"], True)


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


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright (`.ci/run` installs Debian's; CHATCAL_BROWSER picks another)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) "
                    "or set CHATCAL_BROWSER to a Chromium or Chrome binary")
    with sync_playwright() as playwright:
        instance = launch(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site(built_site):
    """The fixture site served on 127.0.0.1 for browser tests."""
    with serving(built_site) as url:
        yield url
