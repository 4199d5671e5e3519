"""What each page shows, as plain data for the templates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from chatcal.markup import description_html
from chatcal.model import Chat, Topic
from chatcal.schedule import rules
from chatcal.schedule.wording import clock, duration_in_words, schedule_in_words
from chatcal.site import links
from chatcal.site.export import json_for_script, schedule_item
from chatcal.site.stale import page_note
from chatcal.urls import SiteUrls

UPCOMING_COUNT = 5
ONE_TICK = dt.timedelta(microseconds=1)  # the clock's resolution


@dataclass(frozen=True)
class SessionView:
    utc: str  # the `datetime` attribute: the UTC instant
    text: str  # the session in the chat's own zone
    utc_text: str
    label: str | None
    topic: str | None = None
    page: str | None = None  # its page, when a session file describes it
    status: str = "scheduled"  # "scheduled", "moved", "cancelled" or "extra"
    note: str | None = None
    recap: str | None = None


@dataclass
class ChatPage:
    chat: Chat
    url: str
    feed_url: str
    schedule_lines: list[tuple[str, str | None]]
    upcoming: list[SessionView]
    duration: str
    description_html: Markup
    follow: list[links.Link]
    subscribe: list[links.Link]
    google_add: list[links.Link]
    edit_url: str | None
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (iso date, words)
    stale_note: str | None = None
    schedule_json: Markup = Markup("{}")  # for the page's script: upcoming sessions in the visitor's zone
    past: list[SessionView] = field(default_factory=list)  # sessions with a file, before now, latest first


def session_view(chat: Chat, session: rules.Session) -> SessionView:
    entry = next(e for e in chat.schedule if e.id == session.entry)
    local = session.local
    file = session.file
    status = "scheduled"
    if file:
        status = "cancelled" if file.cancelled else "extra" if file.extra else "moved" if session.moved else status
    return SessionView(
        utc=session.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        text=f"{local:%A}, {local:%B} {local.day}, {local.year}, {clock(local.time())} {local.tzname()}",
        utc_text=f"{session.start:%Y-%m-%d %H:%M} UTC",
        label=entry.label,
        topic=session.topic, page=session.page, status=status,
        note=file.note if file else None, recap=file.recap if file else None,
    )


def next_sessions(chat: Chat, now: dt.datetime) -> list[rules.Session]:
    """The next sessions, with the cancelled ones among them (a visitor should see those too)."""
    upcoming = rules.upcoming(chat, now, UPCOMING_COUNT)
    if not upcoming or not chat.sessions:
        return upcoming
    last = upcoming[-1].start
    cancelled = [s for s in rules.archive(chat) if s.file.cancelled and now <= s.start <= last]
    return sorted(upcoming + cancelled, key=lambda s: (s.start, s.entry))


def past_sessions(chat: Chat, now: dt.datetime) -> list[rules.Session]:
    """Sessions a file describes (topics, recaps) that have ended, the latest first: the chat's archive."""
    return [s for s in reversed(rules.archive(chat)) if s.end <= now and not s.file.cancelled]


def chat_page(chat: Chat, now: dt.datetime, urls: SiteUrls, mastodon_instance: str, edit_base: str | None,
              stale_months: int = 12) -> ChatPage:
    page_url = urls.absolute(urls.chat_page(chat.slug))
    feed_url = urls.absolute(urls.chat_feed(chat.slug))
    durations = sorted({e.duration for e in chat.schedule})
    return ChatPage(
        chat=chat,
        url=urls.chat_page(chat.slug),
        feed_url=urls.chat_feed(chat.slug),
        schedule_lines=[(schedule_in_words(e), e.label) for e in chat.schedule],
        upcoming=[session_view(chat, s) for s in next_sessions(chat, now)],
        past=[session_view(chat, s) for s in past_sessions(chat, now)],
        duration=" or ".join(duration_in_words(d) for d in durations),
        description_html=Markup(description_html(chat.description)),  # sanitized by nh3
        follow=links.follow_links(chat, mastodon_instance),
        subscribe=links.subscribe_links(feed_url, f"#{chat.hashtag}: {chat.title}"),
        google_add=links.google_add_links(chat, page_url, now),
        edit_url=f"{edit_base.rstrip('/')}/{chat.source_path}" if edit_base else None,
        skipped=[(d.isoformat(), f"{d:%A}, {d:%B} {d.day}, {d.year}") for e in chat.schedule for d in e.skip],
        stale_note=page_note(chat, now.date(), stale_months),
        schedule_json=Markup(json_for_script(schedule_item(chat, urls, now))),  # escaped for <script>
    )


