"""Events of single sessions: overrides of a series, and sessions with events of their own.

Each is made from its series' own content lines, so it is a whole copy of
the series' event: no calendar client fills in what an override leaves out.
"""

from __future__ import annotations

from chatcal.ical import contentlines as ical
from chatcal.markup import description_text
from chatcal.model import Chat
from chatcal.schedule import changes, rules
from chatcal.urls import SiteUrls

# What a single session never copies from its series.
RULE_PROPERTIES = {b"RRULE", b"EXDATE", b"RDATE", b"EXRULE"}


def override_event(series: list[bytes], chat: Chat, session: rules.Session, urls: SiteUrls) -> bytes:
    """The override of one occurrence: the series' UID, a RECURRENCE-ID at its scheduled start."""
    tzid = session.local.tzinfo.key
    scheduled = rules.local_start(_entry(chat, session), session.date)
    recurrence = ical.line("RECURRENCE-ID", ical.local_datetime(scheduled), TZID=tzid)
    return _session_event(series, chat, session, urls, {b"UID": lambda line: [line, recurrence]})


def own_event(series: list[bytes], chat: Chat, session: rules.Session, urls: SiteUrls) -> bytes:
    """An extra session, or one moved past a neighbour: an event with a UID of its own, without a rule."""
    uid = changes.own_uid(chat, _entry(chat, session), session.date)
    return _session_event(series, chat, session, urls, {b"UID": lambda line: [ical.line("UID", ical.text(uid))]})


def _session_event(series: list[bytes], chat: Chat, session: rules.Session, urls: SiteUrls, changed: dict) -> bytes:
    tzid = session.local.tzinfo.key
    page = urls.absolute(session.page)
    changed = {
        b"DTSTART": lambda line: [ical.line("DTSTART", ical.local_datetime(session.local), TZID=tzid)],
        b"DTEND": lambda line: [ical.line("DTEND", ical.local_datetime(session.end.astimezone(session.local.tzinfo)),
                                          TZID=tzid)],
        b"SUMMARY": lambda line: [_summary(line, session)],
        b"DESCRIPTION": lambda line: [ical.line("DESCRIPTION", ical.text(description(chat, session, page)))],
        b"URL": lambda line: [ical.line("URL", page, VALUE="URI")],
        **changed,
    }
    lines = []
    for line in series:
        name = _name(line)
        if name in RULE_PROPERTIES:
            continue
        lines += changed[name](line) if name in changed else [line]
    return b"".join(lines)


def _name(line: bytes) -> bytes:
    return line.split(b":", 1)[0].split(b";", 1)[0]


def _summary(line: bytes, session: rules.Session) -> bytes:
    """The series' SUMMARY, ending with the session's topic when it has one."""
    if not session.topic:
        return line
    unfolded = line.rstrip(b"\r\n").replace(b"\r\n ", b"")
    return ical.fold(unfolded + b": " + ical.text(session.topic).encode())


def description(chat: Chat, session: rules.Session, page: str) -> str:
    """The session's topic, note, hosts, link and questions, as plain text."""
    file = session.file
    hosts = [h.name or h.handle for h in (file.hosts or chat.hosts)]
    parts = [
        file.topic or "",
        file.note or "",
        ("Hosts: " + ", ".join(hosts)) if hosts else "",
        f"Link: {file.link}" if file.link else "",
        description_text(file.questions) if file.questions.strip() else "",
        f"This session of #{chat.hashtag}: {page}",
    ]
    return "\n\n".join(p for p in parts if p)


def _entry(chat: Chat, session: rules.Session):
    return next(e for e in chat.schedule if e.id == session.entry)
