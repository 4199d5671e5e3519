"""What search engines and social sites read: page descriptions, canonical URLs,
schema.org events, `sitemap.xml` and `robots.txt`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from chatcal.model import Chat
from chatcal.schedule import rules
from chatcal.schedule.wording import schedule_in_words
from chatcal.site.export import json_for_script
from chatcal.urls import SiteUrls

DESCRIPTION_LIMIT = 200  # characters: about what search results and link previews show


@dataclass(frozen=True)
class PageMeta:
    """A page's title, description and absolute canonical URL, for Open Graph and Twitter cards."""

    title: str
    description: str
    url: str
    type: str = "website"


def page_meta(urls: SiteUrls, path: str, title: str, description: str, kind: str = "website") -> PageMeta:
    return PageMeta(title, shorten(description), urls.absolute(path), kind)


def chat_summary(chat: Chat) -> str:
    """`#blogchat, Sundays at 9:00 PM New York time (America/New_York).`"""
    return f"#{chat.hashtag}, " + "; ".join(schedule_in_words(entry) for entry in chat.schedule) + "."


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " ":  # the cut fell inside a word: leave that word out
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:. ") + "…"


def events_json_ld(chat: Chat, sessions: list[rules.Session], urls: SiteUrls, description: str) -> str:
    """schema.org `Event`s for the chat's next sessions, online, as JSON safe inside <script>."""
    page = urls.absolute(urls.chat_page(chat.slug))
    events = [{
        "@context": "https://schema.org",
        "@type": "Event",
        "name": f"#{chat.hashtag}: {chat.title}",
        "description": description,
        "startDate": session.local.isoformat(),
        "endDate": session.end.astimezone(session.local.tzinfo).isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "location": {"@type": "VirtualLocation", "url": page},
        "organizer": {"@type": "Organization", "name": chat.title, "url": chat.website or page},
        "isAccessibleForFree": True,
        "url": page,
    } for session in sessions]
    return json_for_script(events)


def sitemap_xml(urls: SiteUrls, pages: list[tuple[str, dt.date | None]]) -> str:
    """Every page (path, date it last changed or None), sorted: the same pages give the same bytes."""
    rows = []
    for path, changed in sorted(pages):
        lastmod = f"<lastmod>{changed.isoformat()}</lastmod>" if changed else ""
        rows.append(f"<url><loc>{escape(urls.absolute(path))}</loc>{lastmod}</url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(rows) + "\n</urlset>\n")


def robots_txt(urls: SiteUrls) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('sitemap.xml')}\n"

