"""Links a chat page offers: the Google copy starts at each series' next session."""

from __future__ import annotations

import datetime as dt

from chatcal.schedule import rules
from chatcal.site import links
from tests.support import FIXTURE_NOW


def test_the_google_copy_starts_at_the_series_next_session(fixture_catalog):
    """Searched in a short window first: the same session a year's search finds (monthly and
    every-N-weeks series, skipped dates and session files included)."""
    for chat in fixture_catalog.chats:
        for series in rules.chat_series(chat):
            for days in range(0, 120, 3):
                now = FIXTURE_NOW + dt.timedelta(days=days, hours=days % 24)
                year = [s.local for s in rules.sessions(chat, now, now + dt.timedelta(days=400))
                        if s.entry == series.entry.id and any(links._falls_on(s.local.date(), d) for d in series.days)]
                assert links._next_local_start(chat, series, now) == (year[0] if year else None), (chat.slug, now)
