"""Atom feeds: `/feeds/new.atom` (newly listed chats, newest first, from their `added` dates) and
`/feeds/sessions.atom` (announced sessions, the latest first)."""

from __future__ import annotations

import datetime as dt
import heapq
import uuid

from feedgenerator import Atom1Feed

from chatcal.markup import description_text
from chatcal.model import Chat
from chatcal.schedule import rules
from chatcal.schedule.wording import clock, schedule_in_words
from chatcal.urls import SiteUrls

NEW_CHATS_LIMIT = 50
# A fixed namespace, so each chat's entry id stays the same forever.
ENTRY_NAMESPACE = uuid.UUID("5b0c1e2a-8f0e-4a55-9d0b-6f6c68617463")


def _midnight(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(0), tzinfo=dt.timezone.utc)


def _feed(urls: SiteUrls, path: str, title: str, description: str) -> Atom1Feed:
    return Atom1Feed(title=title, link=urls.absolute(""), feed_url=urls.absolute(path), description=description,
                     language="en", feed_guid=urls.absolute(path))


def new_chats_feed(chats: list[Chat], urls: SiteUrls, limit: int = NEW_CHATS_LIMIT) -> bytes:
    newest = sorted(chats, key=lambda c: (c.added, c.slug), reverse=True)[:limit]
    feed = _feed(urls, urls.NEW_CHATS_FEED, "chatcal: new chats", "Chats newly listed in the chatcal directory.")
    for chat in newest:
        feed.add_item(
            title=f"#{chat.hashtag}: {chat.title}",
            link=urls.absolute(urls.chat_page(chat.slug)),
            description="\n\n".join([" · ".join(schedule_in_words(e) for e in chat.schedule),
                                     description_text(chat.description)]),
            pubdate=_midnight(chat.added),
            updateddate=_midnight(chat.modified),
            unique_id=f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, chat.slug)}",
            categories=[t.name for t in chat.topics],
        )
    # Deterministic: the feed's own date is its newest entry's, not the build time.
    updated = max((c.modified for c in newest), default=dt.date(1970, 1, 1))
    feed.latest_post_date = lambda: _midnight(updated)
    return feed.writeString("utf-8").encode("utf-8")


SESSIONS_LIMIT = 100


def sessions_feed(chats: list[Chat], urls: SiteUrls, limit: int = SESSIONS_LIMIT) -> bytes:
    """`/feeds/sessions.atom`: announced sessions (session files with a topic), the latest session first."""
    announced = heapq.nlargest(limit, ((s, chat) for chat in chats for s in rules.archive(chat) if s.topic),
                               key=lambda pair: (pair[0].start, pair[0].page))
    feed = _feed(urls, urls.SESSIONS_FEED, "chatcal: announced sessions",
                 "Topics of the sessions announced in the chatcal directory.")
    for session, chat in announced:
        local = session.local
        when = f"{local:%A}, {local:%B} {local.day}, {local.year}, {clock(local.time())} {local.tzname()}"
        status = " (cancelled)" if session.file.cancelled else ""
        feed.add_item(
            title=f"#{chat.hashtag}: {session.topic}{status}",
            link=urls.absolute(session.page),
            description="\n\n".join(p for p in [when + status, session.file.note or "",
                                                description_text(session.file.questions)] if p),
            pubdate=session.start,
            updateddate=session.start,
            unique_id=f"urn:uuid:{uuid.uuid5(ENTRY_NAMESPACE, session.page)}",
            categories=[t.name for t in chat.topics],
        )
    # Deterministic: the feed's own date is its latest session's start, not the build time.
    latest = announced[0][0].start if announced else _midnight(dt.date(1970, 1, 1))
    feed.latest_post_date = lambda: latest
    return feed.writeString("utf-8").encode("utf-8")
