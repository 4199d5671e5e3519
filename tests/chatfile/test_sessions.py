"""Validation of session files: every kind of bad file, with its exact message.

Each case writes one session file next to two valid chats and asserts the
full text of every problem the catalog finds (`path:line: field: message`):

- `blogchat`: Sundays 21:00 America/New_York, added 2026-11-25 (first session
  2026-11-29), `skip: [2026-12-20]` and `until: 2027-06-27` on line 5's entry;
- `multichat`: entry `1` on Sundays 21:00 New York, and entry `apac` on
  Sundays and Mondays 9:00 Asia/Tokyo (19:00 the evening before in New York).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chatcal.chatfile.catalog import load_catalog
from chatcal.chatfile.sessionfile import read_session
from tests.chatfile.test_validation import chat_text
from tests.support import write_chat

BLOG = chat_text(entry={"skip": "[2026-12-20]", "until": "2027-06-27"})
MULTI = chat_text(schedule="""
  - every: week
    on: sunday
    at: "21:00"
    timezone: America/New_York
  - id: apac
    every: week
    on: [sunday, monday]
    at: "9:00"
    timezone: Asia/Tokyo""", hashtag="multichat", title="Multi")


def catalog(tmp_path: Path, sessions: dict[str, str], chats: dict[str, str] | None = None):
    for name, text in (chats or {"blogchat.md": BLOG, "multichat.md": MULTI}).items():
        write_chat(tmp_path / "content" / "chats", name, text)
    for name, text in sessions.items():
        path = tmp_path / "content" / "sessions" / name
        write_chat(path.parent, path.name, text)
    return load_catalog(tmp_path / "content" / "chats", tmp_path)


def problems(tmp_path: Path, sessions: dict[str, str], chats: dict[str, str] | None = None) -> list[str]:
    return [str(p) for p in catalog(tmp_path, sessions, chats).problems]


def front(**fields: str) -> str:
    return "---\n" + "".join(f"{key}: {value}\n" for key, value in fields.items()) + "---\n"


S = "content/sessions/"

BAD = [
    ("blogchta/2026-12-06.md", front(topic="Planning"),
     [f"{S}blogchta/2026-12-06.md:1: file: no chat `blogchta`: the folder name must be the slug of a chat in "
      "`content/chats/`; did you mean `blogchat`?"]),
    ("photowalks/2026-12-06.md", front(topic="Planning"),
     [f"{S}photowalks/2026-12-06.md:1: file: no chat `photowalks`: the folder name must be the slug of a chat in "
      "`content/chats/`; add `content/chats/photowalks.md` or move the file"]),
    ("blogchat/2026-13-01.md", front(topic="Planning"),
     [f"{S}blogchat/2026-13-01.md:1: file: file name `2026-13-01.md` is not a session date (month must be in "
      "1..12): expected `YYYY-MM-DD.md` or `YYYY-MM-DD-<entry id>.md`, the session's scheduled date in its "
      "entry's zone; rename it"]),
    ("blogchat/december-6.md", front(topic="Planning"),
     [f"{S}blogchat/december-6.md:1: file: file name `december-6.md` is not a session date: expected "
      "`YYYY-MM-DD.md` or `YYYY-MM-DD-<entry id>.md`, the session's scheduled date in its entry's zone"]),
    ("blogchat/2026-12-07.md", front(topic="Planning"),
     [f"{S}blogchat/2026-12-07.md:1: date: `2026-12-07` is not a session of entry `1` (sunday): rename the "
      "file to `2026-12-06` or `2026-12-13`, or add `extra: true` for a one-off session"]),
    ("blogchat/2026-12-20.md", front(status="cancelled"),
     [f"{S}blogchat/2026-12-20.md:2: status: `2026-12-20` is cancelled twice, here and in `skip` of schedule "
      "entry `1` (line 5): cancel it in one place; remove the date from `skip`, or this file"]),
    ("blogchat/2026-12-20.md", front(topic="Back on"),
     [f"{S}blogchat/2026-12-20.md:1: date: `2026-12-20` is in `skip` of schedule entry `1` (line 5), so there "
      "is no session to describe: remove the date from `skip`"]),
    ("blogchat/2026-12-06.md", front(topic="Planning", extra="true"),
     [f"{S}blogchat/2026-12-06.md:3: extra: `2026-12-06` is a regular session of this entry (sunday), not an "
      "extra one: remove `extra: true`"]),
    ("blogchat/2026-12-06.md", front(topic="Planning", start="2026-12-06 21:00"),
     [f"{S}blogchat/2026-12-06.md:3: start: `2026-12-06 21:00` is the scheduled start: nothing moved; remove "
      "`start`"]),
    ("blogchat/2026-12-06.md", front(status="cancelled", start="2026-12-07 21:00", duration="30", extra="true"),
     [f"{S}blogchat/2026-12-06.md:3: start: a cancelled session has no `start`: remove it, or remove "
      "`status: cancelled` to hold the session",
      f"{S}blogchat/2026-12-06.md:4: duration: a cancelled session has no `duration`: remove it, or remove "
      "`status: cancelled` to hold the session",
      f"{S}blogchat/2026-12-06.md:5: extra: a cancelled session has no `extra`: remove it, or remove "
      "`status: cancelled` to hold the session"]),
    ("blogchat/2027-07-04.md", front(topic="Late"),
     [f"{S}blogchat/2027-07-04.md:1: date: `2027-07-04` is after schedule entry `1` ends (until `2027-06-27`): "
      "fix the date, or the entry's `until`"]),
    ("blogchat/2027-07-07.md", front(topic="Late extra", extra="true"),
     [f"{S}blogchat/2027-07-07.md:1: date: `2027-07-07` is after schedule entry `1` ends (until `2027-06-27`): "
      "fix the date, or the entry's `until`"]),
    ("blogchat/2026-11-22.md", front(topic="Early"),
     [f"{S}blogchat/2026-11-22.md:1: date: `2026-11-22` is before the chat was listed (added `2026-11-25`): "
      "fix the date, or the chat's `added`"]),
    ("blogchat/2026-12-06.md", front(topc="Planning"),
     [f"{S}blogchat/2026-12-06.md:2: topc: unknown key `topc`: did you mean `topic`?"]),
    ("blogchat/2026-12-06.md", front(topic="Planning", recpa="https://example.org/r"),
     [f"{S}blogchat/2026-12-06.md:3: recpa: unknown key `recpa`: did you mean `recap`?"]),
    ("blogchat/2026-12-06.md", front(note="Nothing to say"),
     [f"{S}blogchat/2026-12-06.md:2: topic: missing: say what the session is about; add `topic:` (1-120 "
      "characters), or `status: cancelled` to cancel the session"]),
    ("blogchat/2026-12-09.md", front(extra="true"),
     [f"{S}blogchat/2026-12-09.md:2: topic: missing: an extra session needs one; add `topic:` (1-120 "
      "characters), or `status: cancelled` to cancel the session"]),
    ("blogchat/2026-12-06.md", front(topic="Moved", start="2026-12-13 10:00"),
     [f"{S}blogchat/2026-12-06.md:3: start: the moved start `2026-12-13 10:00` is on `2026-12-13`, the date of "
      "another session of entry `1`: move it to a day of its own, or cancel that session"]),
    ("blogchat/2026-12-09.md", front(topic="Extra", extra="true", start="2026-12-10 21:00"),
     [f"{S}blogchat/2026-12-09.md:4: start: an extra session starts on its file's date `2026-12-09`, found "
      "`2026-12-10 21:00`: write `start: \"2026-12-09 21:00\"` or rename the file to `2026-12-10.md`"]),
    ("blogchat/2026-12-06.md", front(topic="Moved", start="2027-07-01 21:00"),
     [f"{S}blogchat/2026-12-06.md:3: start: the moved start `2027-07-01 21:00` is after schedule entry `1` ends "
      "(until `2027-06-27`): fix the date, or the entry's `until`"]),
    ("blogchat/2026-12-06.md", front(topic="Moved", start="2026-11-24 21:00"),
     [f"{S}blogchat/2026-12-06.md:3: start: the moved start `2026-11-24 21:00` is before the chat was listed "
      "(added `2026-11-25`): fix the date, or the chat's `added`"]),
    ("blogchat/2026-12-06.md", front(topic="x", status="postponed", extra="yes", start="2026-12-06"),
     [f"{S}blogchat/2026-12-06.md:3: status: expected a session status (scheduled, cancelled), found `postponed`",
      f"{S}blogchat/2026-12-06.md:4: extra: expected `true` or `false`, found `yes`: write `true`",
      f"{S}blogchat/2026-12-06.md:5: start: expected a local date and time `YYYY-MM-DD HH:MM` "
      "(`2026-12-08 21:00`), found `2026-12-06`: write `\"2026-12-06 21:00\"` with the start time"]),
    ("blogchat/2026-12-06.md", front(topic="Planning", duration="2h", link="example.org/x"),
     [f"{S}blogchat/2026-12-06.md:3: duration: expected whole minutes from 5 to 720, found `2h`: write "
      "`duration: 120`",
      f"{S}blogchat/2026-12-06.md:4: link: expected an http or https URL, found `example.org/x`: write "
      "`https://example.org/x`"]),
    ("blogchat/2026-12-06.md", "---\ntopic: #blogchat planning\n---\n",
     [f"{S}blogchat/2026-12-06.md:2: topic: topic is empty: in YAML `#` starts a comment; write "
      "`topic: blogchat planning`"]),
    ("multichat/2026-12-06.md", front(topic="Which one"),
     [f"{S}multichat/2026-12-06.md:1: file: 2 schedule entries meet on `2026-12-06` (`1` at 21:00 "
      "America/New_York, `apac` at 09:00 Asia/Tokyo): name the entry, rename the file to `2026-12-06-1.md` or "
      "`2026-12-06-apac.md`"]),
    ("multichat/2026-12-08-emea.md", front(topic="Which one"),
     [f"{S}multichat/2026-12-08-emea.md:1: file: `2026-12-08-emea.md` names entry `emea`, which multichat does "
      "not have (its entries: `1`, `apac`): rename the file to `2026-12-08-1.md` or `2026-12-08-apac.md`"]),
    ("multichat/2026-12-07-apca.md", front(topic="Which one"),
     [f"{S}multichat/2026-12-07-apca.md:1: file: `2026-12-07-apca.md` names entry `apca`, which multichat does "
      "not have (its entries: `1`, `apac`): did you mean `2026-12-07-apac.md`?"]),
    ("multichat/2026-12-09.md", front(topic="Extra", extra="true"),
     [f"{S}multichat/2026-12-09.md:1: file: an extra session of a chat with several entries names its entry: "
      "rename the file to `2026-12-09-1.md` or `2026-12-09-apac.md`"]),
    ("multichat/2026-12-06-1.md", front(topic="Collide", start="2026-12-06 19:30"),
     [f"{S}multichat/2026-12-06-1.md:3: start: the session (2026-12-06 19:30 America/New_York, 60 minutes) "
      "overlaps another session of multichat (2026-12-07 09:00 Asia/Tokyo, entry `apac`): move one of them"]),
]


def test_there_are_many_bad_cases():
    assert len(BAD) >= 15


@pytest.mark.parametrize("name, text, expected", BAD, ids=[f"{n}:{i}" for i, (n, _, _) in enumerate(BAD)])
def test_bad_session_file(tmp_path, name, text, expected):
    found = catalog(tmp_path, {name: text})
    assert [str(p) for p in found.problems] == expected
    assert not found.ok
    assert all(not chat.sessions for chat in found.chats)  # a bad file changes no chat


def test_two_files_for_one_session(tmp_path):
    assert problems(tmp_path, {"blogchat/2026-12-06.md": front(topic="One"),
                               "blogchat/2026-12-06-1.md": front(topic="Two")}) == [
        f"{S}blogchat/2026-12-06.md:1: file: {S}blogchat/2026-12-06-1.md describes the same session "
        "(entry `1`, `2026-12-06`): keep one file per session"]


def test_two_sessions_moved_to_one_date(tmp_path):
    assert problems(tmp_path, {"blogchat/2026-12-06.md": front(topic="One", start="2026-12-09 19:00"),
                               "blogchat/2026-12-13.md": front(topic="Two", start="2026-12-09 21:00")}) == [
        f"{S}blogchat/2026-12-13.md:3: start: the moved start `2026-12-09 21:00` is on the date `2026-12-09` that "
        f"{S}blogchat/2026-12-06.md moves its session to: one session a day per entry; move one of them"]


def test_a_moved_session_joins_the_hashtag_overlap_check(tmp_path):
    other = chat_text(hashtag="blogchat", title="Other", entry={"on": "monday"})
    chats = {"blogchat.md": BLOG, "other.md": other}
    assert all("warning" in p for p in problems(tmp_path, {}, chats))  # never overlap: a warning
    moved = problems(tmp_path, {"blogchat/2026-12-06.md": front(topic="Monday", start="2026-12-07 21:30")}, chats)
    assert moved == [
        "content/chats/blogchat.md:3: hashtag: #blogchat is also the hashtag of content/chats/other.md, and their "
        "sessions overlap (2026-12-08 02:30 UTC): one conversation cannot be two chats; change the time or the "
        "hashtag, or merge the files",
        "content/chats/other.md:3: hashtag: #blogchat is also the hashtag of content/chats/blogchat.md, and their "
        "sessions overlap (2026-12-08 02:30 UTC): one conversation cannot be two chats; change the time or the "
        "hashtag, or merge the files",
    ]


def test_every_problem_of_chats_and_sessions_in_one_run(tmp_path):
    found = problems(tmp_path, {"blogchat/2026-12-07.md": front(topic="x"), "blogchta/2026-12-06.md": front(topic="x"),
                                "multichat/2026-12-06.md": front(topc="x")},
                     {"blogchat.md": BLOG, "multichat.md": MULTI, "broken.md": chat_text(hashtag="")})
    assert [p.split(": ")[0] for p in found] == [
        "content/chats/broken.md:3", f"{S}blogchat/2026-12-07.md:1", f"{S}blogchta/2026-12-06.md:1",
        f"{S}multichat/2026-12-06.md:2"]


def test_a_session_of_a_chat_with_errors_reports_only_the_chat(tmp_path):
    found = problems(tmp_path, {"broken/2026-12-06.md": front(topic="x")}, {"broken.md": chat_text(hashtag="")})
    assert [p.split(":")[0] for p in found] == ["content/chats/broken.md"]


def test_valid_sessions_attach_to_their_chat(tmp_path):
    found = catalog(tmp_path, {
        "blogchat/2026-12-06.md": front(topic="Planning", hosts='"@guest"', link="https://example.org/p") + "Q1. Why?\n",
        "blogchat/2026-12-13.md": front(status="Cancelled", note="Holiday"),
        "blogchat/2026-12-16.md": front(topic="Extra", extra="TRUE", start='"2026-12-16 20:00"', duration="30"),
        "multichat/2026-12-13-apac.md": front(topic="APAC"),
    })
    assert found.ok, [str(p) for p in found.problems]
    blog = found.by_slug("blogchat")
    assert [(f.name, f.entry, f.status, f.extra) for f in blog.sessions] == [
        ("2026-12-06", "1", "scheduled", False), ("2026-12-13", "1", "cancelled", False),
        ("2026-12-16", "1", "scheduled", True)]
    assert blog.sessions[0].questions == "Q1. Why?" and blog.sessions[0].hosts[0].handle == "@guest"
    assert [f.entry for f in found.by_slug("multichat").sessions] == ["apac"]
    assert len(found.sessions) == 4


def test_past_session_files_are_never_an_error_for_being_past(tmp_path):
    ended = chat_text(status="ended", entry={"until": "2026-12-27"})
    assert problems(tmp_path, {"blogchat/2026-12-06.md": front(topic="Old", recap="https://example.org/r")},
                    {"blogchat.md": ended}) == []


def test_checking_one_session_file_reports_only_it(tmp_path):
    catalog(tmp_path, {"blogchat/2026-12-07.md": front(topic="x"), "blogchat/2026-12-06.md": front(topc="x")})
    chosen = tmp_path / "content/sessions/blogchat/2026-12-07.md"
    found = load_catalog(tmp_path / "content" / "chats", tmp_path, paths=[chosen])
    assert [p.path for p in found.problems] == [f"{S}blogchat/2026-12-07.md"]


def test_the_digest_of_a_chat_follows_its_session_files(tmp_path):
    before = catalog(tmp_path, {"blogchat/2026-12-06.md": front(topic="One")})
    after = catalog(tmp_path, {"blogchat/2026-12-06.md": front(topic="Two")})
    alone = before.files["content/chats/multichat.md"].digest
    assert before.digest(before.by_slug("blogchat")) != after.digest(after.by_slug("blogchat"))
    assert before.digest(before.by_slug("multichat")) == alone  # no session files: the file's own digest


def test_unchanged_session_files_are_not_read_again(tmp_path, monkeypatch):
    first = catalog(tmp_path, {"blogchat/2026-12-06.md": front(topic="One")})
    import chatcal.chatfile.catalog as module

    monkeypatch.setattr(module, "read_session", lambda *a, **k: pytest.fail("read again"))
    again = load_catalog(tmp_path / "content" / "chats", tmp_path, known=first.files)
    assert again.by_slug("blogchat").sessions == first.by_slug("blogchat").sessions


def test_bom_crlf_and_a_big_file(tmp_path):
    data = b"\xef\xbb\xbf---\r\ntopic: Planning\r\n---\r\nQ1.\r\n"
    session, report = read_session(Path("blogchat/2026-12-06.md"), data)
    assert report.problems == [] and session.topic == "Planning"
    big = b"---\ntopic: x\n---\n" + b"a" * 70_000
    session, report = read_session(Path("blogchat/2026-12-06.md"), big)
    assert session is None and "64 KB" in report.problems[0].message


def test_yaml_features_are_refused_as_in_chat_files():
    data = b"---\ntopic: &a Planning\nnote: *a\n---\n"
    session, report = read_session(Path("blogchat/2026-12-06.md"), data)
    assert session is None and report.has_errors