def chat_page_moment(chat: Chat, now: dt.datetime, stale_months: int = 12) -> list:
    """What a chat page shows that changes with time alone: its next sessions and staleness.

    With the chat file and the site's settings, it determines the page:
    a rebuild keeps the page while these stay the same.
    """
    upcoming = [session.start.isoformat() for session in next_sessions(chat, now)]
    past = len(past_sessions(chat, now)) if chat.sessions else 0
    return [upcoming, past, page_note(chat, now.date(), stale_months)]


def chat_page_moment_lasts(chat: Chat, now: dt.datetime) -> dt.datetime:
    """Until when `chat_page_moment` stays as it is at `now`: the first instant after it at which a
    next session ends, a cancelled one starts, a session with a file ends, or the day changes."""
    coming = rules.upcoming(chat, now, UPCOMING_COUNT)
    if chat.active and len(coming) < UPCOMING_COUNT:
        return now  # the next ones may be beyond a horizon that moves with `now`: not known
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), dt.timezone.utc)
    # A cancelled session is among the next ones until its start has passed: up to its start, included.
    edges = [s.end for s in coming] + [s.start + ONE_TICK if s.file.cancelled else s.end for s in rules.archive(chat)]
    return min([edge for edge in edges if edge > now] + [midnight])


@dataclass
class TopicPage:
    topic: Topic
    chats: list[Chat]
    url: str
    feed_url: str
    subscribe: list[links.Link]


def topics(chats: list[Chat], urls: SiteUrls) -> list[TopicPage]:
    """Every topic with its chats, by slug (topics written differently share a page)."""
    grouped: dict[str, list[Chat]] = defaultdict(list)
    names: dict[str, Topic] = {}
    for chat in chats:
        for topic in chat.topics:
            grouped[topic.slug].append(chat)
            names.setdefault(topic.slug, topic)
    return [
        TopicPage(
            topic=names[slug],
            chats=sorted(grouped[slug], key=lambda c: c.title.casefold()),
            url=urls.topic_page(slug),
            feed_url=urls.topic_feed(slug),
            subscribe=links.subscribe_links(urls.absolute(urls.topic_feed(slug)), f"chatcal: {names[slug].name}"),
        )
        for slug in sorted(grouped)
    ]


def sort_for_listing(chats: list[Chat]) -> list[Chat]:
    """Active chats first, then paused, then ended; by title within each."""
    order = {"active": 0, "hiatus": 1, "ended": 2}
    return sorted(chats, key=lambda c: (order[c.status], c.title.casefold(), c.slug))


@dataclass(frozen=True)
class Listing:
    """A chat with one of its sessions, for "happening now" and "starting soon"."""

    chat: Chat
    session: SessionView


def happening_now(chats: list[Chat], now: dt.datetime) -> list[Listing]:
    return _listings(chats, now, now + dt.timedelta(seconds=1), lambda session: session.start <= now)


def starting_soon(chats: list[Chat], now: dt.datetime, hours: int = 24) -> list[Listing]:
    until = now + dt.timedelta(hours=hours)
    return _listings(chats, now, until, lambda session: now < session.start < until)


def _listings(chats: list[Chat], start: dt.datetime, end: dt.datetime, keep) -> list[Listing]:
    """Sessions of active chats overlapping [start, end) that `keep` accepts, in time order."""
    found = [(session.start, chat.slug, Listing(chat, session_view(chat, session)))
             for chat in chats if chat.active
             for session in _overlapping(chat, start, end) if keep(session)]
    return [listing for _, _, listing in sorted(found, key=lambda item: item[:2])]


def _overlapping(chat: Chat, start: dt.datetime, end: dt.datetime) -> list[rules.Session]:
    # From the chat's next sessions, which every build has already worked out for its page,
    # unless they may not be all of them.
    coming = rules.upcoming(chat, start, UPCOMING_COUNT)
    if len(coming) == UPCOMING_COUNT and coming[-1].start < end:
        return rules.sessions(chat, start, end)
    return [session for session in coming if session.start < end]


def newest(chats: list[Chat], count: int = 6) -> list[Chat]:
    return sorted((c for c in chats if c.status != "ended"), key=lambda c: (c.added, c.slug), reverse=True)[:count]
