"""Independent readers of our feeds, each expanding them into sessions.

Every reader returns {uid: [(start, end), ...]} in UTC over [start, end).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import recurring_ical_events
from ical.calendar_stream import IcsCalendarStream

UTC = dt.timezone.utc
Expansion = dict[str, list[tuple[dt.datetime, dt.datetime]]]


def _add(found: Expansion, uid: str, start: dt.datetime, end: dt.datetime) -> None:
    found.setdefault(str(uid), []).append((start.astimezone(UTC), end.astimezone(UTC)))


def expand_with_icalendar(path: Path, start: dt.datetime, end: dt.datetime) -> Expansion:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found: Expansion = {}
    for event in recurring_ical_events.of(calendar).between(start, end):
        _add(found, event["UID"], event["DTSTART"].dt, event["DTEND"].dt)
    return _sorted(found, start, end)


def expand_with_ical(path: Path, start: dt.datetime, end: dt.datetime) -> Expansion:
    calendar = IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))
    found: Expansion = {}
    for event in calendar.timeline_tz(UTC).overlapping(start, end):
        _add(found, event.uid, event.start, event.end)
    return _sorted(found, start, end)


def _sorted(found: Expansion, start: dt.datetime, end: dt.datetime) -> Expansion:
    return {uid: sorted(s for s in sessions if start <= s[0] < end) for uid, sessions in found.items()}
