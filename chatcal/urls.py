"""Where things live on the site, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteUrls:
    """Paths on the site, and absolute URLs for feeds and subscribe links."""

    base: str  # absolute, no trailing slash: https://chatcal.org

    def absolute(self, path: str) -> str:
        return self.base + "/" + path

    @staticmethod
    def chat_page(slug: str) -> str:
        return f"chats/{slug}/"

    @staticmethod
    def chat_feed(slug: str) -> str:
        return f"chats/{slug}.ics"

    @staticmethod
    def topic_page(slug: str) -> str:
        return f"topics/{slug}/"

    @staticmethod
    def search_shard(key: str) -> str:
        return f"data/search/{key}.json"

    @staticmethod
    def topic_feed(slug: str) -> str:
        return f"topics/{slug}.ics"

    ALL_FEED = "calendar.ics"
    CALENDAR_PAGE = "calendar/"
    CALENDAR_UTC_PAGE = "calendar/utc/"
    MY_PAGE = "my/"
    NEW_CHATS_FEED = "feeds/new.atom"
    SESSIONS_FEED = "feeds/sessions.atom"
    SESSION_SCHEMA = "schema/session.schema.json"
    CHATS_JSON = "chats.json"
    SCHEDULES_JSON = "data/schedules.json"
    SEARCH_JSON = "data/search.json"
    SEARCH_PAGE = "search/"
    SCHEMA = "schema/chat.schema.json"
    ZONES_JSON = "data/zones.json"
    SHARE_IMAGE = "share.png"
    SITEMAP = "sitemap.xml"
    ROBOTS = "robots.txt"
    NOT_FOUND = "404.html"
