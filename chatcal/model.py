"""Chats as plain data, after validation."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}


@dataclass(frozen=True)
class Day:
    """`sunday` (ordinal None) or `first tuesday` (ordinal 1; -1 for last)."""

    weekday: int  # Monday = 0
    ordinal: int | None = None

    @property
    def name(self) -> str:
        day = WEEKDAYS[self.weekday]
        if self.ordinal is None:
            return day
        ordinal = next(k for k, v in ORDINALS.items() if v == self.ordinal)
        return f"{ordinal} {day}"


@functools.lru_cache(maxsize=4096)  # a listing asks for each topic's slug many times
def topic_slug(phrase: str) -> str:
    """`content marketing` -> `content-marketing`; letters of any script are kept."""
    text = unicodedata.normalize("NFKC", phrase).lower()
    return re.sub(r"[\W_]+", "-", text, flags=re.UNICODE).strip("-")


@dataclass(frozen=True)
class Entry:
    """One schedule entry: a rule in one time zone."""

    id: str
    every: str  # "week" or "month"
    interval: int  # weeks between "on" weeks; 1 for month
    on: tuple[Day, ...]
    at: dt.time
    timezone: str
    duration: int  # minutes
    start: dt.date | None = None  # the format's `from`
    until: dt.date | None = None
    skip: tuple[dt.date, ...] = ()
    label: str | None = None
    line: int = 0

    @property
    def monthly(self) -> bool:
        return self.every == "month"


@dataclass(frozen=True)
class Host:
    name: str | None = None
    handle: str | None = None
    platform: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class SessionFile:
    """One file of `content/sessions/<slug>/`: what one meeting is about, or how it differs."""

    chat: str  # slug, the folder's name
    name: str  # file name without `.md`: `2026-12-06` or `2026-12-06-apac`
    date: dt.date  # the scheduled local date, in the entry's zone
    entry: str | None  # entry id: from the file name, or the one entry meeting that date
    topic: str | None = None
    hosts: tuple[Host, ...] = ()
    link: str | None = None
    recap: str | None = None
    status: str = "scheduled"  # or "cancelled"
    note: str | None = None
    start: dt.datetime | None = None  # moved local start, naive, in the entry's zone
    duration: int | None = None  # minutes, when not the entry's
    extra: bool = False
    questions: str = ""  # Markdown, untrusted
    source_path: str = ""
    lines: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"


@dataclass(frozen=True)
class Topic:
    name: str

    @property
    def slug(self) -> str:
        return topic_slug(self.name)


@dataclass(frozen=True)
class Chat:
    slug: str
    title: str
    hashtag: str
    schedule: tuple[Entry, ...]
    added: dt.date
    description: str  # Markdown, untrusted
    platforms: tuple[str, ...] = ("x",)
    topics: tuple[Topic, ...] = ()
    language: str = "en"
    hosts: tuple[Host, ...] = ()
    website: str | None = None
    archive: str | None = None
    status: str = "active"
    verified: dt.date | None = None
    source_path: str = ""
    lines: dict = field(default_factory=dict, compare=False, hash=False)
    sessions: tuple[SessionFile, ...] = ()  # its valid session files, by date, attached by the catalog

    def __hash__(self) -> int:
        # Chats are remembered by value (next sessions, JSON fields); hashing
        # every nested field each time cost more than what was remembered.
        # Equal chats have equal slugs and descriptions, so this is sound.
        return hash((self.slug, self.description))

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def modified(self) -> dt.date:
        """The latest date the file says something changed, for feeds."""
        return max(d for d in (self.added, self.verified) if d)
