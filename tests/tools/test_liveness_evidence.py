"""The rules of the liveness check, as plain data: windows, activity, verdicts, tags, the clock."""

from __future__ import annotations

import datetime as dt

import pytest

from chatcal.tools.liveness.clock import iso, parse_now
from chatcal.tools.liveness.evidence import (
    Count,
    Post,
    count_posts,
    due_sessions,
    last_active,
    last_known_verdict,
    verdict_of,
    window_of,
)
from chatcal.tools.liveness.options import Options, bluesky_login_from, option_problems
from chatcal.tools.liveness.tags import asked_tag, fold_tag
from tests.tools.liveness_fakes import NOW, UTC, make_chat

START = dt.datetime(2026, 11, 16, 2, 0, tzinfo=UTC)
WINDOW = window_of(START, START + dt.timedelta(hours=1))


def post(minutes: float, account: str = "ann@a.example", tags=("blogchat",), uri: str | None = None,
         bot: bool = False) -> Post:
    at = START + dt.timedelta(minutes=minutes)
    return Post(uri=uri or f"https://a.example/{account}/{minutes}", account=account, at=at,
                tags=frozenset(fold_tag(tag) for tag in tags), bot=bot)


def test_the_window_runs_from_half_an_hour_before_to_an_hour_after():
    assert WINDOW.start == START - dt.timedelta(minutes=30)
    assert WINDOW.end == START + dt.timedelta(hours=2)
    assert WINDOW.holds(WINDOW.start) and WINDOW.holds(WINDOW.end)
    assert not WINDOW.holds(WINDOW.start - dt.timedelta(milliseconds=1))
    assert not WINDOW.holds(WINDOW.end + dt.timedelta(milliseconds=1))


def test_two_posts_by_two_people_or_one_by_a_host_is_activity():
    assert count_posts([post(0, "ann@a"), post(5, "bob@b")], "blogchat", WINDOW, frozenset()).active
    assert not count_posts([post(0, "ann@a"), post(5, "ann@a")], "blogchat", WINDOW, frozenset()).active
    assert not count_posts([post(0, "ann@a")], "blogchat", WINDOW, frozenset()).active
    assert count_posts([post(0, "host@h")], "blogchat", WINDOW, frozenset({"host@h"})) == Count(1, 1, 1)


def test_bots_do_not_count_as_people_but_hosts_count_even_as_bots():
    bots = [post(0, "bot1@b", bot=True), post(1, "bot2@b", bot=True), post(2, "ann@a")]
    assert count_posts(bots, "blogchat", WINDOW, frozenset()) == Count(1, 1, 0)
    assert count_posts(bots, "blogchat", WINDOW, frozenset({"bot1@b"})).active


def test_the_same_post_from_two_servers_counts_once():
    copies = [post(0, "ann@a", uri="https://a/1"), post(0, "ann@a", uri="https://a/1"), post(3, "bob@b")]
    assert count_posts(copies, "blogchat", WINDOW, frozenset()) == Count(2, 2, 0)


def test_posts_outside_the_window_or_without_the_tag_do_not_count():
    posts = [post(-30.001, "a@a"), post(120.001, "b@b"), post(10, "c@c", tags=("blogchats",)), post(10, "d@d", tags=())]
    assert count_posts(posts, "blogchat", WINDOW, frozenset()) == Count(0, 0, 0)


@pytest.mark.parametrize("written, seen", [
    ("BlogChat", "blogchat"), ("#BLOGCHAT", "blogchat"), ("ＢｌｏｇＣｈａｔ", "blogchat"),
    ("cafe\u0301", "caf\u00e9"), ("Straße", "STRASSE"),
    ("\U0001d401\U0001d425\U0001d428\U0001d420\U0001d402\U0001d421\U0001d41a\U0001d42d", "blogchat"),  # bold "fancy text"
])
def test_hashtags_compare_after_nfkc_and_case_folding(written, seen):
    assert fold_tag(written) == fold_tag(seen)


def test_the_tag_asked_for_is_composed_but_keeps_its_case():
    assert asked_tag("#cafe\u0301") == "caf\u00e9"
    assert asked_tag("ＢｌｏｇＣｈａｔ") == "BlogChat"


def test_sessions_are_due_a_day_after_they_end_the_last_n_oldest_first():
    starts = [NOW - dt.timedelta(days=days, hours=10) for days in (0, 1, 7, 14, 21, 28)]
    due = due_sessions([(start, start + dt.timedelta(hours=1)) for start in starts], NOW, 3)
    assert [start for start, _ in due] == sorted(starts[1:4])  # not the one that ended 9 hours ago
    # Ending exactly 24 hours ago is late enough.
    edge = NOW - dt.timedelta(hours=25)
    assert due_sessions([(edge, edge + dt.timedelta(hours=1))], NOW, 4) == [(edge, edge + dt.timedelta(hours=1))]


