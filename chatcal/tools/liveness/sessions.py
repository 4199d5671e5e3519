"""The past sessions a liveness run judges, from the schedule model (zones, DST, skips, session files)."""

from __future__ import annotations

import datetime as dt

from chatcal.model import Chat
from chatcal.schedule import rules

# A session is judged once it ended at least this long ago: posts about it have been made by then.
SETTLED = dt.timedelta(hours=24)
# How far back to look for the last sessions: a monthly chat's last six fit in it.
LOOK_BACK = dt.timedelta(days=200)


def past_sessions(chat: Chat, now: dt.datetime, count: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """The chat's last `count` sessions that ended a day before `now`, as (start, end) in UTC, oldest first."""
    settled = now - SETTLED
    found = [(s.start, s.end) for s in rules.sessions(chat, now - LOOK_BACK, settled) if s.end <= settled]
    return found[-count:]
