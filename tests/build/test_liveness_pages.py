"""A build with a liveness data file: the chat pages' lines and /chats.json."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from chatcal.build import build_site
from tests.support import FIXTURE_CONTENT, FIXTURE_NOW, ROOT, open_page, serving


def session(start: str, posts: int, accounts: int, active: bool) -> dict:
    return {"start": start, "posts": posts, "accounts": accounts, "host_posts": 0, "active": active}


def record(verdict: str, last_active: str | None, sessions: list[dict]) -> dict:
    return {"verdict": verdict, "last_active": last_active, "previous": None,
            "platforms": {"mastodon": {"status": "checked", "reason": None, "sessions": sessions}}}


DATA = {"schema": 1, "generated_at": "2026-11-25T00:00:00Z", "chats": {
    "weekly-ny": record("active", "2026-11-23", [
        session("2026-11-02T02:00:00Z", 5, 3, True), session("2026-11-09T02:00:00Z", 4, 3, True),
        session("2026-11-16T02:00:00Z", 8, 4, True), session("2026-11-23T02:00:00Z", 23, 9, True)]),
    "blogchat": record("quiet", "2026-11-09", [
        session("2026-11-02T02:00:00Z", 5, 3, True), session("2026-11-09T02:00:00Z", 4, 3, True),
        session("2026-11-16T02:00:00Z", 0, 0, False), session("2026-11-23T02:00:00Z", 0, 0, False)]),
    "pmchat": record("silent", None, [
        session("2026-10-26T02:00:00Z", 0, 0, False), session("2026-11-02T02:00:00Z", 1, 1, False),
        session("2026-11-09T02:00:00Z", 0, 0, False), session("2026-11-16T02:00:00Z", 0, 0, False)]),
    "utc-noon": record("too_new", None, []),
}}


@pytest.fixture(scope="module")
def site_with_liveness(tmp_path_factory):
    work = tmp_path_factory.mktemp("liveness")
    shutil.copytree(FIXTURE_CONTENT, work / "content")
    (work / "content/liveness.json").write_text(json.dumps(DATA), encoding="utf-8")
    assert build_site(ROOT, "pelicanconf.py", work / "output", FIXTURE_NOW, content=work / "content") == 0
    return work / "output"


def page(site, slug: str) -> str:
    return (site / f"chats/{slug}/index.html").read_text(encoding="utf-8")


def test_an_active_chat_says_where_it_was_seen(site_with_liveness):
    assert ("Active: seen at the session of 23 November 2026 (Mastodon: 23 posts from 9 people)"
            in page(site_with_liveness, "weekly-ny"))


def test_a_quiet_chat_says_when_it_was_last_seen(site_with_liveness):
    assert ("Last seen active on 9 November 2026; no posts found at the 2 sessions since"
            in page(site_with_liveness, "blogchat"))


def test_a_silent_chat_asks_whether_it_still_runs_and_links_the_issue_form(site_with_liveness):
    html = page(site_with_liveness, "pmchat")
    assert "No activity found at the last 4 sessions (26 October – 16 November 2026). Still running?" in html
    assert 'still%20running%3F' in html and ">Tell us</a>" in html


def test_other_verdicts_show_nothing(site_with_liveness):
    assert 'data-liveness' not in page(site_with_liveness, "utc-noon")


def test_chats_json_carries_the_verdict_and_last_active_day(site_with_liveness):
    chats = {c["slug"]: c for c in json.loads((site_with_liveness / "chats.json").read_text())["chats"]}
    assert chats["blogchat"]["liveness"] == {"verdict": "quiet", "last_active": "2026-11-09"}
    assert chats["weekly-ny"]["liveness"]["verdict"] == "active"
    assert "liveness" not in chats["biweekly-london"]


def test_a_damaged_data_file_is_set_aside(tmp_path, capsys):
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    (tmp_path / "content/liveness.json").write_text("{not json", encoding="utf-8")
    assert build_site(ROOT, "pelicanconf.py", tmp_path / "output", FIXTURE_NOW, content=tmp_path / "content") == 0
    assert "the site is built without it" in capsys.readouterr().err
    assert "data-liveness" not in page(tmp_path / "output", "pmchat")


def test_the_list_of_chats_and_search_data_know_which_chats_were_seen_lately(site_with_liveness):
    html = (site_with_liveness / "chats/index.html").read_text(encoding="utf-8")
    cards = {slug: attrs for attrs, slug in re.findall(r'<li class="chat-card"([^>]*)>.*?href="/chats/([^/]+)/"', html, re.S)}
    assert "data-seen" in cards["weekly-ny"] and "data-seen" in cards["blogchat"]
    assert "data-seen" not in cards["pmchat"] and "data-seen" not in cards["biweekly-london"]
    assert "data-seen-filter" in html
    search = json.loads((site_with_liveness / "data/search.json").read_text(encoding="utf-8"))
    assert search["seen"] == ["blogchat", "weekly-ny"]


def test_search_filters_chats_seen_active_recently(site_with_liveness, browser):
    with serving(site_with_liveness) as url:
        page = open_page(browser, f"{url}/search/?activity=recent", "Europe/London", FIXTURE_NOW)
        page.wait_for_selector("[data-search-status]:has-text('found')")
        assert page.inner_text("[data-search-status]").startswith("2 chats found")
        page = open_page(browser, f"{url}/chats/", "Europe/London", FIXTURE_NOW)
        page.check("[data-seen-filter]")
        assert page.locator(".chat-card:visible").count() == 2
