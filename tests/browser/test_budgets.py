"""The budget checker counts what a real browser fetches: every script, on demand or not, and data."""

from __future__ import annotations

from chatcal.tools.budgets import Budget, browsing, check_budgets
from tests.support import FIXTURE_NOW


def test_page_weights_count_every_request(built_site):
    with browsing(built_site, FIXTURE_NOW) as weigh:
        chat = weigh("chats/weekly-ny/index.html")
        calendar = weigh("calendar/index.html")
        search = weigh("search/index.html?q=writers")
    assert chat.files[0] == "chats/weekly-ny/index.html"
    assert "theme/css/site.css" in chat.files and "theme/js/schedule.js" in chat.files
    assert chat.elsewhere == ()
    # The calendar's own script and the schedules it draws are counted, whoever loads them.
    assert "theme/js/calendar.js" in calendar.files and "data/schedules.json" in calendar.files
    assert "theme/js/vendor/minisearch.js" in search.files
    assert calendar.gzip_bytes > chat.gzip_bytes > 0


def test_a_budget_too_small_is_over(built_site):
    [(_, weight, within)] = check_budgets(built_site, [Budget("chats/weekly-ny/index.html", 100, 4)], FIXTURE_NOW)
    assert not within and weight.gzip_bytes > 100
