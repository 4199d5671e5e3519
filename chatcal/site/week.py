"""The weekly grid and the busy-hours heatmap, as rendered at build time (UTC).

The browser redraws both in the visitor's zone from the rules; what is built
here is what a reader without JavaScript sees, labelled as UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from chatcal.model import Chat
from chatcal.schedule import rules

UTC = dt.timezone.utc
HOURS = range(24)


def week_start(moment: dt.datetime) -> dt.datetime:
    """Monday 00:00 UTC of the week containing `moment`."""
    day = moment.astimezone(UTC).date()
    return dt.datetime.combine(day - dt.timedelta(days=day.weekday()), dt.time(0), tzinfo=UTC)


@dataclass(frozen=True)
class Slot:
    chat: Chat
    session: rules.Session


@dataclass
class WeekGrid:
    start: dt.datetime  # Monday 00:00 UTC
    days: list[dt.date] = field(default_factory=list)
    cells: dict[tuple[int, int], list[Slot]] = field(default_factory=dict)  # (day index, hour) -> slots

    def slots(self, day: int, hour: int) -> list[Slot]:
        return self.cells.get((day, hour), [])


def week_grid(chats: list[Chat], start: dt.datetime) -> WeekGrid:
    """Active chats' sessions that start in the week from `start`, by UTC day and hour."""
    grid = WeekGrid(start, [(start + dt.timedelta(days=d)).date() for d in range(7)])
    end = start + dt.timedelta(days=7)
    for chat in chats:
        if not chat.active:
            continue
        for found in rules.sessions(chat, start, end):
            if found.start >= start:
                offset = found.start - start
                key = (offset.days, offset.seconds // 3600)
                grid.cells.setdefault(key, []).append(Slot(chat, found))
    for slots in grid.cells.values():
        slots.sort(key=lambda s: (s.session.start, s.chat.hashtag.casefold()))
    return grid


def busy_hours(chats: list[Chat], start: dt.datetime) -> list[list[int]]:
    """For each UTC day and hour of the week, how many active chats are running."""
    counts = [[0] * 24 for _ in range(7)]
    end = start + dt.timedelta(days=7)
    for chat in chats:
        if not chat.active:
            continue
        running: set[tuple[int, int]] = set()
        for found in rules.sessions(chat, start, end):
            hour = max(found.start, start).replace(minute=0, second=0)
            while hour < min(found.end, end):
                offset = hour - start
                running.add((offset.days, offset.seconds // 3600))
                hour += dt.timedelta(hours=1)
        for day, hour in running:
            counts[day][hour] += 1
    return counts
