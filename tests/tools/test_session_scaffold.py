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
    return next(f for f in catalog.by_slug(draft.path.parent.name).sessions if f.source_path == draft.shown), draft


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
    blogchat, editions = site[1].by_slug("blogchat"), site[1].by_slug("multi-edition")
    assert session_scaffold.missing_or_invalid({"cancel": True, "move": "2026-03-30 25:00", "link": "example.org",
                                                "hosts": "Ann, @", "date": "2026-3-1"}, blogchat) == [
        "--cancel and --move cannot go together: a session file is one change; give one of them",
        "--date: expected a date YYYY-MM-DD, found `2026-3-1`",
        "--hosts: expected a mapping (name, handle, platform, url) or a handle such as `\"@name\"`, found `@`",
        "--link: expected an http or https URL, found `example.org`: write `https://example.org`",
        "--move: expected a local date and time `YYYY-MM-DD HH:MM` (`2026-12-08 21:00`), found `2026-03-30 25:00`",
    ]
    assert session_scaffold.missing_or_invalid({}, blogchat) == [
        "--date: the session's scheduled date is required (YYYY-MM-DD)",
        "--topic: required, unless the session is cancelled: say what it is about",
    ]
    assert session_scaffold.missing_or_invalid({"date": "2026-03-12", "topic": "x", "extra": True}, editions) == [
        "--entry: multi-edition has several schedule entries (`americas`, `apac`): "
        "say which one the extra session belongs to"]
    assert session_scaffold.missing_or_invalid({"date": "2026-03-12", "topic": "x", "entry": "emea"}, editions) == [
        "--entry: multi-edition has no entry `emea` (its entries: `americas`, `apac`)"]


def test_a_date_two_entries_meet_on_needs_the_entry(site):
    content, _ = site
    write_chat(content / "chats", "twice-sunday.md", "---\ntitle: Twice on Sunday\nhashtag: twicesunday\nschedule:\n"
               "  - id: early\n    every: week\n    on: sunday\n    at: \"9:00\"\n    timezone: Europe/London\n"
               "  - id: late\n    every: week\n    on: sunday\n    at: \"21:00\"\n    timezone: America/New_York\n"
               "added: 2026-01-01\n---\nTwice.\n")
    site = (content, load_catalog(content / "chats", content.parent))
    chat = site[1].by_slug("twice-sunday")
    assert session_scaffold.missing_or_invalid({"date": "2026-03-15", "topic": "x"}, chat) == [
        "--entry: 2 entries of twice-sunday meet on 2026-03-15 (`early`, `late`): say which"]
    file, draft = written(site, "twice-sunday", date="2026-03-15", topic="Late one", entry="late")
    assert draft.path.name == "2026-03-15-late.md" and file.entry == "late"


@pytest.mark.parametrize("slug, answers, error", [
    ("blogchat", {"date": "2026-03-08", "topic": "Again"},
     "content/sessions/blogchat/2026-03-08.md already exists: edit it instead"),
    ("blogchat", {"date": "2026-03-09", "topic": "A Monday"},
     "date: `2026-03-09` is not a session of entry `1` (sunday): rename the file to `2026-03-08` or `2026-03-15`, "
     "or add `extra: true` for a one-off session"),
    ("blogchat", {"date": "2026-03-15", "topic": "Onto next week", "move": "2026-03-22 21:00"},
     "start: the moved start `2026-03-22 21:00` is on `2026-03-22`, the date of another session of entry `1`: "
     "move it to a day of its own, or cancel that session"),
    ("blogchat", {"date": "2026-03-15", "topic": "Extra?", "extra": True},
     "extra: `2026-03-15` is a regular session of this entry (sunday), not an extra one: remove `extra: true`"),
    ("multi-edition", {"date": "2026-03-17", "topic": "Onto APAC", "move": "2026-03-18 20:00", "entry": "americas"},
     "start: the session (2026-03-18 20:00 America/Chicago, 60 minutes) overlaps another session of multi-edition "
     "(2026-03-19 10:00 Asia/Tokyo, entry `apac`): move one of them"),
])
def test_what_the_check_would_reject_is_not_written(site, slug, answers, error):
    draft = scaffold(site, slug, **answers)
    assert draft.errors == [error]
    assert session_scaffold.finish(draft, print) == f"Not written:\n  {error}"
    assert not draft.path.exists() or draft.path.read_text(encoding="utf-8") != draft.text


def test_a_second_file_for_one_session_is_refused(site):
    content, _ = site
    written(site, "multi-edition", date="2026-03-10", topic="Named by its date alone")
    draft = scaffold((content, load_catalog(content / "chats", content.parent)), "multi-edition", date="2026-03-10", topic="Named by its entry", entry="americas")
    assert draft.errors == ["file: content/sessions/multi-edition/2026-03-10.md describes the same session "
                            "(entry `americas`, `2026-03-10`): edit that file instead"]


