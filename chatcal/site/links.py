"""Links out of the site: follow a hashtag, subscribe to or add a feed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from chatcal.chatfile.format import PLATFORM_NAMES
from chatcal.model import Chat
from chatcal.schedule import rules


@dataclass(frozen=True)
class Link:
    label: str
    url: str


def follow_url(platform: str, hashtag: str, mastodon_instance: str) -> str | None:
    """The page listing posts under the hashtag, on platforms that have one."""
    tag = quote(hashtag, safe="")
    urls = {
        "x": f"https://x.com/search?q=%23{tag}&f=live",
        "mastodon": f"https://{mastodon_instance}/tags/{tag}",
        "bluesky": f"https://bsky.app/hashtag/{tag}",
        "threads": f"https://www.threads.com/search?q=%23{tag}&serp_type=tags",
        "linkedin": f"https://www.linkedin.com/feed/hashtag/{tag.lower()}/",
        "instagram": f"https://www.instagram.com/explore/tags/{tag}/",
        "facebook": f"https://www.facebook.com/hashtag/{tag}",
        "youtube": f"https://www.youtube.com/hashtag/{tag.lower()}",
        "twitch": f"https://www.twitch.tv/search?term=%23{tag}",
    }
    return urls.get(platform)


def follow_links(chat: Chat, mastodon_instance: str) -> list[Link]:
    links = []
    for platform in chat.platforms:
        url = follow_url(platform, chat.hashtag, mastodon_instance)
        if url:
            links.append(Link(f"#{chat.hashtag} on {PLATFORM_NAMES[platform]}", url))
    return links


def webcal(feed_url: str) -> str:
    return "webcal://" + feed_url.split("://", 1)[1]


def subscribe_links(feed_url: str, name: str) -> list[Link]:
    """Ways to subscribe to a feed, so later changes reach the calendar."""
    web = webcal(feed_url)
    return [
        Link("Subscribe (Apple Calendar, Thunderbird, Outlook desktop)", web),
        Link("Google Calendar", "https://calendar.google.com/calendar/render?" + urlencode({"cid": web})),
        Link("Outlook.com", "https://outlook.live.com/calendar/0/addfromweb?" + urlencode({"url": feed_url, "name": name})),
        Link("Microsoft 365", "https://outlook.office.com/calendar/0/addfromweb?" + urlencode({"url": feed_url, "name": name})),
    ]


def google_add_links(chat: Chat, page_url: str) -> list[Link]:
    """One "add to Google Calendar" link per series, recurrence in the chat's zone."""
    links = []
    for series in rules.chat_series(chat):
        entry = series.entry
        local = rules.local_start(entry, series.first)
        # Elapsed minutes, so a session over a clock change keeps its length.
        end = (local.astimezone(rules.UTC) + dt.timedelta(minutes=entry.duration)).astimezone(local.tzinfo)
        # Google's add link carries no EXDATE: skipped dates reach subscribers only.
        rule = rules.rrule(series)
        params = {
            "action": "TEMPLATE",
            "text": f"#{chat.hashtag}: {chat.title}",
            "dates": f"{local:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}",
            "ctz": entry.timezone,
            "recur": "RRULE:" + ";".join(f"{k}={v}" for k, v in rule.items()),
            "details": f"{page_url}",
        }
        label = "Add to Google Calendar" + (f" ({entry.label or series.item or entry.id})" if len(chat.schedule) > 1 or series.item else "")
        links.append(Link(label, "https://calendar.google.com/calendar/render?" + urlencode(params)))
    return links
