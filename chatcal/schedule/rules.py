"""Schedule rules to sessions: pure date arithmetic, given the tz database.

Each entry's times are wall-clock times in its own zone. A start time that
falls in a spring-forward gap resolves with the offset before the gap, and
an ambiguous one to its first occurrence: RFC 5545's reading, and what
`fold=0` gives in zoneinfo.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from chatcal.model import Chat, Day, Entry, SessionFile
from chatcal.schedule import filed
from chatcal.schedule.tz import zone

UTC = dt.timezone.utc
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Session:
    chat: str  # slug
    entry: str  # entry id
    start: dt.datetime  # UTC
    end: dt.datetime  # UTC
    local: dt.datetime  # in the entry's zone
    date: dt.date | None = None  # the scheduled local date (of a moved session, the date it was moved from)
    topic: str | None = None
    status: str = "scheduled"  # or "cancelled" (only in `archive`)
    extra: bool = False
    moved: bool = False
    page: str | None = None  # site path of its page, when a session file describes it
    file: SessionFile | None = None  # the session file, for its hosts, links, note and questions

    def __hash__(self) -> int:
        # Sessions are remembered by value (the JSON of a chat's next ones); hashing every
        # field, the session file's too, cost more than what was remembered. Equal sessions
        # have the same chat, entry and start, so this is sound.
        return hash((self.chat, self.entry, self.start))


@dataclass(frozen=True)
class Series:
    """One recurring event of a feed: an entry, or one ordinal of a monthly entry."""

    uid: str
    entry: Entry
    days: tuple[Day, ...]
    first: dt.date  # date of DTSTART, a real session of the rule

    @property
    def item(self) -> str | None:
        """For a monthly series, its ordinal weekday (`first-tuesday`)."""
        return self.uid.rsplit("/", 1)[1] if self.entry.monthly else None


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def monthly_date(year: int, month: int, day: Day) -> dt.date:
    if day.ordinal == -1:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - day.weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(day.weekday - first.weekday()) % 7 + 7 * (day.ordinal - 1))


def rule_dates(entry: Entry, days: tuple[Day, ...], anchor: dt.date, first: dt.date, last: dt.date) -> Iterator[dt.date]:
    """Dates in [first, last] that the rule meets on, ignoring skips and until.

    `anchor` fixes which weeks are "on" weeks for entries every N weeks.
    """
    if entry.monthly:
        year, month = first.year, first.month
        while dt.date(year, month, 1) <= last:
            for date in sorted(monthly_date(year, month, d) for d in days):
                if first <= date <= last:
                    yield date
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return
    step = dt.timedelta(weeks=entry.interval)
    weeks_apart = (monday_of(first) - monday_of(anchor)).days // 7
    week = monday_of(first) + dt.timedelta(weeks=(-weeks_apart) % entry.interval)
    weekdays = sorted(d.weekday for d in days)
    while week <= last:
        for weekday in weekdays:
            date = week + dt.timedelta(days=weekday)
            if first <= date <= last:
                yield date
        week += step


def series_start(entry: Entry, added: dt.date) -> dt.date:
    """The date a series may start from: `from`, else the date the chat was listed."""
    return entry.start or added


def first_date(entry: Entry, days: tuple[Day, ...], added: dt.date) -> dt.date | None:
    start = series_start(entry, added)
    limit = entry.until or start + dt.timedelta(days=400)
    return next(rule_dates(entry, days, start, start, limit), None)


def entry_dates(entry: Entry, added: dt.date, first: dt.date, last: dt.date, with_skipped: bool = False) -> Iterator[dt.date]:
    """Session dates of an entry between first and last (inclusive), in its zone."""
    start = series_start(entry, added)
    first = max(first, start)
    if entry.until:
        last = min(last, entry.until)
    for date in rule_dates(entry, entry.on, start, first, last):
        if with_skipped or date not in entry.skip:
            yield date


def local_start(entry: Entry, date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, entry.at, tzinfo=zone(entry.timezone))


def session(chat: Chat, entry: Entry, date: dt.date) -> Session:
    local = local_start(entry, date)
    start = local.astimezone(UTC)
    end = start + dt.timedelta(minutes=entry.duration)
    return Session(chat.slug, entry.id, start, end, local, date)


def filed_session(chat: Chat, entry: Entry, file: SessionFile) -> Session:
    """The session a session file describes, where and when the file says."""
    local = local_start(entry, file.date) if file.cancelled else filed.local_start(entry, file)
    start = local.astimezone(UTC)
    end = start + dt.timedelta(minutes=filed.minutes(entry, file))
    return Session(chat.slug, entry.id, start, end, local, file.date, file.topic, file.status, file.extra,
                   filed.moves(file), filed.page(file), file)


def sessions(chat: Chat, start: dt.datetime, end: dt.datetime) -> list[Session]:
    """Sessions of a chat overlapping [start, end), in time order, as its session files have them."""
    # Local dates can lie a day either side of UTC, and a session can run
    # past midnight: widen the date window, then filter on instants.
    first = (start - dt.timedelta(minutes=720)).date() - ONE_DAY
    last = end.date() + ONE_DAY
    if chat.sessions:
        found = _with_files(chat, first, last)
    else:
        found = [
            session(chat, entry, date)
            for entry in chat.schedule
            for date in entry_dates(entry, chat.added, first, last)
        ]
    return sorted((s for s in found if s.end > start and s.start < end), key=lambda s: (s.start, s.entry))


def _with_files(chat: Chat, first: dt.date, last: dt.date) -> list[Session]:
    """Sessions of scheduled dates in [first, last] with their files applied, and every moved or extra one."""
    files = filed.by_entry(chat)
    found = []
    for entry in chat.schedule:
        mine = files.get(entry.id, {})
        for date in entry_dates(entry, chat.added, first, last):
            file = mine.get(date)
            if file is None:
                found.append(session(chat, entry, date))
            elif not (file.cancelled or file.extra or filed.moves(file)):
                found.append(filed_session(chat, entry, file))
        # Few, and a move may come from any date: the caller keeps those in its window.
        found += [filed_session(chat, entry, f) for f in mine.values() if f.extra or filed.moves(f)]
    return found


@functools.lru_cache(maxsize=16384)  # pages, feeds, JSON and the sitemap each ask for it, build after build
def archive(chat: Chat) -> tuple[Session, ...]:
    """Every session a file describes, cancelled ones too, past and future, by scheduled date."""
    if not chat.sessions:
        return ()
    entries = {entry.id: entry for entry in chat.schedule}
    found = [filed_session(chat, entries[f.entry], f) for f in chat.sessions if f.entry in entries]
    return tuple(sorted(found, key=lambda s: (s.date, s.entry)))


# The latest answer for each (chat, count, horizon): (now, valid until, sessions).
_LATEST: dict[tuple, tuple[dt.datetime, dt.datetime, list[Session]]] = {}
_LATEST_LIMIT = 65536


def upcoming(chat: Chat, now: dt.datetime, count: int = 5, horizon_days: int = 400) -> list[Session]:
    """The next sessions that have not ended yet; none unless the chat is active.

    Remembered: a build asks for each chat's next sessions for its page, its
    cache key and the JSON export, and a rebuild seconds later asks again. A
    later `now` has the same `count` sessions until the first of them ends.
    """
    key = (chat, count, horizon_days)
    known = _LATEST.get(key)
    if known and (known[0] == now or known[0] <= now < known[1]):
        return known[2]
    found = _upcoming(chat, now, count, horizon_days)
    # Fewer than `count`: the horizon, which moves with `now`, may hold the next one.
    valid_until = min(s.end for s in found) if found and len(found) == count else now
    if len(_LATEST) >= _LATEST_LIMIT:
        _LATEST.clear()
    _LATEST[key] = (now, valid_until, found)
    return found


def _upcoming(chat: Chat, now: dt.datetime, count: int, horizon_days: int) -> list[Session]:
    if not chat.active:
        return []
    # First a window that holds `count` sessions if the chat meets as its rules
    # say, then the whole horizon (for skips, and rules that start or end).
    for days in (_days_for(chat, count), horizon_days):
        found = sessions(chat, now, now + dt.timedelta(days=min(days, horizon_days)))
        if len(found) >= count or days >= horizon_days:
            return found[:count]
    return []


def _days_for(chat: Chat, count: int) -> int:
    """Days in which the chat's rules meet `count` times, and a week to spare."""
    per_week = sum(len(e.on) / (e.interval if not e.monthly else 4.3) for e in chat.schedule)
    return int(7 * count / per_week) + 8


