"""Independent readers of our feeds, each expanding them into sessions.

Every reader returns {uid: [(start, end), ...]} in UTC over [start, end).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import subprocess
import sys
import tempfile
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


KHAL_CONFIG = """[calendars]
[[feed]]
path = {items}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%dT%H:%M
longdatetimeformat = %Y-%m-%dT%H:%M
local_timezone = UTC
default_timezone = UTC
firstweekday = 0
[sqlite]
path = {database}
"""
_BLOCK = re.compile(r"(BEGIN:(VTIMEZONE|VEVENT)\r\n.*?END:\2\r\n)", re.S)


def khal_items(feed: bytes) -> dict[str, bytes]:
    """The feed as a calendar server stores it, and as khal reads it: one file per UID (its
    events, overrides included), each with every VTIMEZONE of the feed; the blocks as they are."""
    blocks = _BLOCK.findall(feed.decode("utf-8"))
    zones = "".join(block for block, kind in blocks if kind == "VTIMEZONE")
    by_uid: dict[str, list[str]] = {}
    for block, kind in blocks:
        if kind == "VEVENT":
            by_uid.setdefault(re.search(r"^UID:(.*?)\r$", block, re.M).group(1), []).append(block)
    head = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//chatcal tests//khal//EN\r\n"
    return {uid: (head + zones + "".join(events) + "END:VCALENDAR\r\n").encode("utf-8")
            for uid, events in by_uid.items()}


def khal_list(path: Path, start: dt.datetime, end: dt.datetime) -> list[tuple[str, dt.datetime, dt.datetime, str]]:
    """What khal (the command-line calendar) lists of the feed around [start, end): each occurrence
    as (UID, start, end, SUMMARY), times in UTC. khal lists a session over midnight under both
    days (its `--once` would also list a series once), so each is kept once here."""
    return _khal_list(path.read_bytes(), start, end)


@functools.lru_cache(maxsize=64)  # a second of khal per feed; several tests read the same feeds
def _khal_list(feed: bytes, start: dt.datetime, end: dt.datetime) -> list[tuple[str, dt.datetime, dt.datetime, str]]:
    with tempfile.TemporaryDirectory(prefix="khal-") as work:
        items = Path(work) / "items"
        items.mkdir()
        for number, data in enumerate(khal_items(feed).values()):
            (items / f"{number}.ics").write_bytes(data)
        config = Path(work) / "config"
        config.write_text(KHAL_CONFIG.format(items=items, database=Path(work) / "khal.db"), encoding="utf-8")
        listed = subprocess.run(
            [sys.executable, "-m", "khal", "-c", str(config), "list", "--day-format", "",
             "--format", "{uid}|{start-long-full}|{end-long-full}|{title}",
             (start - dt.timedelta(days=1)).strftime("%Y-%m-%d"), (end + dt.timedelta(days=1)).strftime("%Y-%m-%d")],
            capture_output=True, text=True, check=True, timeout=120,
            env={**os.environ, "PYTHONTZPATH": ""})  # zoneinfo from the pinned tzdata, as in the tests
    rows = {}
    for line in filter(None, listed.stdout.splitlines()):
        uid, first, last, title = line.split("|", 3)
        first, last = (dt.datetime.strptime(t, "%Y-%m-%dT%H:%M").replace(tzinfo=UTC) for t in (first, last))
        rows[(uid, first)] = (uid, first, last, title)
    return sorted(rows.values())


def expand_with_khal(path: Path, start: dt.datetime, end: dt.datetime) -> Expansion:
    found: Expansion = {}
    for uid, first, last, _ in khal_list(path, start, end):
        _add(found, uid, first, last)
    return _sorted(found, start, end)


def _sorted(found: Expansion, start: dt.datetime, end: dt.datetime) -> Expansion:
    return {uid: sorted(s for s in sessions if start <= s[0] < end) for uid, sessions in found.items()}
