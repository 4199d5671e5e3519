"""What the site remembers from build to build in one process gives what working it out again gives.

A rebuild in the same process (`invoke livereload`) reuses each chat page's key
until a given time, and the home page's lists come from the chats' next sessions,
which it remembers: each is checked here against the plain computation,
hour by hour over weeks of the fixture site (clock changes, moved, cancelled and
extra sessions included).
"""

from __future__ import annotations

import datetime as dt

from chatcal.schedule import rules
from chatcal.site import pages
from tests.support import FIXTURE_NOW

HOURS = [FIXTURE_NOW + dt.timedelta(hours=h, minutes=17 * (h % 4)) for h in range(-24 * 7, 24 * 35, 5)]


def test_a_chat_pages_moment_holds_until_the_time_given(fixture_catalog):
    checked = 0
    for chat in fixture_catalog.chats:
        for now in HOURS:
            moment = pages.chat_page_moment(chat, now, 12)
            lasts = pages.chat_page_moment_lasts(chat, now)
            assert lasts >= now
            for later in (now + (lasts - now) / 2, lasts - dt.timedelta(seconds=1)):
                if now <= later < lasts:
                    assert pages.chat_page_moment(chat, later, 12) == moment, (chat.slug, now, later)
                    checked += 1
    assert checked > 1000


def test_the_home_pages_lists_are_the_sessions_that_overlap(fixture_catalog):
    chats = fixture_catalog.chats
    for now in HOURS:
        soon = now + dt.timedelta(hours=24)
        expected = sorted((s.start, c.slug, s.entry) for c in chats if c.active for s in rules.sessions(c, now, soon)
                          if now < s.start < soon)
        assert [(item.chat.slug, item.session.utc) for item in pages.starting_soon(chats, now)] == \
            [(slug, start.strftime("%Y-%m-%dT%H:%M:%SZ")) for start, slug, _ in expected]
        running = sorted((s.start, c.slug) for c in chats if c.active
                         for s in rules.sessions(c, now, now + dt.timedelta(seconds=1)) if s.start <= now)
        assert [item.chat.slug for item in pages.happening_now(chats, now)] == [slug for _, slug in running]

