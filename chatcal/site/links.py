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


def google_add_links(chat: Chat, page_url: str, now: dt.datetime) -> list[Link]:
    """One "add to Google Calendar" link per series, from its next session, recurrence in the chat's zone.

    The copy Google makes never changes afterwards, and its link carries no
    EXDATE: starting at the next session keeps past skips out of it.
    """
    links = []
    for series in rules.chat_series(chat):
        entry = series.entry
        local = _next_local_start(chat, series, now)
        if local is None:
            continue
        # Elapsed minutes, so a session over a clock change keeps its length.
        end = (local.astimezone(rules.UTC) + dt.timedelta(minutes=entry.duration)).astimezone(local.tzinfo)
        rule = rules.rrule(series)
        params = {
            "action": "TEMPLATE",
            "text": f"#{chat.hashtag}: {chat.title}",
            "dates": f"{local:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}",
            "ctz": entry.timezone,
            "recur": "RRULE:" + ";".join(f"{k}={v}" for k, v in rule.items()),
            "details": f"{page_url}",
            "location": page_url,
        }
        several = len(chat.schedule) > 1 or series.item
        label = "Copy to Google Calendar" + (f" ({entry.label or series.item or entry.id})" if several else "")
        links.append(Link(label, "https://calendar.google.com/calendar/render?" + urlencode(params)))
    return links


# Windows searched in turn: most series meet within the first, and expanding a year of a
# chat's sessions for every chat page took a tenth of a cold build.
NEXT_SESSION_WINDOWS = (dt.timedelta(days=63), dt.timedelta(days=400))


def _next_local_start(chat: Chat, series: rules.Series, now: dt.datetime) -> dt.datetime | None:
    """The series' first session that has not ended by `now`, in its zone; None when none is left."""
    for window in NEXT_SESSION_WINDOWS:
        for session in rules.sessions(chat, now, now + window):
            local = session.local
            if session.entry == series.entry.id and any(_falls_on(local.date(), day) for day in series.days):
                return local
    return None


def _falls_on(date: dt.date, day) -> bool:
    """Whether `date` is `day` (a weekday, or for monthly series an ordinal weekday)."""
    if day.ordinal is None:
        return date.weekday() == day.weekday
    return rules.monthly_date(date.year, date.month, day) == date