def session(day: str, active: bool) -> dict:
    posts = 3 if active else 0
    return {"start": f"2026-{day}T02:00:00Z", "posts": posts, "accounts": posts, "host_posts": 0, "active": active}


def checked(*sessions: dict) -> dict:
    return {"status": "checked", "reason": None, "sessions": list(sessions)}


DAYS = ["10-26", "11-02", "11-09", "11-16"]


def test_verdicts():
    silent = checked(*(session(day, False) for day in DAYS))
    closed = {"x": {"status": "not_checkable", "reason": "", "sessions": []}}
    assert verdict_of({"mastodon": checked(session("11-16", True))}, 4, 4) == "active"
    assert verdict_of({"mastodon": checked(*(session(d, d == "11-02") for d in DAYS))}, 4, 4) == "quiet"
    assert verdict_of({"mastodon": silent}, 4, 4) == "silent"
    assert verdict_of({"mastodon": silent, **closed}, 4, 4) == "silent"
    assert verdict_of({"mastodon": silent}, 3, 4) == "too_new"
    assert verdict_of(closed, 4, 4) == "not_checkable"
    assert verdict_of({"mastodon": {**silent, "status": "unchecked", "sessions": []}}, 4, 4) == "unknown"


def test_silence_needs_every_readable_platform_at_every_session():
    partly = {"mastodon": checked(*(session(day, False) for day in DAYS)),
              "bluesky": {"status": "unchecked", "reason": "no login", "sessions": []}}
    assert verdict_of(partly, 4, 4) == "unknown"
    three = {"mastodon": {"status": "unchecked", "reason": "429", "sessions": [session(d, False) for d in DAYS[:3]]}}
    assert verdict_of(three, 4, 4) == "unknown"


def test_active_means_the_latest_judged_session_and_any_platform_will_do():
    # The newest session could not be read; the latest one that was, was busy.
    gap = {"mastodon": {"status": "unchecked", "reason": "429",
                        "sessions": [session("11-02", False), session("11-09", True)]}}
    assert verdict_of(gap, 4, 4) == "active"
    both = {"mastodon": checked(session("11-16", False)), "bluesky": checked(session("11-16", True))}
    assert verdict_of(both, 4, 4) == "active"


def test_last_active_and_the_previous_verdict_survive_runs():
    assert last_active({"mastodon": checked(session("11-02", True), session("11-09", False))}, "2026-10-01") == "2026-11-02"
    assert last_active({"mastodon": checked(session("11-09", False))}, "2026-10-01") == "2026-10-01"
    assert last_active({}, None) is None
    assert last_known_verdict({"verdict": "silent", "previous": "quiet"}) == "silent"
    assert last_known_verdict({"verdict": "unknown", "previous": "silent"}) == "silent"
    assert last_known_verdict(None) is None


def test_the_clock_comes_from_the_option_then_source_date_epoch():
    assert parse_now("2026-11-23T12:00:00Z", {}) == NOW
    assert parse_now("2026-11-23T12:00:00", {}) == NOW
    assert parse_now(None, {"SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}) == NOW
    assert parse_now(None, {}).tzinfo is not None
    with pytest.raises(ValueError):
        parse_now("2026-11-23T12:00:00+01:00", {})
    with pytest.raises(ValueError):
        parse_now("next monday", {})
    assert iso(NOW.astimezone(dt.timezone(dt.timedelta(hours=-5)))) == "2026-11-23T12:00:00Z"


def test_wrong_options_are_named():
    chats = [make_chat("blogchat")]
    assert option_problems(Options(), chats) == []
    problems = option_problems(Options(mastodon=("mastodon.social",), bluesky="ftp://bsky.social", sessions=0,
                                       only=("nochat",)), chats)
    assert [problem.split(" ")[0] for problem in problems] == ["--mastodon", "--bluesky", "--sessions", "--only"]


def test_bluesky_is_read_only_with_both_login_variables():
    assert bluesky_login_from({"CHATCAL_BLUESKY_HANDLE": "@me.example", "CHATCAL_BLUESKY_APP_PASSWORD": "p"}) == ("me.example", "p")
    assert bluesky_login_from({"CHATCAL_BLUESKY_HANDLE": "me.example"}) is None
    assert Options().user_agent.startswith("chatcal-liveness/") and "chatcal.org" in Options().user_agent
