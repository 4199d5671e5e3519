"""How session files change a chat's recurring series: overrides, removed dates, events of their own.

Calendar clients keep a moved occurrence only when it stays between its
neighbours (Outlook drops any other move), so a move further than that is a
removed date plus an event of its own, as an extra session is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from chatcal.model import Chat, Entry, SessionFile
from chatcal.schedule import filed, rules

# Wider than the longest gap between two sessions of a series (8 weeks, or a month).
NEIGHBOUR_WINDOW = dt.timedelta(days=62)


@dataclass(frozen=True)
class SeriesChanges:
    """What a series' session files make of it in a feed."""

    removed: tuple[dt.date, ...]  # EXDATEs: `skip`, cancelled and far-moved sessions
    overrides: tuple[rules.Session, ...]  # same UID, RECURRENCE-ID at the scheduled start


def belongs(series: rules.Series, date: dt.date) -> bool:
    """Whether `date` is an occurrence of the series' rule (skips aside)."""
    entry = series.entry
    return date >= series.first and next(rules.rule_dates(entry, series.days, series.first, date, date), None) == date


def neighbours(chat: Chat, series: rules.Series, date: dt.date) -> tuple[dt.datetime | None, dt.datetime | None]:
    """UTC starts of the series' sessions just before and after the one scheduled on `date`."""
    entry = series.entry
    dates = [d for d in rules.rule_dates(entry, series.days, series.first, date - NEIGHBOUR_WINDOW, date + NEIGHBOUR_WINDOW)
             if d >= series.first and d not in entry.skip and (entry.until is None or d <= entry.until)]
    before = [d for d in dates if d < date][-1:]
    after = [d for d in dates if d > date][:1]
    start = lambda d: rules.local_start(entry, d).astimezone(rules.UTC)  # noqa: E731
    return (start(before[0]) if before else None), (start(after[0]) if after else None)


def keeps_order(chat: Chat, series: rules.Series, file: SessionFile) -> bool:
    """Whether a moved session still starts strictly between its series' neighbours."""
    moved = filed.local_start(series.entry, file).astimezone(rules.UTC)
    before, after = neighbours(chat, series, file.date)
    return (before is None or before < moved) and (after is None or moved < after)


def series_changes(chat: Chat, series: rules.Series) -> SeriesChanges:
    removed, overrides = set(rules.series_skips(series)), []
    for file in chat.sessions:
        if file.entry != series.entry.id or file.extra or not belongs(series, file.date):
            continue
        if file.cancelled or (filed.moves(file) and not keeps_order(chat, series, file)):
            removed.add(file.date)
        else:
            overrides.append(rules.filed_session(chat, series.entry, file))
    return SeriesChanges(tuple(sorted(removed)), tuple(sorted(overrides, key=lambda s: s.date)))


def own_events(chat: Chat, entry: Entry, series: list[rules.Series]) -> list[rules.Session]:
    """Sessions of the entry written as events of their own: extras, and moves past a neighbour."""
    found = []
    for file in chat.sessions:
        if file.entry != entry.id or file.cancelled:
            continue
        if file.extra or (filed.moves(file) and not any(
                belongs(s, file.date) and keeps_order(chat, s, file) for s in series)):
            found.append(rules.filed_session(chat, entry, file))
    return sorted(found, key=lambda s: s.date)


def own_uid(chat: Chat, entry: Entry, date: dt.date) -> str:
    """The UID of a session's own event: never a series' UID, which ends in an id or an ordinal weekday."""
    return rules.uid(chat.slug, entry.id, date.isoformat())
