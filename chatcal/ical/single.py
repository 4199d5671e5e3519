"""One session as a calendar file to import: a copy that never changes, for "add this session".

Its UID is its own, never the series' or an override's, so a copy imported
next to a subscription to the chat's feed stays a separate event.
"""

from __future__ import annotations

from chatcal.ical import contentlines as ical
from chatcal.ical.feeds import calendar_start, zone_bytes
from chatcal.ical.sessions import description
from chatcal.model import Chat
from chatcal.schedule import rules
from chatcal.urls import SiteUrls


def session_calendar(chat: Chat, session: rules.Session, urls: SiteUrls) -> bytes:
    tzid = session.local.tzinfo.key
    page = urls.absolute(session.page)
    summary = f"#{chat.hashtag}: {chat.title}" + (f": {session.topic}" if session.topic else "")
    stamp = chat.modified.strftime("%Y%m%dT000000Z")
    return b"".join([
        calendar_start(),
        zone_bytes(tzid),
        b"BEGIN:VEVENT\r\n",
        ical.line("UID", ical.text(f"chatcal/{chat.slug}/{session.page.rstrip('/').rsplit('/', 1)[1]}/copy")),
        ical.line("DTSTAMP", stamp),
        ical.line("SUMMARY", ical.text(summary)),
        ical.line("DTSTART", ical.local_datetime(session.local), TZID=tzid),
        ical.line("DTEND", ical.local_datetime(session.end.astimezone(session.local.tzinfo)), TZID=tzid),
        ical.line("DESCRIPTION", ical.text(description(chat, session, page))),
        ical.line("URL", page, VALUE="URI"),
        ical.line("LOCATION", ical.text(page)),
        ical.line("STATUS", "CONFIRMED"),
        ical.line("TRANSP", "TRANSPARENT"),
        b"END:VEVENT\r\n",
        b"END:VCALENDAR\r\n",
    ])
