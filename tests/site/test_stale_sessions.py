"""`invoke stale`: chats whose session files stopped while their sessions went on."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import replace

import pytest

from chatcal.model import SessionFile
from chatcal.site.stale import quiet_report, quiet_sessions
from tests.support import ROOT

UTC = dt.timezone.utc


def with_files(chat, *dates: str, **fields):
    """The chat with session files for these dates instead of its own."""
    fields = {"topic": "A topic", **fields}
    files = tuple(SessionFile(chat=chat.slug, name=d, date=dt.date.fromisoformat(d), entry=chat.schedule[0].id,
                              source_path=f"content/sessions/{chat.slug}/{d}.md", **fields)
                  for d in dates)
    return replace(chat, sessions=files)


@pytest.fixture
def blogchat(fixture_catalog):
    """Weekly on Sundays at 21:00 New York, with three session files, the last for 2026-03-15."""
    return with_files(fixture_catalog.by_slug("blogchat"), "2026-03-01", "2026-03-08", "2026-03-15")


@pytest.mark.parametrize("now, quiet", [
    (dt.datetime(2026, 6, 15, 12, tzinfo=UTC), False),  # latest session 2026-06-14: three months after 03-14
    (dt.datetime(2026, 6, 22, 12, tzinfo=UTC), True),  # latest session 2026-06-21: more than three months
    (dt.datetime(2026, 6, 22, 0, 30, tzinfo=UTC), False),  # 2026-06-21 21:00 New York has not started yet
])
def test_quiet_after_n_months_of_sessions_without_files(blogchat, now, quiet):
    found = quiet_sessions([blogchat], now, 3)
    assert bool(found) is quiet
    if quiet:
        assert (found[0].files, found[0].last_file, found[0].last_session) == \
            (3, dt.date(2026, 3, 15), dt.date(2026, 6, 21))


def test_only_chats_that_had_enough_files(fixture_catalog, blogchat):
    later = dt.datetime(2027, 1, 1, tzinfo=UTC)
    two = with_files(fixture_catalog.by_slug("blogchat"), "2026-03-08", "2026-03-15")
    assert quiet_sessions([two], later, 3) == []
    assert quiet_sessions([two], later, 3, at_least=2)[0].files == 2
    assert quiet_sessions([fixture_catalog.by_slug("weekly-ny")], later, 3) == []  # never had any


def test_a_file_for_a_coming_session_or_a_cancelled_one_counts(fixture_catalog, blogchat):
    later = dt.datetime(2026, 9, 1, tzinfo=UTC)
    ahead = replace(blogchat, sessions=blogchat.sessions + with_files(blogchat, "2026-09-06").sessions)
    cancelled = replace(blogchat, sessions=blogchat.sessions + with_files(
        blogchat, "2026-08-23", status="cancelled", topic=None).sessions)
    assert quiet_sessions([blogchat], later, 3) != []
    assert quiet_sessions([ahead, cancelled], later, 3) == []


def test_paused_chats_count_up_to_their_last_session_and_ended_ones_not_at_all(fixture_catalog):
    later = dt.datetime(2027, 1, 1, tzinfo=UTC)
    paused = with_files(fixture_catalog.by_slug("hiatus-chat"), "2025-06-07", "2025-06-14", "2025-06-21")
    paused = replace(paused, added=dt.date(2025, 6, 1))
    ended = replace(paused, slug="ended", status="ended")
    [found] = quiet_sessions([paused, ended], later, 3)
    assert found.chat.slug == "hiatus-chat" and found.last_session == dt.date(2026, 1, 31)
    assert quiet_sessions([replace(paused, sessions=paused.sessions[:2] + with_files(
        paused, "2025-11-01").sessions)], later, 3) == []


def test_report_text(fixture_catalog, blogchat):
    pmchat = with_files(fixture_catalog.by_slug("pmchat"), "2026-01-09", "2026-01-16", "2026-01-23")
    found = quiet_sessions([blogchat, pmchat], dt.datetime(2026, 9, 1, tzinfo=UTC), 3)
    assert quiet_report(found, 3).splitlines() == [
        "2 chats with session files that stopped more than 3 months before their latest session:",
        "- content/chats/pmchat.md: #PMchat, 3 session files, the last for 2026-01-23, "
        "but its latest session was on 2026-08-28",
        "- content/chats/blogchat.md: #blogchat, 3 session files, the last for 2026-03-15, "
        "but its latest session was on 2026-08-30",
    ]
    assert quiet_report([], 6) == "No chats whose session files stopped more than 6 months before their latest session."


def test_the_stale_task_reports_both():
    result = subprocess.run([sys.executable, "-m", "invoke", "-r", str(ROOT), "stale", "--session-months", "2"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "not verified" in result.stdout or "unverified" in result.stdout
    assert "session files stopped more than 2 months before their latest session" in result.stdout \
        or "session files that stopped more than 2 months before their latest session" in result.stdout
