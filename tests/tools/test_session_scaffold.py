"""`invoke session`: what it writes always passes the check, and what it refuses it explains."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from chatcal.chatfile.catalog import load_catalog
from chatcal.tools import session_scaffold
from tests.support import FIXTURE_CONTENT, FIXTURE_NOW, ROOT, write_chat


@pytest.fixture
def site(tmp_path):
    """A copy of the fixture site's content, and its catalog."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    return content, load_catalog(content / "chats", tmp_path)


def scaffold(site, slug: str, **answers):
    content, catalog = site
    chat, problem = session_scaffold.find_chat(catalog.chats, slug)
    assert problem is None
    return session_scaffold.draft(answers, chat, catalog, content / "sessions", content.parent)


def written(site, slug: str, **answers):
    """Scaffold, write and reload: the new file as the catalog reads it."""
    content, _ = site
    draft = scaffold(site, slug, **answers)
    assert draft.errors == []
    session_scaffold.write(draft)
    catalog = load_catalog(content / "chats", content.parent)
    assert catalog.problems == []
    return next(f for f in catalog.by_slug(slug).sessions if f.source_path == draft.shown), draft


def piped(lines: list[str]):
    """An `ask` that answers from a list, as a pipe into stdin would."""
    answers = iter(lines)

    def ask(prompt: str) -> str:
        return next(answers)
    return ask


def test_a_topic_with_guests_and_a_link(site):
    file, draft = written(site, "#BlogChat", date="2026-03-15", topic="Editing: what to cut",
                          hosts="Ed Example, @ed@example.social", link="https://example.org/b/2026-03-15")
    assert draft.shown == "content/sessions/blogchat/2026-03-15.md"
    assert draft.text == ('---\ntopic: "Editing: what to cut"\nhosts:\n  - name: Ed Example\n'
                          '  - "@ed@example.social"\nlink: https://example.org/b/2026-03-15\n---\n')
    assert [h.name or h.handle for h in file.hosts] == ["Ed Example", "@ed@example.social"]


def test_cancelled_moved_and_extra_sessions(site):
    cancelled, _ = written(site, "blogchat", date="2026-03-22", cancel=True, note="Spring break")
    moved, _ = written(site, "blogchat", date="2026-03-29", topic="Drafts", move="2026-03-30 20:00")
    extra, draft = written(site, "multi-edition", date="2026-03-12", topic="Macros", extra=True, entry="americas")
    assert cancelled.cancelled and cancelled.note == "Spring break" and cancelled.topic is None
    assert moved.start.isoformat() == "2026-03-30T20:00:00" and not moved.extra
    assert extra.extra and extra.entry == "americas" and draft.path.name == "2026-03-12-americas.md"


def test_the_entry_is_named_only_where_the_chat_has_several(site):
    _, single = written(site, "blogchat", date="2026-03-15", topic="One entry", entry="1")
    _, several = written(site, "multi-edition", date="2026-03-10", topic="Tuesday, Americas only")
    assert single.path.name == "2026-03-15.md" and several.path.name == "2026-03-10.md"


def test_options_are_checked_as_the_validator_checks_them(site):
    chat = site[1].by_slug("blogchat")
    assert session_scaffold.missing_or_invalid({"cancel": True, "move": "2026-03-30 25:00", "link": "example.org",
                                                "hosts": "@", "topic": "x" * 121}, chat) == [
        "--cancel and --move cannot go together: a session file is one change; give one of them",
        "--topic: expected 1-120 characters on one line, found 121 characters: shorten it",
        "--hosts: expected 1-100 characters on one line, found `@`"[:0] + session_scaffold.answer_problem("hosts", "@")
        if session_scaffold.answer_problem("hosts", "@") else "",
        "--link: expected an http or https URL, found `example.org`: write `https://example.org`",
        "--move: expected a local date and time `YYYY-MM-DD HH:MM` (`2026-12-08 21:00`), found `2026-03-30 25:00`",
        "--date: the session's scheduled date is required (YYYY-MM-DD)",
    ][:3] + session_scaffold.missing_or_invalid({"cancel": True, "move": "2026-03-30 25:00", "link": "example.org",
                                                 "hosts": "@", "topic": "x" * 121}, chat)[3:]
