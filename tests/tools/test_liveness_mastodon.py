"""Reading Mastodon tag timelines from fake servers on 127.0.0.1: paging, edges, faults and limits."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from chatcal.model import Host
from chatcal.tools.liveness.clock import iso
from chatcal.tools.liveness.evidence import Count, count_posts, window_of
from chatcal.tools.liveness.http import Forbidden, PoliteClient, RateLimited, Settings, Unchecked, Unreachable
from chatcal.tools.liveness.mastodon import Mastodon, fediverse_account, snowflake_at, time_of
from tests.tools.liveness_fakes import DUE, NOW, Answer, FakeMastodon, FakeTime, http_session, make_chat

FAST = Settings(timeout=0.3, attempts=3, backoff=0.5, max_wait=60, give_up_after=3)
START = DUE[-1]
WINDOW = window_of(START, START + dt.timedelta(hours=1))
TIMELINE = "/api/v1/timelines/tag/"
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def server():
    with FakeMastodon("mastodon.example") as fake:
        yield fake


def reader_for(server, *, clock=None, forward=None, host_servers=False, settings=FAST):
    clock = clock or FakeTime(NOW)
    client = PoliteClient(http_session(forward), "chatcal-liveness/1.0 (+https://chatcal.test)", settings,
                          clock.sleep, clock.now)
    return Mastodon(client, (server.base,), host_servers), client, clock


def read_count(reader, chat, window=WINDOW) -> Count:
    posts, _ = reader.read(chat, window)
    return count_posts(posts, chat.hashtag, window, reader.hosts(chat))


def test_snowflakes_encode_the_millisecond():
    moment = dt.datetime(2026, 11, 16, 1, 30, 0, 123000, tzinfo=dt.timezone.utc)
    assert snowflake_at(moment) == int(moment.timestamp() * 1000) << 16
    assert time_of(snowflake_at(moment) + 65535) == moment


def test_pages_past_40_posts_with_max_id_not_the_link_header(server):
    for minute in range(95):
        server.add(WINDOW.start + minute * MINUTE, f"p{minute % 7}@people.example", ["blogchat"])
    for minute in range(1, 61):
        server.add(WINDOW.start - minute * MINUTE, "early@people.example", ["blogchat"])
    for minute in range(1, 11):
        server.add(WINDOW.end + minute * MINUTE, "late@people.example", ["blogchat"])
    reader, client, _ = reader_for(server)
    assert read_count(reader, make_chat()) == Count(95, 7, 0)
    asked = server.requests_to(TIMELINE)
    # The Link header's next page has no since_id: following it would walk into the 60 older posts.
    assert len(asked) == 3
    assert all(seen.query["since_id"] == str(snowflake_at(WINDOW.start) - 1) for seen in asked)
    assert [int(seen.query["max_id"]) for seen in asked] == sorted((int(seen.query["max_id"]) for seen in asked), reverse=True)
    assert all(seen.query["limit"] == "40" for seen in asked)
    assert asked[0].headers["User-Agent"] == "chatcal-liveness/1.0 (+https://chatcal.test)"


@pytest.mark.parametrize("numeric_ids, ignore_since", [(True, False), (False, False), (True, True)])
def test_posts_exactly_at_the_edges_count_and_just_outside_do_not(numeric_ids, ignore_since):
    with FakeMastodon(numeric_ids=numeric_ids, ignore_since=ignore_since) as server:
        edge = dt.timedelta(milliseconds=1)
        for minute in range(1, 100):  # more than a page, for a server that ignores since_id
            server.add(WINDOW.start - minute * MINUTE, f"early{minute}@x.example", ["blogchat"])
        server.add(WINDOW.start - edge, "before@x.example", ["blogchat"])
        server.add(WINDOW.start, "first@x.example", ["blogchat"])
        server.add(WINDOW.end, "last@x.example", ["blogchat"])
        server.add(WINDOW.end + edge, "after@x.example", ["blogchat"])
        reader, _, _ = reader_for(server)
        posts, _ = reader.read(make_chat(), WINDOW)
        assert sorted(post.account for post in posts) == ["first@x.example", "last@x.example"]
        # Paging stops at the first page that reaches back past the window.
        assert len(server.requests_to(TIMELINE)) == {(True, False): 1, (False, False): 2, (True, True): 1}[
            numeric_ids, ignore_since]


def test_opaque_ids_are_paged_by_date_and_remembered(server):
    with FakeMastodon(numeric_ids=False) as opaque:
        for minute in range(50):
            opaque.add(WINDOW.end + (minute + 1) * 10 * MINUTE, f"later{minute}@x.example", ["blogchat"])
        for minute in range(3):
            opaque.add(WINDOW.start + (minute + 5) * MINUTE, f"in{minute}@x.example", ["blogchat"])
        for minute in range(10):
            opaque.add(WINDOW.start - (minute + 1) * MINUTE, "early@x.example", ["blogchat"])
        reader, _, _ = reader_for(opaque)
        assert read_count(reader, make_chat()) == Count(3, 3, 0)
        first = opaque.requests_to(TIMELINE)
        # One request by id shows the ids are not times; then newest first, back to the window.
        assert "since_id" in first[0].query
        assert [("since_id" in seen.query, seen.query.get("max_id") is not None) for seen in first[1:]] == [
            (False, False), (False, True)]
        opaque.log.clear()
        earlier = window_of(DUE[-2], DUE[-2] + dt.timedelta(hours=1))
        assert read_count(reader, make_chat(), earlier) == Count(0, 0, 0)
        assert all("since_id" not in seen.query for seen in opaque.requests_to(TIMELINE))


@pytest.mark.parametrize("status, content_type, body", [
    (401, "application/json", b'{"error":"This API requires an authenticated user"}'),
    (422, "application/json", b'{"error":"Validation failed"}'),
    (403, "text/html", b"<!DOCTYPE html><html><body><h1>Access denied</h1></body></html>"),
])
def test_a_server_that_refuses_anonymous_tag_timelines_is_unchecked_and_left_alone(server, status, content_type, body):
    server.add(WINDOW.start, "ann@x.example", ["blogchat"])
    server.refuse = Answer(status, {"Content-Type": content_type}, body)
    reader, client, _ = reader_for(server)
    with pytest.raises(Unchecked) as refused:
        reader.read(make_chat(), WINDOW)
    assert f"({status})" in refused.value.reason and refused.value.reason.startswith("127.0.0.1")
    with pytest.raises(Forbidden):
        reader.timeline(server.base, "other", WINDOW, False)
    assert len(server.log) == 1


def test_posts_deleted_while_paging_are_neither_skipped_nor_doubled(server):
    statuses = [server.add(WINDOW.start + minute * MINUTE, f"p{minute}@x.example", ["blogchat"]) for minute in range(90)]
    newest_first = sorted(statuses, key=lambda status: int(status["id"]), reverse=True)
    gone = {status["id"] for status in newest_first[40:45]}  # the top of what would be the second page

    def delete_after_first_page(fake):
        if len(fake.log) == 1:
            fake.deleted.update(gone)

    server.after_page = delete_after_first_page
    reader, _, _ = reader_for(server)
    posts, _ = reader.read(make_chat(), WINDOW)
    assert len(posts) == len({post.uri for post in posts}) == 85
    assert {post.account for post in posts} == {status["account"]["acct"] for status in statuses if status["id"] not in gone}


def test_edited_and_deleted_posts(server):
    server.add(WINDOW.start + MINUTE, "untagged@x.example", [], listed_under=["blogchat"], edited=True)
    server.add(WINDOW.start + 2 * MINUTE, "tagged@x.example", ["blogchat", "writing"], edited=True)
    server.add(WINDOW.start + 3 * MINUTE, "plain@x.example", ["BlogChat"])
    gone = server.add(WINDOW.start + 4 * MINUTE, "gone@x.example", ["blogchat"])
    server.deleted.add(gone["id"])
    reader, _, _ = reader_for(server)
    # The post whose edit removed the tag is still listed by the server, but no longer carries it.
    assert read_count(reader, make_chat()) == Count(2, 2, 0)


def test_hashtags_match_across_case_width_and_composition(server):
    for number, tag in enumerate(["blogchat", "BLOGCHAT", "ｂｌｏｇｃｈａｔ", "blogchats"]):
        server.add(WINDOW.start + number * MINUTE, f"p{number}@x.example", [tag])
    server.add(WINDOW.start, "cafe1@x.example", ["caf\u00e9"])
    server.add(WINDOW.start + MINUTE, "cafe2@x.example", ["CAFE\u0301"])
    reader, _, _ = reader_for(server)
    assert read_count(reader, make_chat(hashtag="BlogChat")) == Count(3, 3, 0)
    assert read_count(reader, make_chat(hashtag="cafe\u0301")) == Count(2, 2, 0)
    assert [seen.path for seen in server.requests_to(TIMELINE)] == [TIMELINE + "BlogChat", TIMELINE + "caf\u00e9"]


def test_hosts_servers_are_read_locally_and_a_post_on_two_servers_counts_once(server):
    chat = make_chat(hosts=(Host(name="Jane", handle="@Jane@example.social"),))
    with FakeMastodon("example.social") as home:
        shared = "https://example.social/users/jane/statuses/1"
        server.add(WINDOW.start + MINUTE, "jane@example.social", ["blogchat"], uri=shared)
        home.add(WINDOW.start + MINUTE, "jane", ["blogchat"], uri=shared)
        home.add(WINDOW.start + 2 * MINUTE, "bob", ["blogchat"])
        home.add(WINDOW.start + 3 * MINUTE, "zed@elsewhere.example", ["blogchat"])
        forward = {"https://example.social": home.base}
        reader, client, _ = reader_for(server, forward=forward, host_servers=True)
        assert read_count(reader, chat) == Count(2, 2, 1)
        assert all(seen.query.get("local") == "true" for seen in home.requests_to(TIMELINE))
        assert all("local" not in seen.query for seen in server.requests_to(TIMELINE))
        assert client.requests["example.social"] == 1
        alone, _, _ = reader_for(server, forward=forward, host_servers=False)
        assert read_count(alone, chat) == Count(1, 1, 1)


def test_a_host_servers_fault_is_a_note_but_a_chosen_servers_fault_is_not(server):
    chat = make_chat(hosts=(Host(handle="@jane@example.social"),))
    with FakeMastodon("example.social") as home:
        home.refuse = Answer(401, {}, b"{}")
        reader, _, _ = reader_for(server, forward={"https://example.social": home.base}, host_servers=True)
        posts, notes = reader.read(chat, WINDOW)
        assert posts == [] and notes == ["example.social: anonymous tag timelines not allowed (401)"]
        server.plan = [Answer(502)] * 3
        with pytest.raises(Unreachable):
            reader.read(chat, WINDOW)


@pytest.mark.parametrize("handle, platform, url, account", [
    ("@Jane@Example.Social", None, None, "jane@example.social"),
    ("jane@example.social", "mastodon", None, "jane@example.social"),
    ("@jane", "mastodon", "https://example.social/@jane", "jane@example.social"),
    ("@jane", None, None, None),
    ("@jane@example.social", "x", None, None),
    ("@x@127.0.0.1", None, None, None),
    ("@x@localhost", None, None, None),
    ("@x@example.social:8080", None, None, None),
])
def test_host_accounts_come_only_from_real_domain_names(handle, platform, url, account):
    assert fediverse_account(Host(handle=handle, platform=platform, url=url)) == account


def test_bot_accounts_are_read_as_bots(server):
    server.add(WINDOW.start, "bot1@x.example", ["blogchat"], bot=True)
    server.add(WINDOW.start + MINUTE, "bot2@x.example", ["blogchat"], bot=True)
    server.add(WINDOW.start + MINUTE, "ann@x.example", ["blogchat"])
    reader, _, _ = reader_for(server)
    assert read_count(reader, make_chat()) == Count(1, 1, 0)


def test_429_waits_until_x_ratelimit_reset_when_that_is_soon(server):
    server.add(WINDOW.start, "ann@x.example", ["blogchat"])
    clock = FakeTime(dt.datetime(2026, 11, 23, 12, 0, 0, tzinfo=dt.timezone.utc))
    server.plan = [Answer(429, {"X-RateLimit-Reset": "2026-11-23T12:00:05.000000Z", "X-RateLimit-Remaining": "0",
                                "X-RateLimit-Limit": "300"})]
    reader, _, _ = reader_for(server, clock=clock)
    posts, _ = reader.read(make_chat(), WINDOW)
    assert len(posts) == 1 and clock.sleeps == [5.0] and len(server.log) == 2


def test_a_reset_too_far_away_ends_the_servers_run(server):
    server.plan = [Answer(429, {"X-RateLimit-Reset": "2026-11-23T13:00:00.000Z"})]
    reader, _, clock = reader_for(server)
    with pytest.raises(RateLimited) as limited:
        reader.read(make_chat(), WINDOW)
    assert limited.value.reason.endswith("rate-limited until 2026-11-23T13:00:00Z")
    with pytest.raises(RateLimited):
        reader.read(make_chat(hashtag="pmchat"), WINDOW)
    assert len(server.log) == 1 and clock.sleeps == []


def test_requests_slow_down_as_the_allowance_falls(server):
    left = {"remaining": 250}
    server.extra_headers = lambda: {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": str(left["remaining"]),
                                    "X-RateLimit-Reset": iso(NOW + dt.timedelta(seconds=100))}
    reader, _, clock = reader_for(server)
    reader.read(make_chat(), WINDOW)
    reader.read(make_chat(), WINDOW)
    assert clock.sleeps == []
    left["remaining"] = 9
    reader.read(make_chat(), WINDOW)  # learns that 9 are left
    reader.read(make_chat(), WINDOW)  # so waits a tenth of the 100 s before asking
    assert clock.sleeps == [10.0]
    left["remaining"] = 0
    reader.read(make_chat(), WINDOW)  # still paced by the 9 left: 90 s / 10, then learns none are left
    with pytest.raises(RateLimited):  # the reset is 81 s away, more than max_wait: no request
        reader.read(make_chat(), WINDOW)
    assert clock.sleeps == [10.0, 9.0] and len(server.log) == 5


def test_timeouts_and_502s_are_retried_with_backoff(server):
    server.add(WINDOW.start, "ann@x.example", ["blogchat"])
    server.plan = [Answer(pause=0.6), Answer(502, {}, b"<html>Bad Gateway</html>")]
    reader, _, clock = reader_for(server)
    posts, _ = reader.read(make_chat(), WINDOW)
    assert len(posts) == 1 and len(server.log) == 3 and clock.sleeps == [0.5, 1.0]


def test_a_server_failing_every_attempt_is_unchecked_then_skipped(server):
    server.plan = [Answer(502)] * 4 + [Answer(pause=0.6)] * 2
    reader, client, clock = reader_for(server, settings=replace(FAST, attempts=2, give_up_after=3))
    with pytest.raises(Unreachable) as first:
        reader.read(make_chat(), WINDOW)
    assert first.value.reason == f"{server.base.removeprefix('http://')}: 502 Bad Gateway after 2 attempts"
    with pytest.raises(Unreachable):
        reader.read(make_chat(), WINDOW)
    with pytest.raises(Unreachable) as third:
        reader.read(make_chat(), WINDOW)
    assert "timeout after 2 attempts; skipped for the rest of the run" in third.value.reason
    with pytest.raises(Unreachable):
        reader.read(make_chat(), WINDOW)
    assert len(server.log) == 6
