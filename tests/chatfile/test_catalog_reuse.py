"""A catalog made with a previous one's results says the same as one made afresh."""

from __future__ import annotations

import shutil

from chatcal.chatfile.catalog import load_catalog
from tests.support import FIXTURE_CONTENT


def test_checked_session_files_are_reused_only_while_their_bytes_are_the_same(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    bad = content / "sessions/blogchat/2026-03-09.md"
    bad.write_text("---\ntopic: Not a Sunday\n---\n", encoding="utf-8")
    first = load_catalog(content / "chats", content)
    again = load_catalog(content / "chats", content, known=first.files, known_sessions=first.attached)
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
    assert any(p.path.endswith("2026-03-09.md") for p in again.problems)
    assert [c.sessions for c in again.chats] == [c.sessions for c in first.chats]
    assert set(again.attached) == set(first.attached)

    bad.unlink()  # the chat's files changed: checked again, and the problem is gone
    fixed = load_catalog(content / "chats", content, known=again.files, known_sessions=again.attached)
    assert fixed.ok and not any(p.path.endswith("2026-03-09.md") for p in fixed.problems)


def test_a_changed_chat_file_has_its_session_files_checked_again(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    first = load_catalog(content / "chats", content)
    chat = content / "chats/blogchat.md"
    chat.write_text(chat.read_text(encoding="utf-8").replace("on: sunday", "on: monday"), encoding="utf-8")
    again = load_catalog(content / "chats", content, known=first.files, known_sessions=first.attached)
    # The session files name Sundays, which the chat no longer meets on.
    assert any(p.path.startswith("sessions/blogchat/") for p in again.problems)
