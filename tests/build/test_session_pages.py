"""Session pages, the chat page's next and past sessions, the sessions feed and schema, in the fixture site."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import icalendar
import recurring_ical_events

ATOM = "{http://www.w3.org/2005/Atom}"


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_every_session_file_has_a_page_and_a_calendar_file(built_site):
    for name in ("blogchat/2026-03-08", "kathmandu/2026-03-14", "multi-edition/2026-03-05-americas",
                 "weekly-london/2026-04-15"):
        assert (built_site / f"chats/{name}/index.html").is_file()
    assert (built_site / "chats/blogchat/2026-03-08/session.ics").is_file()
    assert not (built_site / "chats/kathmandu/2026-03-14/session.ics").exists()  # cancelled: nothing to add


def test_a_session_page_shows_its_topic_time_guests_questions_and_neighbours(built_site):
    html = read(built_site, "chats/blogchat/2026-03-08/index.html")
    assert "<h1>Blogging through the clock change</h1>" in html
    assert '<time datetime="2026-03-09T01:00:00Z" data-session-start>Sunday, March 8, 2026, 9:00 PM EDT</time>' in html
    assert "Guest hosts" in html and "Guest Example" in html
    assert "<strong>clock change</strong>" in html  # questions rendered from Markdown
    assert "Q1. Do you schedule posts by the clock or by your readers' clocks?<br" in html  # a line each
    assert 'rel="prev" href="/chats/blogchat/2026-02-22/"' in html
    assert '<meta property="og:title" content="#blogchat, Sun 8 Mar: Blogging through the clock change">' in html


def test_questions_are_sanitized_like_descriptions(tmp_path):
    from chatcal.markup import description_html
    from chatcal.site.session_pages import keep_lines

    html = description_html(keep_lines("Q1. <script>alert(1)</script>\n[x](javascript:alert(1))"))
    assert "<script" not in html and "javascript:" not in html


def test_a_moved_session_strikes_its_old_time_and_shows_its_note(built_site):
    html = read(built_site, "chats/pmchat/2026-03-13/index.html")
    assert re.search(r"Was <del>Friday, March 13, 2026, 12:00 PM EDT</del>", html)
    assert "Thursday, March 12, 2026, 2:00 PM EDT" in html and "A day early for the conference" in html
    assert "Lasts 45 minutes" in html


def test_a_cancelled_session_is_struck_with_its_note_and_offers_no_copy(built_site):
    html = read(built_site, "chats/kathmandu/2026-03-14/index.html")
    assert "<del><time" in html and "cancelled" in html and "Holiday break" in html
    assert "Add this session" not in html


def test_the_session_calendar_file_holds_that_one_session(built_site):
    calendar = icalendar.Calendar.from_ical(read(built_site, "chats/pmchat/2026-03-13/session.ics"))
    [event] = recurring_ical_events.of(calendar).between(dt.datetime(2026, 1, 1), dt.datetime(2027, 1, 1))
    assert event.decoded("DTSTART").astimezone(dt.timezone.utc) == dt.datetime(2026, 3, 12, 18, tzinfo=dt.timezone.utc)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=45)
    assert str(event["SUMMARY"]).endswith(": Estimates under uncertainty")
    assert str(event["UID"]) == "chatcal/pmchat/2026-03-13/copy"


def test_the_chat_page_lists_next_sessions_with_topics_and_cancellations(built_site):
    blog = read(built_site, "chats/blogchat/index.html")
    assert 'href="/chats/blogchat/2026-03-08/">Blogging through the clock change</a>' in blog
    kathmandu = read(built_site, "chats/kathmandu/index.html")
    assert "<strong>cancelled</strong>" in kathmandu and "Holiday break" in kathmandu


def test_the_chat_page_keeps_an_archive_of_past_topics_with_recaps(built_site):
    html = read(built_site, "chats/blogchat/index.html")
    past = html[html.index('id="past"'):]
    assert 'Archive posts that still get read</a> · <a href="https://example.org/blogchat/2026-02-22/recap"' in past


def test_the_sessions_feed_lists_announced_sessions_latest_first(built_site):
    root = ET.fromstring((built_site / "feeds/sessions.atom").read_bytes())
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert titles[0].endswith(": Spring planning, a week later")  # moved to 23 April, the latest
    assert "#blogchat: Blogging through the clock change" in titles
    assert not any("Holiday break" in t for t in titles)  # no topic, not announced
    starts = [e.findtext(f"{ATOM}published") for e in root.iter(f"{ATOM}entry")]
    assert starts == sorted(starts, reverse=True)


def test_the_session_schema_is_published(built_site):
    schema = json.loads(read(built_site, "schema/session.schema.json"))
    assert schema["$id"].endswith("/schema/session.schema.json") and "topic" in schema["properties"]
