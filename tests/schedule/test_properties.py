"""Property-based tests: no input crashes the reader, and our expansion
equals an independent one (dateutil.rrule with zoneinfo)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dateutil import rrule as du
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatcal.chatfile.reader import read_chat
from chatcal.model import Chat, Day, Entry
from chatcal.schedule import rules
from chatcal.schedule.tz import zone
from tests.support import FIXTURE_CONTENT

VALID = (FIXTURE_CONTENT / "chats/multi-edition.md").read_bytes()
ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu",
         "America/St_Johns", "Pacific/Auckland", "America/Sao_Paulo", "UTC", "Africa/Casablanca",
         "Pacific/Chatham", "America/Santiago", "Asia/Tehran", "Europe/Dublin", "America/Vancouver"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_give_problems_not_exceptions(data):
    chat, report = read_chat(Path("random.md"), data=data)
    assert chat is not None or report.has_errors


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_front_matter_gives_problems_not_exceptions(data):
    text = bytearray(VALID)
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(text) - 1))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        byte = data.draw(st.sampled_from(list(b" :-#[]{}\n\t'\"&*!|>%@`,0123456789aZ")))
        if action == "delete":
            del text[position]
        elif action == "insert":
            text.insert(position, byte)
        else:
            text[position] = byte
    chat, report = read_chat(Path("mutated.md"), data=bytes(text))
    assert chat is not None or report.has_errors


WEEKDAYS = [du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU]


@st.composite
def entries(draw):
    monthly = draw(st.booleans())
    if monthly:
        on = (Day(draw(st.integers(0, 6)), draw(st.sampled_from([1, 2, 3, 4, -1]))),)
        interval = 1
    else:
        days = draw(st.lists(st.integers(0, 6), min_size=1, max_size=3, unique=True))
        on = tuple(Day(d) for d in days)
        interval = draw(st.integers(1, 8))
    start = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 400)))
    if not monthly:
        start += dt.timedelta(days=(on[0].weekday - start.weekday()) % 7)
    at = dt.time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 15, 30, 45])))
    return Entry(id="1", every="month" if monthly else "week", interval=interval, on=on, at=at,
                 timezone=draw(st.sampled_from(ZONES)), duration=draw(st.integers(5, 720)),
                 start=start if not monthly else None)


def reference_starts(entry: Entry, added: dt.date, first: dt.datetime, last: dt.datetime) -> list[dt.datetime]:
    """The same rule expanded by dateutil, then placed in the zone by zoneinfo."""
    begin = dt.datetime.combine(entry.start or added, entry.at)
    if entry.monthly:
        day = entry.on[0]
        rule = du.rrule(du.MONTHLY, dtstart=begin, byweekday=WEEKDAYS[day.weekday](day.ordinal))
    else:
        rule = du.rrule(du.WEEKLY, dtstart=begin, interval=entry.interval, wkst=du.MO,
                        byweekday=[WEEKDAYS[d.weekday] for d in entry.on])
    margin = dt.timedelta(days=2)  # local dates run up to a day either side of UTC
    window = rule.between(first.replace(tzinfo=None) - margin, last.replace(tzinfo=None) + margin, inc=True)
    starts = [local.replace(tzinfo=zone(entry.timezone)).astimezone(dt.timezone.utc) for local in window]
    return [s for s in starts if first <= s < last]


@settings(max_examples=200, deadline=None)
@given(entries())
def test_expansion_matches_dateutil(entry):
    added = dt.date(2026, 1, 1)
    chat = Chat(slug="p", title="p", hashtag="p", schedule=(entry,), added=added, description="p")
    first = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    last = dt.datetime(2028, 1, 1, tzinfo=dt.timezone.utc)
    ours = [s.start for s in rules.sessions(chat, first, last) if s.start >= first]
    assert ours == reference_starts(entry, added, first, last)
