"""A session file's text checked against its chat and the catalog, before it is written.

The same rules `load_catalog` applies to files on disk (its entry and date,
a second file for the same session, moved and extra sessions landing on
others, hashtags shared with other chats), so a tool can refuse a file
rather than write one that `invoke check` rejects.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from chatcal.chatfile.catalog import Catalog, check_hashtags
from chatcal.chatfile.sessionfile import read_session
from chatcal.chatfile.sessionrules import check_collisions, check_session
from chatcal.report import Report, errors


def session_errors(path: Path, text: str, catalog: Catalog, shown: str, chats_dir: str = "content/chats") -> list[str]:
    """Every error of `text` as the session file `path` (shown as `shown`) among the catalog's files.

    Errors in this file read `field: message`; an error it causes in
    another file reads `path: field: message`.
    """
    file, report = read_session(path, data=text.encode("utf-8"), display_path=shown)
    if file is None:
        return _messages(report, shown)
    chats = {chat.slug: chat for chat in catalog.chats}
    chat = chats.get(file.chat)
    file = check_session(file, chat, sorted(chats), chats_dir, report)
    if file is None:
        return _messages(report, shown)
    twin = next((f for f in chat.sessions if (f.entry, f.date) == (file.entry, file.date)), None)
    if twin is not None:
        return [f"file: {twin.source_path} describes the same session (entry `{file.entry}`, `{file.date}`): "
                "edit that file instead"]
    mine = replace(chat, sessions=tuple(sorted([*chat.sessions, file], key=lambda f: (f.date, f.entry))))
    reports: dict[str, Report] = {shown: report}
    check_collisions(mine, lambda where: reports.setdefault(where, Report(where)))
    found = [message for where, one in reports.items() for message in _messages(one, shown)]
    return found + _new_hashtag_errors(catalog, mine)


def _new_hashtag_errors(catalog: Catalog, mine) -> list[str]:
    """Overlaps with chats sharing the hashtag that only the new file's session makes."""
    before = {str(p) for p in errors(check_hashtags(catalog.chats))}
    after = check_hashtags([mine if chat.slug == mine.slug else chat for chat in catalog.chats])
    return [str(p) for p in errors(after) if str(p) not in before]


def _messages(report: Report, shown: str) -> list[str]:
    prefix = "" if report.path == shown else f"{report.path}: "
    return [f"{prefix}{p.field}: {p.message}" for p in errors(report.problems)]
