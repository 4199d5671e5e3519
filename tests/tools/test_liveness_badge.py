"""The words a chat page shows from its liveness record, and the weekly issue of chats that stopped."""

from __future__ import annotations

import datetime as dt

import pytest

from chatcal.site.liveness import badge_parts, badge_text
from chatcal.tools.liveness.weekly_issue import MARKER, chats_for_issue, issue_body
from tests.tools.liveness_fakes import make_chat


def session(day: str, posts: int = 0, accounts: int = 0, host_posts: int = 0) -> dict:
    active = (posts >= 2 and accounts >= 2) or host_posts >= 1
    return {"start": f"{day}T02:00:00Z", "posts": posts, "accounts": accounts, "host_posts": host_posts,
            "active": active}


def record(verdict: str, *sessions: dict, last_active: str | None = None, previous: str | None = None,
           **platforms: list[dict]) -> dict:
    found = {"mastodon": list(sessions), **platforms}
    return {"verdict": verdict, "previous": previous, "last_active": last_active,
            "platforms": {name: {"status": "checked", "reason": None, "sessions": items}
                          for name, items in found.items()}}


SILENT = record("silent", *(session(day) for day in ("2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16")),
                previous="silent")


def test_active():
    busy = record("active", session("2026-11-16", 1, 1), session("2026-11-23", 23, 9, 1), last_active="2026-11-23")
    assert badge_text(busy) == ("active", "Active: seen at the session of 23 November 2026 (Mastodon: 23 posts from 9 people)")


def test_active_on_two_platforms_and_by_a_host_alone():
    both = record("active", session("2026-11-23", 2, 2), bluesky=[session("2026-11-23", 1, 1, 1)])
    assert badge_text(both)[1] == ("Active: seen at the session of 23 November 2026 "
                                   "(Bluesky: 1 post from 1 person; Mastodon: 2 posts from 2 people)")
    host_bot = record("active", session("2026-11-23", 0, 0, 1))
    assert badge_text(host_bot)[1] == "Active: seen at the session of 23 November 2026 (Mastodon: 1 post by the hosts)"


def test_quiet():
    quiet = record("quiet", session("2026-11-02"), session("2026-11-09", 4, 3), session("2026-11-16"),
                   session("2026-11-23"), last_active="2026-11-09")
    assert badge_text(quiet) == ("quiet", "Last seen active on 9 November 2026; no posts found at the 2 sessions since")
    one = record("quiet", session("2026-11-16", 4, 3), session("2026-11-23", 1, 1), last_active="2026-11-16")
    assert badge_text(one)[1] == "Last seen active on 16 November 2026; no posts found at the session since"


def test_silent_with_its_link_apart():
    assert badge_text(SILENT) == ("silent", "No activity found at the last 4 sessions "
                                            "(26 October – 16 November 2026). Still running? Tell us")
    assert badge_parts(SILENT) == ("silent", "No activity found at the last 4 sessions "
                                             "(26 October – 16 November 2026). Still running?", "Tell us")


@pytest.mark.parametrize("days, span", [
    (("2026-11-02", "2026-11-23"), "2–23 November 2026"),
    (("2026-12-14", "2027-01-04"), "14 December 2026 – 4 January 2027"),
])
def test_silent_spans(days, span):
    assert f"({span})" in badge_text(record("silent", *(session(day) for day in days)))[1]


@pytest.mark.parametrize("verdict", ["too_new", "unknown", "not_checkable"])
def test_no_badge_for_other_verdicts(verdict):
    assert badge_text({**SILENT, "verdict": verdict}) is None
    assert badge_parts({**SILENT, "verdict": verdict}) is None


TODAY = dt.date(2026, 11, 23)


def test_the_issue_lists_chats_silent_twice_and_listed_four_weeks():
    chats = [make_chat("gone", added=TODAY - dt.timedelta(days=28)),
             make_chat("newly", added=TODAY - dt.timedelta(days=27)),
             make_chat("once"), make_chat("ended", status="ended"), make_chat("missing")]
    data = {"chats": {"gone": SILENT, "newly": SILENT, "once": {**SILENT, "previous": "quiet"}, "ended": SILENT}}
    assert [chat.slug for chat in chats_for_issue(chats, data, TODAY)] == ["gone"]


def test_the_issue_body_shows_contributors_text_as_text():
    chat = make_chat("gone", title="Fix | @everyone [now](https://evil.example) *bold*",
                     platforms=("x", "mastodon"))
    body = issue_body([chat], {"chats": {"gone": {**SILENT, "last_active": "2026-09-28"}}}, TODAY,
                      chat_url=lambda chat: f"https://chatcal.org/chats/{chat.slug}/")
    assert body.startswith(MARKER + "\n")
    row = body.splitlines()[-1]
    assert row == ("| [Fix \\| @\u200beveryone \\[now\\]\\(https://evil.example\\) \\*bold\\*]"
                   "(https://chatcal.org/chats/gone/) | `#blogchat` | `content/chats/gone.md` "
                   "| 4 (2026-10-26 – 2026-11-16) | 2026-09-28 | – |")
    assert row.count(" | ") == 5
    assert "None this week." in issue_body([], {"chats": {}}, TODAY)


def test_the_issue_names_the_platforms_that_were_not_read():
    chat = make_chat("gone", platforms=("x", "mastodon"))
    silent = {**SILENT, "platforms": {**SILENT["platforms"],
                                      "x": {"status": "not_checkable", "reason": "", "sessions": []}}}
    assert body_row(issue_body([chat], {"chats": {"gone": silent}}, TODAY)).endswith("| never | X |")


def body_row(body: str) -> str:
    return body.splitlines()[-1]
