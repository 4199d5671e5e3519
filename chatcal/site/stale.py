"""Chats nobody has confirmed lately: `verified` older than N months, or missing."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from chatcal.model import Chat


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
