"""iCalendar feeds: one recurring event per series, in the chat's own zone.

Written for subscription clients (Google, Apple, Outlook, Thunderbird):
DTSTART/DTEND carry a TZID with a VTIMEZONE in the feed, never a UTC-anchored
series; UNTIL is in UTC; skipped sessions are EXDATEs in DTSTART's form. A
session file makes an override right after its series (a whole copy of it:
clients fill in nothing), an EXDATE, or an event of its own (`session_events`).
The output depends only on the chats, so an unchanged chat gives identical bytes.
"""

from __future__ import annotations

import datetime as dt

from chatcal.chatfile.format import PLATFORM_NAMES
from chatcal.ical import contentlines as ical
from chatcal.ical.sessions import override_event, own_event
from chatcal.ical.vtimezone import vtimezone
from chatcal.markup import description_text
from chatcal.model import Chat
from chatcal.schedule import changes, rules
from chatcal.schedule.wording import schedule_in_words
from chatcal.urls import SiteUrls

REFRESH = dt.timedelta(hours=12)
PRODID = "-//chatcal//chatcal directory//EN"


def _midnight_utc(date: dt.date) -> str:
    return date.strftime("%Y%m%dT000000Z")


def series_event(chat: Chat, series: rules.Series, urls: SiteUrls) -> bytes:
    """The VEVENT of one series, then its overrides, serialized."""
    if not chat.sessions:
        return b"".join(series_lines(chat, series, urls, rules.series_skips(series)))
    found = changes.series_changes(chat, series)
    lines = series_lines(chat, series, urls, found.removed)
    return b"".join(lines + [override_event(lines, chat, session, urls) for session in found.overrides])


def series_lines(chat: Chat, series: rules.Series, urls: SiteUrls, removed) -> list[bytes]:
    """The VEVENT of one series as content lines, one property each, EXDATEs at `removed` dates."""
    entry, tzid = series.entry, series.entry.timezone
    page = urls.absolute(urls.chat_page(chat.slug))
    first = rules.session(chat, entry, series.first)
    summary = f"#{chat.hashtag}: {chat.title}" + (f" ({entry.label})" if entry.label else "")
    lines = [
        b"BEGIN:VEVENT\r\n",
        ical.line("UID", ical.text(series.uid)),
        ical.line("DTSTAMP", _midnight_utc(chat.modified)),
        ical.line("CREATED", _midnight_utc(chat.added)),
        ical.line("LAST-MODIFIED", _midnight_utc(chat.modified)),
        ical.line("SUMMARY", ical.text(summary)),
        ical.line("DTSTART", ical.local_datetime(first.local), TZID=tzid),
        ical.line("DTEND", ical.local_datetime(first.end.astimezone(first.local.tzinfo)), TZID=tzid),
        ical.line("RRULE", rules.rrule_text(series)),
        *(ical.line("EXDATE", ical.local_datetime(rules.local_start(entry, date)), TZID=tzid)
          for date in removed),
        ical.line("DESCRIPTION", ical.text(_plain_description(chat, entry, page))),
        ical.line("URL", page, VALUE="URI"),
        # A URL, not words: Google Calendar turns a LOCATION of words into a Maps search.
        ical.line("LOCATION", ical.text(page)),
    ]
    if chat.topics:
        lines.append(ical.line("CATEGORIES", ical.text_list([t.name for t in chat.topics])))
    lines += [ical.line("STATUS", "CONFIRMED"), ical.line("TRANSP", "TRANSPARENT"), b"END:VEVENT\r\n"]
    return lines


def chat_events(chat: Chat, urls: SiteUrls) -> list[tuple[str, bytes]]:
    """(TZID, VEVENT bytes) of each of the chat's series (with its overrides), then of its sessions' own events."""
    series = rules.chat_series(chat)
    events = [(s.entry.timezone, series_event(chat, s, urls)) for s in series]
    for entry in chat.schedule if chat.sessions else ():
        mine = [s for s in series if s.entry is entry]
        for session in () if not mine else changes.own_events(chat, entry, mine):
            # A copy of the entry's first series, as an override is: the same properties, one date.
            events.append((entry.timezone, own_event(series_lines(chat, mine[0], urls, ()), chat, session, urls)))
    return events


def zone_bytes(name: str) -> bytes:
    return vtimezone(name).to_ical()


def _plain_description(chat: Chat, entry, page: str) -> str:
    parts = [schedule_in_words(entry) + ".", description_text(chat.description)]
    hosts = [h.name or h.handle for h in chat.hosts]
    if hosts:
        parts.append("Hosts: " + ", ".join(hosts))
    parts.append("Where: " + ", ".join(f"#{chat.hashtag} on {PLATFORM_NAMES[p]}" for p in chat.platforms))
    parts.append(f"Follow #{chat.hashtag} and find every session: {page}")
    return "\n\n".join(p for p in parts if p)


class FeedWriter:
    """Writes every feed of one build, serializing each event and zone once.

    A chat's events appear in its own feed, its topics' feeds and the
    combined one; they are the same bytes in each, so they are made once.
    """

    def __init__(self, urls: SiteUrls, events: dict[str, list[tuple[str, bytes]]] | None = None,
                 zones: dict[str, bytes] | None = None):
        self.urls = urls
        # Made here, or handed over already made (by build workers, or a previous build).
        self.made_events: dict[str, list[tuple[str, bytes]]] = dict(events or {})  # slug -> [(TZID, VEVENT)]
        self.made_zones: dict[str, bytes] = dict(zones or {})

    def events(self, chat: Chat) -> list[tuple[str, bytes]]:
        if chat.slug not in self.made_events:
            self.made_events[chat.slug] = chat_events(chat, self.urls)
        return self.made_events[chat.slug]

    def zone(self, name: str) -> bytes:
        if name not in self.made_zones:
            self.made_zones[name] = zone_bytes(name)
        return self.made_zones[name]

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


def calendar_start() -> bytes:
    """What every calendar file of the site begins with."""
    return b"".join([
        b"BEGIN:VCALENDAR\r\n",
        ical.line("VERSION", "2.0"),
        ical.line("PRODID", ical.text(PRODID)),
        ical.line("CALSCALE", "GREGORIAN"),
        ical.line("METHOD", "PUBLISH"),
    ])


def _calendar_head(name: str, description: str, feed_url: str) -> bytes:
    """The calendar's own properties, up to where its components go."""
    return b"".join([
        calendar_start(),
        ical.line("NAME", ical.text(name)),
        ical.line("X-WR-CALNAME", ical.text(name)),
        ical.line("DESCRIPTION", ical.text(description)),
        ical.line("X-WR-CALDESC", ical.text(description)),
        ical.line("URL", feed_url, VALUE="URI"),
        ical.line("SOURCE", feed_url, VALUE="URI"),
        ical.line("REFRESH-INTERVAL", ical.duration(REFRESH), VALUE="DURATION"),
        ical.line("X-PUBLISHED-TTL", ical.duration(REFRESH)),
    ])


def combined_feed(chats: list[Chat], urls: SiteUrls) -> bytes:
    return FeedWriter(urls).combined_feed(chats)
