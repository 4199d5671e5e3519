"""The commands contributors and maintainers run: check, build, serve."""

from __future__ import annotations

import subprocess
import sys
import urllib.request

import pytest

from tests.support import FIXTURE_CONTENT, ROOT, serving, write_chat

INVOKE = [sys.executable, "-m", "invoke", "-r", str(ROOT)]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*INVOKE, *args], capture_output=True, text=True, cwd=ROOT)


def test_check_passes_on_the_shipped_chats():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "chats checked: no errors" in result.stdout


def test_check_reports_every_problem_of_a_file(tmp_path):
    good = (FIXTURE_CONTENT / "chats" / "kathmandu.md").read_text(encoding="utf-8")
    bad = good.replace("on: saturday", "on: saturdy").replace("timezone: Asia/Kathmandu", "timezone: IST")
    path = write_chat(tmp_path, "bad-chat.md", bad.replace("hashtag: himalayatech", "hashtag: #himalayatech"))
    result = run("check", "-p", str(path))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{path}:3: hashtag: hashtag is empty: in YAML `#` starts a comment; write `hashtag: himalayatech`",
        f"{path}:7: schedule[1].on: expected a weekday (`sunday`, `sun`) or an ordinal and a weekday "
        "(`first tuesday`), found `saturdy`: did you mean `saturday`?",
        f"{path}:9: schedule[1].timezone: IST is an abbreviation, not a time zone; use Asia/Kolkata "
        "(or Europe/Dublin, ...)",
        "3 errors",
    ]


def test_check_of_one_file_sees_clashes_with_the_others(tmp_path):
    blogchat = (ROOT / "content/chats/blogchat.md").read_text(encoding="utf-8")
    path = write_chat(tmp_path, "blogchat-copy.md", blogchat)
    result = run("check", "-p", str(path))
    assert result.returncode == 1
    assert f"{path}:3: hashtag: #blogchat is also the hashtag of content/chats/blogchat.md" in result.stderr


@pytest.fixture
def server(built_site):
    with serving(built_site) as url:
        yield url


@pytest.mark.parametrize("path, content_type", [
    ("/calendar.ics", "text/calendar; charset=utf-8"),
    ("/chats/weekly-ny.ics", "text/calendar; charset=utf-8"),
    ("/chats.json", "application/json"),
    ("/schema/chat.schema.json", "application/json"),
    ("/chats/weekly-ny/", "text/html; charset=utf-8"),
])
def test_server_content_types(server, path, content_type):
    with urllib.request.urlopen(server + path) as response:
        assert response.headers["Content-Type"] == content_type


def test_build_command_is_reproducible_with_source_date_epoch(tmp_path):
    """Two builds with the same input and SOURCE_DATE_EPOCH: `diff -r` finds nothing."""
    import os

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1772366400"}  # 2026-03-01T12:00:00Z
    for name in ("one", "two"):
        result = subprocess.run([*INVOKE, "build", "--output", str(tmp_path / name)], capture_output=True,
                                text=True, cwd=ROOT, env=env)
        assert result.returncode == 0, result.stderr
    assert subprocess.run(["diff", "-r", str(tmp_path / "one"), str(tmp_path / "two")]).returncode == 0
    assert '"generated":"2026-03-01T12:00:00Z"' in (tmp_path / "one/chats.json").read_text(encoding="utf-8")


def test_check_prints_github_annotations_in_actions(tmp_path):
    import os

    good = (FIXTURE_CONTENT / "chats" / "kathmandu.md").read_text(encoding="utf-8")
    path = write_chat(tmp_path, "bad-chat.md", good.replace("duration: 60\n", "").replace("on: saturday", "on: caturday"))
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    result = subprocess.run([*INVOKE, "check", "-p", str(path)], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        f"::error file={path},line=7,title=chat file%3A schedule[1].on::expected a weekday (`sunday`, `sun`) "
        "or an ordinal and a weekday (`first tuesday`), found `caturday`: did you mean `saturday`?"
    )