def chat_series(chat: Chat) -> list[Series]:
    """The recurring events of a chat's feed entries, with stable UIDs."""
    result = []
    for entry in chat.schedule:
        groups = [(d,) for d in entry.on] if entry.monthly else [entry.on]
        for days in groups:
            first = first_date(entry, days, chat.added)
            if first is None:
                continue
            item = days[0].name.replace(" ", "-") if entry.monthly else None
            result.append(Series(uid(chat.slug, entry.id, item), entry, days, first))
    return result


def uid(slug: str, entry_id: str, item: str | None = None) -> str:
    """Stable identity of a recurring event; contains no domain name."""
    return "/".join(["chatcal", slug, entry_id] + ([item] if item else []))


def until_utc(entry: Entry) -> dt.datetime | None:
    """RRULE UNTIL: the end of the `until` day in the entry's zone, in UTC."""
    if entry.until is None:
        return None
    end_of_day = dt.datetime.combine(entry.until + ONE_DAY, dt.time(0), tzinfo=zone(entry.timezone))
    return (end_of_day.astimezone(UTC) - dt.timedelta(seconds=1))


RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def rrule(series: Series) -> dict:
    """The RRULE of a series as ordered parts, FREQ first."""
    entry = series.entry
    if entry.monthly:
        day = series.days[0]
        parts = {"FREQ": "MONTHLY", "BYDAY": f"{day.ordinal}{RRULE_DAYS[day.weekday]}"}
    else:
        parts = {"FREQ": "WEEKLY"}
        if entry.interval > 1:
            parts["INTERVAL"] = str(entry.interval)
        parts["BYDAY"] = ",".join(RRULE_DAYS[w] for w in sorted(d.weekday for d in series.days))
        parts["WKST"] = "MO"
    until = until_utc(entry)
    if until:
        parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%SZ")
    return parts


def rrule_text(series: Series) -> str:
    return ";".join(f"{k}={v}" for k, v in rrule(series).items())


def series_skips(series: Series) -> list[dt.date]:
    """The entry's skipped dates that belong to this series."""
    entry = series.entry
    return [d for d in entry.skip if d >= series.first and any(_meets(entry, day, d, series.first) for day in series.days)]


def _meets(entry: Entry, day: Day, date: dt.date, anchor: dt.date) -> bool:
    return next(rule_dates(entry, (day,), anchor, date, date), None) == date


def meets_on(entry: Entry, added: dt.date, date: dt.date) -> bool:
    """Whether the entry has a session on `date`, skips aside."""
    return next(entry_dates(entry, added, date, date, with_skipped=True), None) == date
