"""Chats nobody has confirmed lately: `verified` older than N months, or missing, or session files that stopped."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from chatcal.model import Chat
from chatcal.schedule import rules


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day N months earlier (clamped to the month's length)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Staleness:
    chat: Chat
    since: dt.date  # the last confirmation: `verified`, else `added`
    verified: bool  # whether `since` is a `verified` date

    @property
    def note(self) -> str:
        if self.verified:
            return f"Not verified since {self.since.isoformat()}"
        return f"Never verified since it was listed on {self.since.isoformat()}"


def staleness(chat: Chat, today: dt.date, months: int) -> Staleness | None:
    """Why a chat counts as stale (`verified` old or missing), or None."""
    if chat.verified is None:
        return Staleness(chat, chat.added, False)
    if chat.verified < months_before(today, months):
        return Staleness(chat, chat.verified, True)
    return None


def page_note(chat: Chat, today: dt.date, months: int) -> str | None:
    """The note a chat page shows when nobody has confirmed the chat in N months.

    A chat listed recently counts as confirmed by its listing, so new chats
    carry no note even before anyone sets `verified`.
    """
    found = staleness(chat, today, months)
    if found and found.since < months_before(today, months) and chat.status != "ended":
        return found.note
    return None


def stale_chats(chats: list[Chat], today: dt.date, months: int) -> list[Staleness]:
    found = [s for chat in chats if chat.status != "ended" and (s := staleness(chat, today, months))]
    return sorted(found, key=lambda s: (s.since, s.chat.slug))


def stale_report(found: list[Staleness], months: int) -> str:
    if not found:
        return f"No chats unverified for more than {months} months."
    lines = [f"{len(found)} chat{'s' if len(found) != 1 else ''} not verified in the last {months} months:"]
    lines += [f"- {s.chat.source_path}: #{s.chat.hashtag}, {s.note[0].lower() + s.note[1:]}" for s in found]
    return "\n".join(lines)


# A chat needs this many session files before their absence says anything.
SESSION_FILES_BEFORE = 3


@dataclass(frozen=True)
class QuietSessions:
    """A chat whose session files stopped while its sessions went on."""

    chat: Chat
    files: int  # how many session files it has
    last_file: dt.date  # the scheduled date of its latest session file
    last_session: dt.date  # the local date of its latest session so far

    @property
    def note(self) -> str:
        return (f"{self.files} session files, the last for {self.last_file.isoformat()}, "
                f"but its latest session was on {self.last_session.isoformat()}")


def quiet_sessions(chats: list[Chat], now: dt.datetime, months: int,
                   at_least: int = SESSION_FILES_BEFORE) -> list[QuietSessions]:
    """Chats that had session files (at least `at_least`) and none for sessions of the last `months` months.

    Only a signal: session files are optional, but a chat that had them and
    stopped may have stopped meeting, or lost the person who wrote them.
    """
    found = [q for chat in chats if chat.status != "ended" and (q := _quiet(chat, now, months, at_least))]
    return sorted(found, key=lambda q: (q.last_file, q.chat.slug))


def _quiet(chat: Chat, now: dt.datetime, months: int, at_least: int) -> QuietSessions | None:
    if len(chat.sessions) < at_least:
        return None
    last_file = max(file.date for file in chat.sessions)
    since = dt.datetime.combine(last_file, dt.time(0), tzinfo=dt.timezone.utc)
    held = [s for s in rules.sessions(chat, since, now) if s.start <= now]
    if not held:
        return None
    last_session = max(held, key=lambda s: s.start).local.date()
    if last_file >= months_before(last_session, months):
        return None
    return QuietSessions(chat, len(chat.sessions), last_file, last_session)


def quiet_report(found: list[QuietSessions], months: int) -> str:
    if not found:
        return f"No chats whose session files stopped more than {months} months before their latest session."
    lines = [f"{len(found)} chat{'s' if len(found) != 1 else ''} with session files that stopped "
             f"more than {months} months before their latest session:"]
    lines += [f"- {q.chat.source_path}: #{q.chat.hashtag}, {q.note}" for q in found]
    return "\n".join(lines)
