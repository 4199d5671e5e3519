"""`/feeds/new.atom`: newly listed chats, newest first, from their `added` dates."""

from __future__ import annotations

import datetime as dt
import uuid

from feedgenerator import Atom1Feed

from chatcal.markup import description_text
from chatcal.model import Chat
from chatcal.schedule.wording import schedule_in_words
from chatcal.urls import SiteUrls

NEW_CHATS_LIMIT = 50
# A fixed namespace, so each chat's entry id stays the same forever.
ENTRY_NAMESPACE = uuid.UUID("5b0c1e2a-8f0e-4a55-9d0b-6f6c68617463")


def _midnight(date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(0), tzinfo=dt.timezone.utc)


def new_chats_feed(chats: list[Chat], urls: SiteUrls, limit: int = NEW_CHATS_LIMIT) -> bytes:
    newest = sorted(chats, key=lambda c: (c.added, c.slug), reverse=True)[:limit]
    feed = Atom1Feed(
        title="chatcal: new chats",
        link=urls.absolute(""),
        feed_url=urls.absolute(urls.NEW_CHATS_FEED),
        description="Chats newly listed in the chatcal directory.",
        language="en",
        feed_guid=urls.absolute(urls.NEW_CHATS_FEED),
    )
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
