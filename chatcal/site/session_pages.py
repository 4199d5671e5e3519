"""What a session's page shows (`/chats/<slug>/<YYYY-MM-DD>[-<entry id>]/`), as plain data for its template."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from markupsafe import Markup

from chatcal.markup import description_html
from chatcal.model import Chat, Host
from chatcal.schedule import rules
from chatcal.schedule.wording import clock, place
from chatcal.site import links
from chatcal.urls import SiteUrls


@dataclass(frozen=True)
class SessionLink:
    url: str
    label: str


@dataclass
class SessionPage:
    chat: Chat
    session: rules.Session
    url: str  # site path
    heading: str
    status: str  # "scheduled", "moved", "cancelled" or "extra"
    utc: str  # the <time datetime> of its start
    when: str  # its start in the chat's zone, in words
    scheduled_when: str | None  # where a moved or cancelled session was, struck through
    hosts: tuple[Host, ...]
    guest_hosts: bool
    questions_html: Markup
    previous: SessionLink | None
    next: SessionLink | None
    ics_url: str  # this session alone, a copy to import
    google_add: links.Link
    subscribe: list[links.Link]
    share_title: str
    zone: str  # the chat's zone, in words (`New York time (America/New_York)`)

    @property
    def note(self) -> str | None:
        return self.session.file.note

    @property
    def link(self) -> str | None:
        return self.session.file.link

    @property
    def recap(self) -> str | None:
        return self.session.file.recap


def session_pages(chat: Chat, urls: SiteUrls) -> list[SessionPage]:
    """A page for each of the chat's session files, with links to the ones before and after it."""
    filed = rules.archive(chat)
    feed_url = urls.absolute(urls.chat_feed(chat.slug))
    subscribe = links.subscribe_links(feed_url, f"#{chat.hashtag}: {chat.title}")
    return [_page(chat, session, urls, subscribe,
                  filed[i - 1] if i else None, filed[i + 1] if i + 1 < len(filed) else None)
            for i, session in enumerate(filed)]


def session_ics(url: str) -> str:
    return url + "session.ics"


def _page(chat: Chat, session: rules.Session, urls: SiteUrls, subscribe: list[links.Link],
          before: rules.Session | None, after: rules.Session | None) -> SessionPage:
    file = session.file
    entry = next(e for e in chat.schedule if e.id == session.entry)
    scheduled = rules.local_start(entry, session.date)
    status = "cancelled" if file.cancelled else "extra" if file.extra else "moved" if session.moved else "scheduled"
    return SessionPage(
        chat=chat, session=session, url=session.page,
        heading=file.topic or (f"Cancelled: #{chat.hashtag}" if file.cancelled else f"#{chat.hashtag}: {chat.title}"),
        status=status,
        utc=session.start.strftime("%Y-%m-%dT%H:%M:%SZ"),
        when=when_in_words(session.local),
        scheduled_when=when_in_words(scheduled) if status in ("moved", "cancelled") else None,
        hosts=file.hosts or chat.hosts, guest_hosts=bool(file.hosts),
        questions_html=Markup(description_html(keep_lines(file.questions))) if file.questions.strip() else Markup(""),
        previous=_link(before), next=_link(after),
        ics_url=session_ics(session.page),
        google_add=google_add_session(chat, session, urls),
        subscribe=subscribe,
        share_title=share_title(chat, session),
        zone=place(entry.timezone),
    )


def keep_lines(markdown: str) -> str:
    """Questions are written a line each (`Q1. ...`, `Q2. ...`): keep each on its line, as Markdown's hard breaks."""
    return "\n".join(line + "  " if line.strip() else line for line in markdown.splitlines())


def when_in_words(local: dt.datetime) -> str:
    """`Sunday, December 6, 2026, 9:00 PM EST`: in the session's own zone."""
    return f"{local:%A}, {local:%B} {local.day}, {local.year}, {clock(local.time())} {local.tzname()}"


def share_title(chat: Chat, session: rules.Session) -> str:
    """`#blogchat, Sun 6 Dec: Planning your 2027 editorial calendar`, as link previews show it."""
    local = session.local
    day = f"{local:%a} {local.day} {local:%b}"
    if session.file.cancelled:
        return f"#{chat.hashtag}, {day}: cancelled"
    return f"#{chat.hashtag}, {day}" + (f": {session.topic}" if session.topic else "")


def google_add_session(chat: Chat, session: rules.Session, urls: SiteUrls) -> links.Link:
    """A Google Calendar "add" link for this one session: a copy, which later changes do not reach."""
    local, tzid = session.local, session.local.tzinfo.key
    end = session.end.astimezone(local.tzinfo)
    page = urls.absolute(session.page)
    params = {
        "action": "TEMPLATE",
        "text": f"#{chat.hashtag}: {chat.title}" + (f": {session.topic}" if session.topic else ""),
        "dates": f"{local:%Y%m%dT%H%M%S}/{end:%Y%m%dT%H%M%S}",
        "ctz": tzid,
        "details": page,
        "location": page,
    }
    return links.Link("Copy to Google Calendar", "https://calendar.google.com/calendar/render?" + urlencode(params))


def _link(session: rules.Session | None) -> SessionLink | None:
    if session is None:
        return None
    local = session.local
    label = f"{local:%a} {local.day} {local:%b} {local.year}" + (f": {session.topic}" if session.topic else "")
    return SessionLink(session.page, label + (" (cancelled)" if session.file.cancelled else ""))
