"""Reading Bluesky's post search from a fake server on 127.0.0.1: login, tokens, cursors, tag facets, limits."""

from __future__ import annotations

import datetime as dt
import email.utils

import pytest

from chatcal.model import Host
from chatcal.tools.liveness.bluesky import NO_LOGIN, Bluesky, stamp
from chatcal.tools.liveness.evidence import Count, count_posts, window_of
from chatcal.tools.liveness.http import Forbidden, PoliteClient, RateLimited, Settings, Unchecked
from tests.tools.liveness_fakes import DUE, NOW, Answer, FakeBluesky, FakeTime, http_session, make_chat

FAST = Settings(timeout=0.3, attempts=3, backoff=0.5, max_wait=60)
START = DUE[-1]
WINDOW = window_of(START, START + dt.timedelta(hours=1))
MINUTE = dt.timedelta(minutes=1)
SEARCH = "/xrpc/app.bsky.feed.searchPosts"
LOGIN = ("chatcal.example", "app-pass-word")
CHAT = make_chat(platforms=("bluesky",), hosts=(Host(handle="@host.bsky.social", platform="bluesky"),))


@pytest.fixture
def server():
    with FakeBluesky() as fake:
        yield fake


def reader_for(server, login=LOGIN, clock=None):
    clock = clock or FakeTime(NOW)
    client = PoliteClient(http_session(), "chatcal-liveness/1.0 (+https://chatcal.test)", FAST, clock.sleep, clock.now)
    return Bluesky(client, server.base, login), clock


def read_count(reader, chat=CHAT, window=WINDOW) -> Count:
    posts, _ = reader.read(chat, window)
    return count_posts(posts, chat.hashtag, window, reader.hosts(chat))


def test_logs_in_once_with_the_app_password_and_asks_for_the_window(server):
    server.add(WINDOW.start + MINUTE, "ann.bsky.social", "hello #BlogChat", ["BlogChat"])
    server.add(WINDOW.start + 2 * MINUTE, "bob.bsky.social", "#blogchat q1", ["blogchat"])
    reader, _ = reader_for(server)
    assert read_count(reader) == Count(2, 2, 0)
    assert read_count(reader, window=window_of(DUE[-2], DUE[-2] + dt.timedelta(hours=1))) == Count(0, 0, 0)
    logins = server.requests_to("/xrpc/com.atproto.server.createSession")
    assert len(logins) == 1 and logins[0].body == {"identifier": "chatcal.example", "password": "app-pass-word"}
    search = server.requests_to(SEARCH)[0]
    assert search.query == {"q": "#blogchat", "since": stamp(WINDOW.start), "sort": "latest", "limit": "100",
                            "until": stamp(WINDOW.end + dt.timedelta(seconds=1))}
    assert search.headers["Authorization"] == "Bearer access-1"


def test_an_expired_token_is_refreshed_once_and_the_search_asked_again(server):
    server.add(WINDOW.start, "ann.bsky.social", "#blogchat", ["blogchat"])
    server.expire_after = 1
    reader, _ = reader_for(server)
    read_count(reader)
    assert read_count(reader) == Count(1, 1, 0)
    assert len(server.requests_to("/xrpc/com.atproto.server.refreshSession")) == 1
    assert server.requests_to("/xrpc/com.atproto.server.refreshSession")[0].headers["Authorization"] == "Bearer refresh-1"
    assert [seen.headers["Authorization"] for seen in server.requests_to(SEARCH)] == [
        "Bearer access-1", "Bearer access-1", "Bearer access-2"]


def test_a_token_expired_again_after_its_refresh_is_unchecked(server):
    server.expire_after = 0
    reader, _ = reader_for(server)
    with pytest.raises(Unchecked) as expired:
        reader.read(CHAT, WINDOW)
    assert "expired again" in expired.value.reason
    assert len(server.requests_to("/xrpc/com.atproto.server.refreshSession")) == 1


def test_pages_follow_the_cursor(server):
    for number in range(130):
        server.add(WINDOW.start + number * dt.timedelta(seconds=30), f"p{number % 11}.bsky.social", "#blogchat", ["blogchat"])
    server.add(WINDOW.start - MINUTE, "early.bsky.social", "#blogchat", ["blogchat"])
    reader, _ = reader_for(server)
    assert read_count(reader) == Count(130, 11, 0)
    searches = server.requests_to(SEARCH)
    assert [seen.query.get("cursor") for seen in searches] == [None, "100"]


def test_only_tag_facets_count_and_the_hosts_post_is_activity(server):
    server.add(WINDOW.start, "host.bsky.social", "Q1 of tonight's #blogchat", ["blogchat"])
    server.add(WINDOW.start + MINUTE, "plain.bsky.social", "no facet here #blogchat", [])
    server.add(WINDOW.start + MINUTE, "other.bsky.social", "#blogchat but tagged otherwise", ["writing"])
    server.add(WINDOW.start + MINUTE, "bot.bsky.social", "#blogchat", ["blogchat"], labels=["bot"])
    reader, _ = reader_for(server)
    count = read_count(reader)
    assert count == Count(1, 1, 1) and count.active


def test_a_post_is_placed_at_its_earlier_time(server):
    # Claimed inside the window but indexed long after: the search places it by the earlier time.
    server.add(WINDOW.start + MINUTE, "ann.bsky.social", "#blogchat", ["blogchat"], indexed=NOW)
    reader, _ = reader_for(server)
    assert read_count(reader).posts == 1


def test_no_login_means_bluesky_is_unchecked_without_a_request(server):
    reader, _ = reader_for(server, login=None)
    with pytest.raises(Forbidden) as refused:
        reader.read(CHAT, WINDOW)
    assert refused.value.reason == NO_LOGIN and server.log == []


def test_a_refused_login_is_unchecked_for_the_whole_run(server):
    reader, _ = reader_for(server, login=("chatcal.example", "wrong"))
    for _ in range(2):
        with pytest.raises(Forbidden) as refused:
            reader.read(CHAT, WINDOW)
    assert refused.value.reason.endswith("login refused (401 AuthenticationRequired)")
    assert len(server.log) == 1


@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_429_waits_for_retry_after_in_both_forms(server, form):
    server.add(WINDOW.start, "ann.bsky.social", "#blogchat", ["blogchat"])
    clock = FakeTime(dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.timezone.utc))
    lifts = clock.now() + dt.timedelta(seconds=7)
    value = "7" if form == "seconds" else email.utils.format_datetime(lifts, usegmt=True)
    server.plan = [Answer(429, {"Retry-After": value}, b'{"error":"RateLimitExceeded"}')]
    reader, _ = reader_for(server, clock=clock)
    assert read_count(reader).posts == 1
    assert clock.sleeps == [7.0] and len(server.log) == 3  # the login refused with 429, the login, the search


def test_a_retry_after_too_far_away_leaves_bluesky_rate_limited(server):
    server.plan = [Answer(429, {"Retry-After": "3600"}, b'{"error":"RateLimitExceeded"}')]
    reader, clock = reader_for(server)
    with pytest.raises(RateLimited):
        reader.read(CHAT, WINDOW)
    with pytest.raises(RateLimited):
        reader.read(CHAT, WINDOW)
    assert len(server.log) == 1 and clock.sleeps == []
