"""VTIMEZONE components that every calendar client reads the same way.

icalendar can generate VTIMEZONEs, but lists transitions as comma-separated
RDATEs, which ical.js and vobject misread. We derive rule-based observances
instead: the zone's transitions are grouped into yearly runs (same month,
same "Nth/last weekday", same wall time and offsets) and each run becomes one
STANDARD or DAYLIGHT block with a yearly RRULE, as published zone files do.
A transition that fits no run becomes a block of its own.

One VTIMEZONE per zone is computed once and reused by every feed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from chatcal.schedule.tz import zone

UTC = dt.timezone.utc
# Observances start in 2000: long before any chat, and before the years that
# some readers (vobject) treat oddly when a zone's first observance is late.
WINDOW_START = dt.datetime(2000, 1, 1, tzinfo=UTC)
WINDOW_END = dt.datetime(2040, 1, 1, tzinfo=UTC)
STEP = dt.timedelta(days=7)
RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


@dataclass(frozen=True)
class State:
    offset: dt.timedelta
    dst: bool
    name: str


@dataclass(frozen=True)
class Transition:
    at: dt.datetime  # UTC
    before: State
    after: State

    @property
    def local(self) -> dt.datetime:
        """Wall-clock time of the change, in the offset before it (as DTSTART)."""
        return (self.at + self.before.offset).replace(tzinfo=None)

    @property
    def rule_key(self) -> tuple:
        local = self.local
        length = calendar.monthrange(local.year, local.month)[1]
        ordinal = -1 if local.day + 7 > length else (local.day - 1) // 7 + 1
        return (self.before.offset, self.after, local.month, ordinal, local.weekday(), local.time())


def state_at(name: str, instant: dt.datetime) -> State:
    return State(*_state(zone(name), instant))


def _state(tz: dt.tzinfo, instant: dt.datetime) -> tuple[dt.timedelta, bool, str]:
    """`State`'s fields as a plain tuple: the search below compares hundreds of
    thousands of them, and a tuple is far cheaper to make and compare."""
    local = instant.astimezone(tz)
    return local.utcoffset(), bool(local.dst()), local.tzname() or ""


def transitions(name: str, start: dt.datetime = WINDOW_START, end: dt.datetime = WINDOW_END) -> list[Transition]:
    """Every change of offset, DST flag or abbreviation between start and end."""
    tz = zone(name)
    found = []
    time, state = start, _state(tz, start)
    while time < end:
        later = min(time + STEP, end)
        later_state = _state(tz, later)
        if later_state != state:
            found.extend(_changes_between(tz, time, state, later))
        time, state = later, later_state
    return found


def _changes_between(tz: dt.tzinfo, low: dt.datetime, state: tuple, high: dt.datetime) -> list[Transition]:
    """Transitions in (low, high], found day by day, then to the second."""
    changes = []
    day = dt.timedelta(days=1)
    while low < high:
        step_end = min(low + day, high)
        if _state(tz, step_end) != state:
            changes.append(_bisect(tz, low, state, step_end))
            state = _state(tz, changes[-1].at)
            low = changes[-1].at
            continue
        low = step_end
    return changes


def _bisect(tz: dt.tzinfo, low: dt.datetime, before: tuple, high: dt.datetime) -> Transition:
    while high - low > dt.timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            break
        if _state(tz, middle) == before:
            low = middle
        else:
            high = middle
    return Transition(high, State(*before), State(*_state(tz, high)))


@dataclass
class Run:
    """Transitions of consecutive years that follow one yearly rule."""

    items: list[Transition]

    @property
    def first(self) -> Transition:
        return self.items[0]


def runs(changes: list[Transition]) -> list[Run]:
    result: list[Run] = []
    open_runs: dict[tuple, Run] = {}
    for change in changes:
        key = change.rule_key
        run = open_runs.get(key)
        if run and run.items[-1].local.year == change.local.year - 1:
            run.items.append(change)
        else:
            run = Run([change])
            open_runs[key] = run
            result.append(run)
    return result


def _observance(state: State, start: dt.datetime, before: dt.timedelta):
    block = TimezoneDaylight() if state.dst else TimezoneStandard()
    block.add("DTSTART", start)
    block.add("TZOFFSETFROM", before)
    block.add("TZOFFSETTO", state.offset)
    if state.name:
        block.add("TZNAME", state.name)
    return block


@functools.cache
def vtimezone(name: str) -> Timezone:
    """The VTIMEZONE for `name` (cached: zones are shared by many feeds)."""
    component = Timezone()
    component.add("TZID", name)
    initial = state_at(name, WINDOW_START)
    start_local = (WINDOW_START + initial.offset).replace(tzinfo=None)
    component.add_component(_observance(initial, start_local, initial.offset))
    final_year = (WINDOW_END - dt.timedelta(days=366)).year
    for run in runs(transitions(name)):
        first = run.first
        block = _observance(first.after, first.local, first.before.offset)
        if len(run.items) > 1:
            _, _, month, ordinal, weekday, _ = first.rule_key
            rule = {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"{ordinal}{RRULE_DAYS[weekday]}"}
            if run.items[-1].local.year < final_year:
                rule["UNTIL"] = run.items[-1].at.replace(tzinfo=None).replace(tzinfo=UTC)
            block.add("RRULE", vRecur(rule))
        component.add_component(block)
    return component
