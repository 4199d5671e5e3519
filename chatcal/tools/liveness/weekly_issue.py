"""The weekly issue: chats silent on two runs in a row and listed for four weeks, for a person to look at."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping

from chatcal.model import Chat
from chatcal.tools.liveness.platforms import display_name

LISTED_FOR = dt.timedelta(days=28)  # a new chat often takes a few weeks to find its people
MARKER = "<!-- chatcal-liveness -->"  # lets the workflow find last week's issue


def stopped(record: Mapping | None) -> bool:
    """Silent now and at the run before: one quiet fortnight on a server is not enough."""
    return bool(record) and record.get("verdict") == "silent" and record.get("previous") == "silent"


def chats_for_issue(chats: Iterable[Chat], data: Mapping, today: dt.date) -> list[Chat]:
    """The active chats to list, by slug."""
    records = data.get("chats") or {}
    return sorted((chat for chat in chats
                   if chat.active and stopped(records.get(chat.slug)) and chat.added <= today - LISTED_FOR),
                  key=lambda chat: chat.slug)


def issue_body(chats: Iterable[Chat], data: Mapping, today: dt.date,
               chat_url: Callable[[Chat], str] | None = None) -> str:
    """The issue's Markdown; `chat_url` links each title to its page on the site."""
    records = data.get("chats") or {}
    rows = [issue_row(chat, records[chat.slug], chat_url) for chat in chats]
    lines = [MARKER, f"Chats with no activity found on two liveness runs in a row (checked {today.isoformat()}).", ""]
    if not rows:
        return "\n".join(lines + ["None this week."]) + "\n"
    lines += [
        "Each was silent at its last sessions on every platform that can be read (Mastodon, and Bluesky "
        "when the run could log in); platforms that cannot be read were not checked and are named below. "
        "A chat may have ended, paused or moved: please look, then set `status: ended` or `status: hiatus` "
        f"in its file, or confirm it still meets with `verified: {today.isoformat()}`.",
        "",
        "| Chat | Hashtag | File | Sessions without activity | Last seen active | Not checked |",
        "|---|---|---|---|---|---|",
        *rows,
    ]
    return "\n".join(lines) + "\n"


def issue_row(chat: Chat, record: Mapping, chat_url: Callable[[Chat], str] | None) -> str:
    title = escape(chat.title)
    if chat_url:
        title = f"[{title}]({chat_url(chat)})"
    starts = sorted({session["start"][:10] for platform in record["platforms"].values()
                     for session in platform["sessions"]})
    span = f"{len(starts)} ({starts[0]} – {starts[-1]})" if starts else "none judged"
    closed = ", ".join(display_name(name) for name, platform in record["platforms"].items()
                       if platform["status"] == "not_checkable") or "–"
    path = chat.source_path or f"content/chats/{chat.slug}.md"
    cells = [title, f"`#{chat.hashtag}`", f"`{path}`", span, record.get("last_active") or "never", closed]
    return "| " + " | ".join(cells) + " |"


def escape(text: str) -> str:
    """Contributors' text, shown as text: no Markdown, no table break, no @mention of anyone."""
    text = re.sub(r"([\\`*_{}\[\]()<>#+!|~-])", r"\\\1", " ".join(text.split()))
    return text.replace("@", "@\u200b")
