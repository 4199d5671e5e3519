"""Whole liveness runs against fake servers: verdicts, the data file, frozen sessions, faults, the summary."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import pytest

from chatcal.model import Host
from chatcal.tools.liveness import Options, Settings, chats_for_issue, dumps, run_liveness
from chatcal.tools.liveness.bluesky import NO_LOGIN
from chatcal.tools.liveness.mastodon import snowflake_at
from tests.tools.liveness_fakes import (
    DUE,
    MONDAYS,
    NOW,
    Answer,
    FakeBluesky,
    FakeMastodon,
    FakeTime,
    http_session,
    make_chat,
    sessions,
)

FAST = Settings(timeout=0.3, attempts=2, backoff=0.5, max_wait=60)
WEEK = dt.timedelta(weeks=1)
WEEKS = [MONDAYS[0] + week * WEEK for week in range(14)]  # sessions well past every clock used here
TIMELINE = "/api/v1/timelines/tag/"


@pytest.fixture
def server():
    with FakeMastodon("mastodon.example") as fake:
        yield fake


def busy(server, start, tag, people=3):
    for person in range(people):
        server.add(start + dt.timedelta(minutes=5 + person), f"p{person}@people.example", [tag])


def run(chats, server, data_path, *, now=NOW, bluesky=None, login=None, clock=None, **options):
    settings = Options(mastodon=(server.base,), host_servers=False, data=data_path,
                       bluesky=bluesky.base if bluesky else "https://bsky.invalid", bluesky_login=login)
    stream = io.StringIO()
    clock = clock or FakeTime(now)
    data, summary = run_liveness(chats, {chat.slug: sessions(WEEKS) for chat in chats},
                                 Options(**{**settings.__dict__, **options}), now, http_session(), stream,
                                 settings=FAST, sleep=clock.sleep, wall_clock=clock.now)
    return data, summary, stream.getvalue()


def asked_for(server, tag):
    return [seen for seen in server.requests_to(TIMELINE + tag)]


CHATS = [
    make_chat("alive", "alive"),
    make_chat("fading", "fading"),
    make_chat("gone", "gone"),
    make_chat("mixed", "mixed", platforms=("x", "mastodon")),
    make_chat("closed", "closed", platforms=("x", "linkedin")),
    make_chat("paused", "paused", status="hiatus"),
]


def test_a_run_judges_each_chat_asking_only_what_the_verdict_needs(server, tmp_path):
    busy(server, DUE[-1], "alive")
    busy(server, DUE[1], "fading")
    data, summary, _ = run(CHATS, server, tmp_path / "liveness.json")
    chats = data["chats"]
    assert {slug: record["verdict"] for slug, record in chats.items()} == {
        "alive": "active", "fading": "quiet", "gone": "silent", "mixed": "silent", "closed": "not_checkable"}
    assert chats["alive"]["last_active"] == "2026-11-16" and chats["fading"]["last_active"] == "2026-11-02"
    assert chats["gone"]["last_active"] is None
    # Newest first, stopping at the first session with activity.
    assert [len(asked_for(server, tag)) for tag in ("alive", "fading", "gone", "mixed", "closed")] == [1, 3, 4, 4, 0]
    assert chats["alive"]["platforms"]["mastodon"] == {"status": "checked", "reason": None, "sessions": [
        {"start": "2026-11-16T02:00:00Z", "posts": 3, "accounts": 3, "host_posts": 0, "active": True}]}
    assert [s["start"][:10] for s in chats["gone"]["platforms"]["mastodon"]["sessions"]] == [
        "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"]
    assert chats["closed"]["platforms"] == {
        "x": {"status": "not_checkable", "reason": "X has no open way to read posts under a hashtag", "sessions": []},
        "linkedin": {"status": "not_checkable", "reason": "LinkedIn has no open way to read posts under a hashtag",
                     "sessions": []}}
    assert "active 1, quiet 1, silent 2, too new 0, unknown 0, not checkable 1" in summary
    assert "sessions: 12 asked now, 0 judged by earlier runs" in summary
    assert "silent: gone, mixed" in summary


def test_the_data_file_has_the_documented_shape_and_sorted_keys(server, tmp_path):
    path = tmp_path / "content" / "liveness.json"
    busy(server, DUE[-1], "alive")
    data, _, _ = run(CHATS[:1], server, path)
    text = path.read_text(encoding="utf-8")
    assert text == dumps(data) and text.endswith("}\n")
    assert list(json.loads(text)) == ["chats", "generated_at", "schema"]
    assert data["schema"] == 1 and data["generated_at"] == "2026-11-23T12:00:00Z"
    record = data["chats"]["alive"]
    assert sorted(record) == ["last_active", "platforms", "previous", "verdict"]
    assert sorted(record["platforms"]["mastodon"]) == ["reason", "sessions", "status"]
    assert sorted(record["platforms"]["mastodon"]["sessions"][0]) == ["accounts", "active", "host_posts", "posts", "start"]


def test_too_new_chats_cost_nothing(server, tmp_path):
    chat = make_chat("fresh", "fresh")
    options = Options(mastodon=(server.base,), host_servers=False, data=None)
    data, _ = run_liveness([chat], {"fresh": sessions(MONDAYS[-3:])}, options, NOW, http_session(), None, settings=FAST)
    assert data["chats"]["fresh"]["verdict"] == "too_new"
    assert data["chats"]["fresh"]["platforms"]["mastodon"]["reason"] == "fewer than 4 past sessions"
    assert server.log == []


def test_a_week_later_only_the_new_sessions_are_asked(server, tmp_path):
    path = tmp_path / "liveness.json"
    busy(server, DUE[-1], "alive")
    busy(server, DUE[1], "fading")
    run(CHATS, server, path)
    server.log.clear()
    busy(server, DUE[-1] + WEEK, "alive")
    data, summary, _ = run(CHATS, server, path, now=NOW + WEEK)
    assert [len(asked_for(server, tag)) for tag in ("alive", "fading", "gone", "mixed")] == [1, 1, 1, 1]
    since = str(snowflake_at(DUE[-1] + WEEK - dt.timedelta(minutes=30)) - 1)
    assert all(seen.query["since_id"] == since for seen in server.log)
    assert {slug: (r["verdict"], r["previous"]) for slug, r in data["chats"].items()} == {
        "alive": ("active", "active"), "fading": ("quiet", "quiet"), "gone": ("silent", "silent"),
        "mixed": ("silent", "silent"), "closed": ("not_checkable", "not_checkable")}
    assert "sessions: 4 asked now, 9 judged by earlier runs" in summary
    # The session of 26 October is no longer among the last four.
    assert data["chats"]["gone"]["platforms"]["mastodon"]["sessions"][0]["start"] == "2026-11-02T02:00:00Z"


def test_the_same_inputs_and_clock_give_the_same_bytes(server, tmp_path):
    busy(server, DUE[-1], "alive")
    busy(server, DUE[1], "fading")
    run(CHATS, server, tmp_path / "first.json")
    shuffled = CHATS[:]
    random.Random(7).shuffle(shuffled)
    run(shuffled, server, tmp_path / "second.json")
    assert (tmp_path / "first.json").read_bytes() == (tmp_path / "second.json").read_bytes()
    # And from the same earlier file, two runs a week later agree byte for byte too.
    (tmp_path / "third.json").write_bytes((tmp_path / "first.json").read_bytes())
    run(CHATS, server, tmp_path / "first.json", now=NOW + WEEK)
    run(shuffled, server, tmp_path / "third.json", now=NOW + WEEK)
    assert (tmp_path / "first.json").read_bytes() == (tmp_path / "third.json").read_bytes()


def test_a_refusing_server_gives_unknown_with_the_previous_verdict_then_silence_resumes(server, tmp_path):
    path = tmp_path / "liveness.json"
    gone = [make_chat("gone", "gone", added=dt.date(2026, 6, 1))]
    run(gone, server, path)
    server.refuse = Answer(401, {}, b'{"error":"This API requires an authenticated user"}')
    data, summary, _ = run(gone, server, path, now=NOW + WEEK)
    record = data["chats"]["gone"]
    assert (record["verdict"], record["previous"]) == ("unknown", "silent")
    platform = record["platforms"]["mastodon"]
    assert platform["status"] == "unchecked" and platform["reason"].endswith("anonymous tag timelines not allowed (401)")
    assert len(platform["sessions"]) == 3  # judged last week, still due, kept
    assert "anonymous tag timelines not allowed (401) (1 chat)" in summary
    server.refuse = None
    data, _, _ = run(gone, server, path, now=NOW + 2 * WEEK)
    assert (data["chats"]["gone"]["verdict"], data["chats"]["gone"]["previous"]) == ("silent", "silent")
    assert [chat.slug for chat in chats_for_issue(gone, data, (NOW + 2 * WEEK).date())] == ["gone"]


def test_a_rate_limit_far_off_leaves_chats_unknown_and_the_run_goes_on(server, tmp_path):
    server.plan = [Answer(429, {"X-RateLimit-Reset": "2026-11-23T12:30:00Z"})]
    data, summary, _ = run(CHATS[:3], server, tmp_path / "liveness.json")
    assert {record["verdict"] for record in data["chats"].values()} == {"unknown"}
    assert len(server.log) == 1
    assert "rate-limited until 2026-11-23T12:30:00Z (3 chats)" in summary


def test_timeouts_and_502s_in_a_run(server, tmp_path):
    busy(server, DUE[-1], "alive")
    server.plan = [Answer(pause=0.6), Answer(502)]  # both attempts of the first request fail
    data, summary, _ = run(CHATS[:1], server, tmp_path / "liveness.json")
    record = data["chats"]["alive"]
    # The newest session could not be read; the one before it was, and it was quiet.
    assert record["platforms"]["mastodon"]["reason"].endswith("502 Bad Gateway after 2 attempts")
    assert record["verdict"] == "unknown" and len(record["platforms"]["mastodon"]["sessions"]) == 3
    data, _, _ = run(CHATS[:1], server, tmp_path / "liveness.json", now=NOW + dt.timedelta(hours=1))
    assert data["chats"]["alive"]["verdict"] == "active"


def test_only_judges_the_named_chats_and_keeps_the_others(server, tmp_path):
    path = tmp_path / "liveness.json"
    first, _, _ = run(CHATS, server, path)
    busy(server, DUE[-1] + WEEK, "gone")
    server.log.clear()
    data, summary, _ = run(CHATS[:4], server, path, now=NOW + WEEK, only=("gone",))
    assert {seen.path for seen in server.log} == {TIMELINE + "gone"}
    assert data["chats"]["gone"]["verdict"] == "active"
    assert data["chats"]["fading"] == first["chats"]["fading"]
    assert "closed" not in data["chats"]  # no longer given: dropped
    assert "1 chats judged" in summary


def test_wrong_options_stop_the_run_before_any_request(server, tmp_path):
    with pytest.raises(ValueError, match="--only 'nochat'"):
        run(CHATS, server, tmp_path / "liveness.json", only=("nochat",))
    assert server.log == [] and not (tmp_path / "liveness.json").exists()


def test_an_unreadable_data_file_is_set_aside(server, tmp_path):
    path = tmp_path / "liveness.json"
    path.write_text("{not json", encoding="utf-8")
    data, summary, _ = run(CHATS[:1], server, path)
    assert data["chats"]["alive"]["verdict"] == "silent"
    assert "could not be read" in summary
    assert json.loads(path.read_text(encoding="utf-8"))["schema"] == 1


def test_bluesky_needs_a_login_and_then_counts_with_mastodon(server, tmp_path):
    chat = make_chat("both", "both", platforms=("mastodon", "bluesky"),
                     hosts=(Host(handle="@host.bsky.social", platform="bluesky"),))
    with FakeBluesky() as bluesky:
        bluesky.add(DUE[-1] + dt.timedelta(minutes=3), "host.bsky.social", "Q1 #both", ["both"])
        data, summary, _ = run([chat], server, tmp_path / "a.json", bluesky=bluesky)
        record = data["chats"]["both"]
        assert record["verdict"] == "unknown"
        assert record["platforms"]["bluesky"] == {"status": "unchecked", "reason": NO_LOGIN, "sessions": []}
        assert bluesky.log == [] and f"{NO_LOGIN} (1 chat)" in summary
        data, _, _ = run([chat], server, tmp_path / "b.json", bluesky=bluesky,
                         login=("chatcal.example", "app-pass-word"))
        record = data["chats"]["both"]
        assert record["verdict"] == "active"
        assert record["platforms"]["bluesky"]["sessions"] == [
            {"start": "2026-11-16T02:00:00Z", "posts": 1, "accounts": 1, "host_posts": 1, "active": True}]
        assert len(record["platforms"]["mastodon"]["sessions"]) == 1


def test_progress_goes_to_the_stream(server, tmp_path):
    _, summary, progress = run(CHATS, server, tmp_path / "liveness.json")
    lines = progress.splitlines()
    assert lines[-1] == "liveness [" + "#" * 30 + "] 5/5 chats"
    assert len(lines) == len(set(lines)) <= 11
    assert summary.startswith("liveness at 2026-11-23T12:00:00Z: 5 chats judged")
    port = server.base.rsplit(":", 1)[1]
    assert f"requests: 127.0.0.1:{port} 16;" in summary  # four silent chats, four sessions each
