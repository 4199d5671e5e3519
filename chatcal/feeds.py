"""iCalendar feeds: one recurring event per series, in the chat's own zone.

Written for subscription clients (Google, Apple, Outlook, Thunderbird):
DTSTART/DTEND carry a TZID with a VTIMEZONE in the feed, never a UTC-anchored
series; UNTIL is in UTC; skipped sessions are EXDATEs in DTSTART's form. The
output depends only on the chats, so an unchanged chat gives identical bytes.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vDuration, vRecur

from . import schedule
from .links import PLATFORM_NAMES
from .markup import description_text
from .model import Chat
from .urls import SiteUrls
from .vtimezone import vtimezone
from .wording import schedule_in_words

REFRESH = dt.timedelta(hours=12)
PRODID = "-//chatcal//chatcal directory//EN"


def _midnight_utc(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(0), tzinfo=dt.timezone.utc)


def _naive_local(moment: dt.datetime, timezone: str) -> dt.datetime:
    return moment.astimezone(schedule.zone(timezone)).replace(tzinfo=None)


def series_event(chat: Chat, series: schedule.Series, urls: SiteUrls) -> Event:
    entry = series.entry
    page = urls.absolute(urls.chat_page(chat.slug))
    first = schedule.session(chat, entry, series.first)
    event = Event()
    event.add("UID", series.uid)
    event.add("DTSTAMP", _midnight_utc(chat.modified))
    event.add("CREATED", _midnight_utc(chat.added))
    event.add("LAST-MODIFIED", _midnight_utc(chat.modified))
    summary = f"#{chat.hashtag}: {chat.title}" + (f" ({entry.label})" if entry.label else "")
    event.add("SUMMARY", summary)
    event.add("DTSTART", first.local.replace(tzinfo=None), parameters={"TZID": entry.timezone})
    event.add("DTEND", _naive_local(first.end, entry.timezone), parameters={"TZID": entry.timezone})
    event.add("RRULE", vRecur.from_ical(schedule.rrule_text(series)))
    for skipped in schedule.series_skips(series):
        local = schedule.local_start(entry, skipped).replace(tzinfo=None)
        event.add("EXDATE", local, parameters={"TZID": entry.timezone})
    event.add("DESCRIPTION", _plain_description(chat, entry, page))
    event.add("URL", page, parameters={"VALUE": "URI"})
    event.add("LOCATION", ", ".join(f"#{chat.hashtag} on {PLATFORM_NAMES[p]}" for p in chat.platforms))
    if chat.topics:
        event.add("CATEGORIES", [t.name for t in chat.topics])
    event.add("STATUS", "CONFIRMED")
    event.add("TRANSP", "TRANSPARENT")
    return event


def _plain_description(chat: Chat, entry, page: str) -> str:
    parts = [schedule_in_words(entry) + ".", description_text(chat.description)]
    hosts = [h.name or h.handle for h in chat.hosts]
    if hosts:
        parts.append("Hosts: " + ", ".join(hosts))
    parts.append(f"Follow #{chat.hashtag} and find every session: {page}")
    return "\n\n".join(p for p in parts if p)


class FeedWriter:
    """Writes every feed of one build, serializing each event and zone once.

    A chat's events appear in its own feed, its topics' feeds and the
    combined one; they are the same bytes in each, so they are made once.
    """

    def __init__(self, urls: SiteUrls):
        self.urls = urls
        self._events: dict[str, list[tuple[str, bytes]]] = {}  # slug -> [(TZID, VEVENT bytes)]
        self._zones: dict[str, bytes] = {}

    def events(self, chat: Chat) -> list[tuple[str, bytes]]:
        if chat.slug not in self._events:
            self._events[chat.slug] = [
                (series.entry.timezone, series_event(chat, series, self.urls).to_ical())
                for series in schedule.chat_series(chat)
            ]
        return self._events[chat.slug]

    def zone(self, name: str) -> bytes:
        if name not in self._zones:
            self._zones[name] = vtimezone(name).to_ical()
        return self._zones[name]

    def calendar(self, name: str, description: str, feed_url: str, chats: list[Chat]) -> bytes:
        """A complete feed of the given chats' series, as bytes."""
        events = [event for chat in sorted(chats, key=lambda c: c.slug) for event in self.events(chat)]
        head = _calendar_head(name, description, feed_url)
        zones = [self.zone(z) for z in sorted({tzid for tzid, _ in events})]
        return b"".join([head, *zones, *(data for _, data in events), b"END:VCALENDAR\r\n"])

    def chat_feed(self, chat: Chat) -> bytes:
        feed_url = self.urls.absolute(self.urls.chat_feed(chat.slug))
        return self.calendar(f"#{chat.hashtag}: {chat.title}", f"Sessions of #{chat.hashtag}, from chatcal.",
                             feed_url, [chat])

    def combined_feed(self, chats: list[Chat]) -> bytes:
        return self.calendar("chatcal: all chats", "Every active chat in the chatcal directory.",
                             self.urls.absolute(self.urls.ALL_FEED), [c for c in chats if c.active])

    def topic_feed(self, topic: str, topic_slug: str, chats: list[Chat]) -> bytes:
        return self.calendar(f"chatcal: {topic}", f"Active chats about {topic}, from chatcal.",
                             self.urls.absolute(self.urls.topic_feed(topic_slug)), [c for c in chats if c.active])


def _calendar_head(name: str, description: str, feed_url: str) -> bytes:
    """The calendar's own properties, up to where its components go."""
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", "PUBLISH")
    cal.add("NAME", name)
    cal.add("X-WR-CALNAME", name)
    cal.add("DESCRIPTION", description)
    cal.add("X-WR-CALDESC", description)
    cal.add("URL", feed_url, parameters={"VALUE": "URI"})
    cal.add("SOURCE", feed_url, parameters={"VALUE": "URI"})
    cal.add("REFRESH-INTERVAL", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", vDuration(REFRESH).to_ical().decode())
    return cal.to_ical().removesuffix(b"END:VCALENDAR\r\n")


def combined_feed(chats: list[Chat], urls: SiteUrls) -> bytes:
    return FeedWriter(urls).combined_feed(chats)