def test_a_move_onto_a_chat_sharing_the_hashtag_is_refused(site):
    content, _ = site
    monday = (FIXTURE_CONTENT / "chats/blogchat.md").read_text(encoding="utf-8").replace("on: sunday", "on: monday")
    write_chat(content / "chats", "blogchat-monday.md", monday)
    site = (content, load_catalog(content / "chats", content.parent))
    assert site[1].ok
    draft = scaffold(site, "blogchat-monday", date="2026-03-16", topic="Sunday instead", move="2026-03-15 21:30")
    assert len(draft.errors) == 2 and all("their sessions overlap (2026-03-16 01:30 UTC)" in e for e in draft.errors)
    assert sorted(e.split(": #")[0] for e in draft.errors) == ["content/chats/blogchat-monday.md:3: hashtag",
                                                               "content/chats/blogchat.md:3: hashtag"]


def test_find_chat_by_slug_or_hashtag():
    catalog = load_catalog(FIXTURE_CONTENT / "chats", FIXTURE_CONTENT.parent)
    assert session_scaffold.find_chat(catalog.chats, "#pmchat")[0].slug == "pmchat"
    assert session_scaffold.find_chat(catalog.chats, "kathmandu")[0].slug == "kathmandu"
    assert session_scaffold.find_chat(catalog.chats, "blogchta") == (None, "no chat `blogchta`: did you mean `blogchat`?")


def test_interview_offers_the_next_sessions_and_checks_each_answer(site):
    asked, said = [], []
    answers = iter(["2", "2026-3-15", "3", "", "x" * 121, "Editing", "@", "Ed", "example.org", ""])

    def ask(prompt):
        asked.append(prompt)
        return next(answers)
    chat = site[1].by_slug("blogchat")
    result = session_scaffold.interview(ask, said.append, chat, {}, FIXTURE_NOW)
    assert result == {"date": "2026-03-15", "topic": "Editing", "hosts": "Ed", "link": ""}
    assert said[:3] == ["  1) Sun 2026-03-01 21:00 America/New_York",
                        "  2) Sun 2026-03-08 21:00 America/New_York (described in content/sessions/blogchat/2026-03-08.md)",
                        "  3) Sun 2026-03-15 21:00 America/New_York"]
    assert said[5:] == [
        "  content/sessions/blogchat/2026-03-08.md already describes that session: edit it instead, or pick another",
        "  expected a date YYYY-MM-DD, found `2026-3-15`",
        "  topic is required",
        "  expected 1-120 characters on one line, found 121 characters: shorten it",
        "  expected a mapping (name, handle, platform, url) or a handle such as `\"@name\"`, found `@`",
        "  expected an http or https URL, found `example.org`: write `https://example.org`",
    ]
    assert asked[0] == "Which session: a number or a date (YYYY-MM-DD) [1]: "
    written(site, "blogchat", **result)


def test_interview_of_an_extra_session_asks_its_entry(site):
    said = []
    chat = site[1].by_slug("multi-edition")
    result = session_scaffold.interview(piped(["2026-03-12", "emea", "americas", "Macros", "", ""]), said.append,
                                        chat, {"extra": True}, FIXTURE_NOW)
    assert result["entry"] == "americas" and result["date"] == "2026-03-12"
    assert said == ["  americas: Americas edition, 18:00 America/Chicago", "  apac: APAC edition, 10:00 Asia/Tokyo",
                    "  multi-edition has no entry `emea` (its entries: `americas`, `apac`)"]
    file, _ = written(site, "multi-edition", **result)
    assert file.extra


def test_interview_of_a_cancellation_asks_only_for_a_note(site):
    asked = []

    def ask(prompt):
        asked.append(prompt)
        return "Spring break"
    result = session_scaffold.interview(ask, print, site[1].by_slug("blogchat"), {"date": "2026-03-22", "cancel": True},
                                        FIXTURE_NOW)
    assert asked == ["A note shown with the session, such as `Holiday break` (optional): "]
    assert written(site, "blogchat", **result)[0].note == "Spring break"


def run_session(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "invoke", "-r", str(ROOT), "session", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_the_task_exits_1_with_every_reason_and_writes_nothing():
    before = sorted((ROOT / "content").rglob("*.md"))
    result = run_session("no-such-chat", "--yes")
    assert result.returncode == 1
    assert result.stderr.startswith("Cannot write the session:\n  no chat `no-such-chat`")
    result = run_session("blogchat", "--yes", "--date", "2026-13-01", "--cancel", "--extra")
    assert result.returncode == 1 and result.stderr.splitlines() == [
        "Cannot write the session:",
        "  --cancel and --extra cannot go together: a session file is one change; give one of them",
        "  --date: expected a date YYYY-MM-DD, found `2026-13-01` (month must be in 1..12)",
    ]
    assert sorted((ROOT / "content").rglob("*.md")) == before
