"""The fixture site built end to end: pages, feeds, JSON and schema."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

from chatcal.build import build_site
from tests.support import FIXTURE_CONTENT, FIXTURE_NOW, ROOT, write_chat


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_chat_has_a_page_and_a_feed(built_site, fixture_catalog):
    for chat in fixture_catalog.chats:
        assert f"<h1>{chat.title}" in read(built_site, f"chats/{chat.slug}/index.html").replace("&#39;", "'")
        assert (built_site / f"chats/{chat.slug}.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


def test_site_files_exist(built_site):
    for path in ["index.html", "chats/index.html", "topics/index.html", "calendar.ics", "chats.json",
                 "schema/chat.schema.json", "topics/writing/index.html", "topics/writing.ics",
                 "theme/css/site.css"]:
        assert (built_site / path).is_file(), path


def test_no_pelican_leftovers(built_site):
    names = {p.name for p in built_site.rglob("*")}
    assert not names & {"archives.html", "authors.html", "categories.html", "tags.html", "author", "category", "tag"}
    assert [p.name for p in (built_site / "feeds").iterdir() if p.name.endswith(".xml")] == []  # no article feeds


def test_chat_page_content(built_site):
    page = read(built_site, "chats/weekly-ny/index.html")
    assert "Sundays at 9:00 PM New York time (America/New_York)" in page
    assert '<time datetime="2026-03-02T02:00:00Z">' in page  # next session after the clock
    assert '<time datetime="2026-03-09T01:00:00Z">' in page  # after the US change
    assert 'href="https://x.com/search?q=%23SundayWriters&amp;f=live"' in page
    assert 'href="https://mastodon.social/tags/SundayWriters"' in page
    assert 'href="https://bsky.app/hashtag/SundayWriters"' in page
    assert 'href="webcal://127.0.0.1:8000/chats/weekly-ny.ics"' in page
    assert 'href="/chats/weekly-ny.ics" download' in page
    assert "https://calendar.google.com/calendar/render?cid=webcal%3A%2F%2F127.0.0.1%3A8000%2Fchats%2Fweekly-ny.ics" in page
    assert "ctz=America%2FNew_York" in page and "recur=RRULE%3AFREQ%3DWEEKLY%3BBYDAY%3DSU" in page
    assert "https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2F127.0.0.1%3A8000%2Fchats%2Fweekly-ny.ics" in page
    assert 'href="/topics/writing/"' in page and 'href="/topics/blogging/"' in page
    assert "Rae Host" in page and "@second_host" in page
    assert 'href="https://example.org/sundaywriters/archive"' in page
    assert "content/chats/weekly-ny.md" in page  # edit link
    assert "<strong>Sunday nights</strong>" in page
    assert "1 hour" in page and "English" in page


def test_schedule_wording(built_site):
    assert "Every 2 weeks on Wednesday at 8:00 PM London time (Europe/London)" in read(built_site, "chats/biweekly-london/index.html")
    assert "Last Friday of the month at 3:00 PM Sydney time (Australia/Sydney)" in read(built_site, "chats/last-friday-sydney/index.html")
    assert "First Tuesday and third Tuesday of the month at 7:30 PM St Johns time" in read(built_site, "chats/st-johns-monthly/index.html")
    assert "Tuesdays and Thursdays at 12:00 PM Kolkata time (Asia/Kolkata)" in read(built_site, "chats/kolkata-twice-weekly/index.html")


def test_hiatus_and_ended_are_marked_with_no_upcoming_sessions(built_site):
    for slug, words in (("hiatus-chat", "on hiatus"), ("ended-chat", "has ended")):
        page = read(built_site, f"chats/{slug}/index.html")
        assert words in page
        assert "Next sessions" not in page


def test_skipped_dates_are_listed(built_site):
    page = read(built_site, "chats/biweekly-london/index.html")
    assert '<time datetime="2026-02-18">Wednesday, February 18, 2026</time>' in page


def test_non_ascii_content(built_site):
    page = read(built_site, "chats/cafe-charla/index.html")
    assert "Charla de café ☕ — 日本語も" in page and "#CaféCharla" in page and 'lang="es"' in page
    assert "/topics/café/" in page


def test_chats_index_lists_every_chat(built_site, fixture_catalog):
    page = read(built_site, "chats/index.html")
    for chat in fixture_catalog.chats:
        assert f'href="/chats/{chat.slug}/"' in page


def test_home_page_sections(built_site):
    page = read(built_site, "index.html")
    for heading in ("Happening now", "Starting in the next 24 hours", "Newest chats", "Browse by topic"):
        assert f">{heading}</h2>" in page
    # The fixture clock is Sunday 2026-03-01 12:00 UTC: the Sydney retro is not on; Kathmandu's was yesterday.
    soon = page.split('data-starting-soon>')[1].split("</div>")[0]
    assert 'href="/chats/weekly-ny/"' in soon and '<time datetime="2026-03-02T02:00:00Z">' in soon
    assert 'href="/chats/vancouver/"' in page.split('id="newest"')[1]  # the newest listing
    assert 'href="/topics/writing/">writing <span class="count">(2)</span>' in page


def test_no_request_to_another_origin(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*>", html):
            for url in re.findall(r'(?:src|href)="([^"]*)"', tag):
                inline_icon = 'rel="icon"' in tag and url.startswith("data:image/svg+xml,")
                canonical = 'rel="canonical"' in tag  # names the page's address; nothing is fetched
                assert inline_icon or canonical or (url.startswith("/") and not url.startswith("//")), (page, tag)


def test_chats_json(built_site, fixture_catalog):
    data = json.loads(read(built_site, "chats.json"))
    assert data["version"] == 1 and data["tzdata"] == "2026f"
    chats = {c["slug"]: c for c in data["chats"]}
    assert set(chats) == {c.slug for c in fixture_catalog.chats}
    ny = chats["weekly-ny"]
    assert ny["hashtag"] == "SundayWriters" and ny["platforms"] == ["x", "mastodon", "bluesky", "threads"]
    assert ny["next_sessions"][0] == {"start": "2026-03-02T02:00:00Z", "end": "2026-03-02T03:00:00Z", "entry": "1"}
    assert ny["schedule"][0]["series"][0] == {"uid": "chatcal/weekly-ny/1", "dtstart": "2026-01-04",
                                              "rrule": "FREQ=WEEKLY;BYDAY=SU;WKST=MO"}
    assert ny["topics"] == [{"name": "writing", "slug": "writing"}, {"name": "blogging", "slug": "blogging"}]
    assert chats["hiatus-chat"]["next_sessions"] == []


def test_schema_is_published_and_matches_the_format(built_site):
    schema = json.loads(read(built_site, "schema/chat.schema.json"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert set(schema["required"]) == {"title", "hashtag", "schedule", "added"}
    entry = schema["properties"]["schedule"]["anyOf"][1]["items"]
    assert set(entry["required"]) == {"every", "on", "at", "timezone"}
    assert schema["additionalProperties"] is False


def test_failed_build_leaves_output_untouched(tmp_path, capsys):
    content = tmp_path / "content"
    good = (FIXTURE_CONTENT / "chats" / "weekly-ny.md").read_text(encoding="utf-8")
    write_chat(content / "chats", "weekly-ny.md", good)
    output = tmp_path / "output"
    assert build_site(ROOT, "pelicanconf.py", output, FIXTURE_NOW, content=content) == 0
    before = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    write_chat(content / "chats", "broken.md", good.replace("timezone: America/New_York", "timezone: EST"))
    assert build_site(ROOT, "pelicanconf.py", output, FIXTURE_NOW, content=content) == 1
    after = {p.relative_to(output): p.read_bytes() for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert "content/chats/broken.md:9: schedule[1].timezone: EST is an abbreviation" in capsys.readouterr().err
    assert not list(tmp_path.glob(".output.*"))


def test_two_builds_are_identical(tmp_path, built_site):
    again = tmp_path / "again"
    assert build_site(ROOT, "pelicanconf.py", again, FIXTURE_NOW, content=FIXTURE_CONTENT) == 0
    comparison = filecmp.dircmp(built_site, again)
    assert _all_same(comparison)


def _all_same(comparison: filecmp.dircmp) -> bool:
    if comparison.left_only or comparison.right_only or comparison.diff_files or comparison.funny_files:
        return False
    mismatch = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)[1]
    return not mismatch and all(_all_same(sub) for sub in comparison.subdirs.values())


def test_every_page_has_a_strict_content_security_policy(built_site):
    for page in built_site.rglob("*.html"):
        [policy] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', read(built_site, str(page.relative_to(built_site))))
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_new_chats_atom_feed(built_site):
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring((built_site / "feeds/new.atom").read_bytes())
    entries = root.findall(f"{atom}entry")
    titles = [e.findtext(f"{atom}title") for e in entries]
    assert titles[0] == "#yvrcoffee: Vancouver Morning Coffee"  # added 2026-10-01, the newest
    assert titles[-1] == "#oldmarketing: Old Marketing Hour"  # added 2025-06-05, the oldest
    assert root.findtext(f"{atom}updated") == "2026-10-01T00:00:00+00:00"
    assert entries[0].find(f"{atom}link").get("href") == "http://127.0.0.1:8000/chats/vancouver/"
    assert all(e.findtext(f"{atom}id").startswith("urn:uuid:") for e in entries)
