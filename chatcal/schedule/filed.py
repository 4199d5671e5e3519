"""What a chat's session files change in its schedule: starts, lengths, pages."""

from __future__ import annotations

import datetime as dt

from chatcal.model import Chat, Entry, SessionFile
from chatcal.schedule.tz import zone
from chatcal.urls import SiteUrls


def by_entry(chat: Chat) -> dict[str, dict[dt.date, SessionFile]]:
    """The chat's session files: entry id -> scheduled date -> file."""
    index: dict[str, dict[dt.date, SessionFile]] = {}
    for file in chat.sessions:
        index.setdefault(file.entry, {})[file.date] = file
    return index


def moves(file: SessionFile) -> bool:
    """Whether the file takes its session away from its scheduled date and time."""
    return file.start is not None and not file.extra and not file.cancelled


def local_start(entry: Entry, file: SessionFile) -> dt.datetime:
    """The file's actual start in the entry's zone: `start`, else the entry's time on the file's date."""
    naive = file.start or dt.datetime.combine(file.date, entry.at)
    return naive.replace(tzinfo=zone(entry.timezone))


def minutes(entry: Entry, file: SessionFile | None) -> int:
    return file.duration if file and file.duration else entry.duration


def page(file: SessionFile) -> str:
    """The site path of the session's page: `chats/<slug>/<YYYY-MM-DD>[-<entry id>]/`."""
    return f"{SiteUrls.chat_page(file.chat)}{file.name}/"
