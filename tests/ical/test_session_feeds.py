"""Feeds with session files, read back by three independent readers.

The feeds are written straight from the fixture catalog (no site build), so
these tests hold the calendar side of session files on their own: overrides
of a series, EXDATEs, events of their own, and the traps of known readers.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest
from ical.calendar_stream import IcsCalendarStream

from chatcal.ical.feeds import FeedWriter
from chatcal.schedule import rules
from chatcal.urls import SiteUrls
from tests.ical.test_feeds import ONLY_CHAT_FEEDS, READERS, assert_reader_agrees
from tests.support.feed_readers import expand_with_ical, khal_list
from tests.support.icaljs import icaljs_events

UTC = dt.timezone.utc
START = dt.datetime(2026, 1, 1, tzinfo=UTC)
END = dt.datetime(2028, 1, 1, tzinfo=UTC)
URLS = SiteUrls("http://127.0.0.1:8000")
WITH_SESSIONS = ["blogchat", "pmchat", "weekly-london", "midnight-utc", "kathmandu", "multi-edition",
                 "st-johns-monthly", "cafe-charla"]


def write_feeds(catalog, directory: Path) -> dict[str, Path]:
    writer = FeedWriter(URLS)
    feeds = {slug: writer.chat_feed(catalog.by_slug(slug)) for slug in WITH_SESSIONS}
    feeds["calendar"] = writer.combined_feed(catalog.chats)
    writing = [c for c in catalog.chats if any(t.slug == "writing" for t in c.topics)]
    feeds["topic-writing"] = writer.topic_feed("writing", "writing", writing)
    paths = {}
    for name, data in feeds.items():
        paths[name] = directory / f"{name}.ics"
        paths[name].write_bytes(data)
    return paths


@pytest.fixture(scope="module")
def feeds(fixture_catalog, tmp_path_factory) -> dict[str, Path]:
    return write_feeds(fixture_catalog, tmp_path_factory.mktemp("feeds"))


def vevents(path: Path) -> list:
    return icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")


def test_the_fixture_has_every_kind_of_session_file(fixture_catalog):
    files = fixture_catalog.sessions
    assert {f.chat for f in files} == set(WITH_SESSIONS)
    assert any(f.cancelled for f in files) and any(f.extra for f in files) and any(f.start for f in files)


@pytest.mark.parametrize("reader", READERS)
def test_readers_see_our_sessions(feeds, fixture_catalog, reader):
    for name, feed in feeds.items():
        if reader not in ONLY_CHAT_FEEDS or name in WITH_SESSIONS:
            assert_reader_agrees(fixture_catalog, feed, reader)


def topics_by_start(catalog, slug: str) -> dict[dt.datetime, str]:
    return {s.start: s.topic for s in rules.sessions(catalog.by_slug(slug), START, END) if s.topic}


def test_icalendar_reader_shows_each_topic_in_the_summary_with_the_series_uid(feeds, fixture_catalog):
    import recurring_ical_events

    for slug in WITH_SESSIONS:
        topics = topics_by_start(fixture_catalog, slug)
        calendar = icalendar.Calendar.from_ical(feeds[slug].read_bytes())
        seen = {}
        for event in recurring_ical_events.of(calendar).between(START, END):
            start = event["DTSTART"].dt.astimezone(UTC)
            if start in topics:
                seen[start] = str(event["SUMMARY"])
                assert str(event["UID"]).startswith(f"chatcal/{slug}/")
        assert seen.keys() == topics.keys(), slug
        assert all(seen[s].endswith(": " + t) for s, t in topics.items()), slug


def test_ical_reader_shows_each_topic_in_the_summary(feeds, fixture_catalog):
    for slug in WITH_SESSIONS:
        topics = topics_by_start(fixture_catalog, slug)
        calendar = IcsCalendarStream.calendar_from_ics(feeds[slug].read_text(encoding="utf-8"))
        seen = {e.start.astimezone(UTC): e.summary for e in calendar.timeline_tz(UTC).overlapping(START, END)}
        assert all(seen[s].endswith(": " + t) for s, t in topics.items()), slug


def test_khal_shows_each_topic_in_the_summary_with_the_series_uid(feeds, fixture_catalog):
    for slug in WITH_SESSIONS:
        topics = topics_by_start(fixture_catalog, slug)
        seen = {start: (uid, title) for uid, start, _, title in khal_list(feeds[slug], START, END) if start in topics}
        assert seen.keys() == topics.keys(), slug
        assert all(seen[s][1].endswith(": " + t) and seen[s][0].startswith(f"chatcal/{slug}/")
                   for s, t in topics.items()), slug


def test_icaljs_shows_each_topic_and_keeps_overrides_with_their_series(feeds, fixture_catalog):
    for slug in WITH_SESSIONS:
        topics = {s.strftime("%Y-%m-%dT%H:%M:%SZ"): t for s, t in topics_by_start(fixture_catalog, slug).items()}
        seen = {o["start"]: (e["uid"], o) for e in icaljs_events(feeds[slug], START, END) for o in e["occurrences"]}
        for start, topic in topics.items():
            uid, occurrence = seen[start]
            assert occurrence["summary"].endswith(": " + topic), slug
            if occurrence["recurrence"]:  # an override: the UID of its series
                assert uid in {s.uid for s in rules.chat_series(fixture_catalog.by_slug(slug))}


def test_icaljs_by_default_gives_an_override_to_another_series_at_the_same_local_time(feeds):
    """The trap: blogchat and weekly-ny both meet Sundays 21:00 New York time."""
    day = (dt.datetime(2026, 3, 8, tzinfo=UTC), dt.datetime(2026, 3, 10, tzinfo=UTC))
    loose = {e["uid"]: e["occurrences"] for e in icaljs_events(feeds["calendar"], *day, loose=True)}
    strict = {e["uid"]: e["occurrences"] for e in icaljs_events(feeds["calendar"], *day)}
    topic = "Blogging through the clock change"
    assert loose["chatcal/weekly-ny/1"][0]["summary"].endswith(topic)  # wrong: not weekly-ny's session
    assert not strict["chatcal/weekly-ny/1"][0]["summary"].endswith(topic)
    assert strict["chatcal/blogchat/1"][0]["summary"].endswith(topic)


def test_ical_reader_misses_a_utc_recurrence_id_but_reads_ours(feeds, tmp_path):
    """The trap: with RECURRENCE-ID in UTC, `ical` shows the occurrence twice."""
    text = feeds["blogchat"].read_bytes().decode("utf-8")
    assert "RECURRENCE-ID;TZID=America/New_York:20260308T210000\r\n" in text
    utc = tmp_path / "utc.ics"
    utc.write_text(text.replace("RECURRENCE-ID;TZID=America/New_York:20260308T210000",
                                "RECURRENCE-ID:20260309T010000Z"), encoding="utf-8", newline="")
    week = (dt.datetime(2026, 3, 8, tzinfo=UTC), dt.datetime(2026, 3, 10, tzinfo=UTC))
    assert len(expand_with_ical(feeds["blogchat"], *week)["chatcal/blogchat/1"]) == 1
    assert len(expand_with_ical(utc, *week)["chatcal/blogchat/1"]) == 2


def unfolded(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n ", "")


def test_overrides_follow_their_series_and_copy_every_property(feeds):
    for name, feed in feeds.items():
        events = vevents(feed)
        masters = {}
        for event in events:
            uid = str(event["UID"])
            assert "SUMMARY" in event  # calcurse crashes on a VEVENT without one
            if "RECURRENCE-ID" not in event:
                masters[uid] = event
                continue
            master = masters[uid]  # already seen: the override comes after its series
            assert event["RECURRENCE-ID"].params["TZID"] == master["DTSTART"].params["TZID"]
            assert event["RECURRENCE-ID"].dt.tzinfo is not None  # never floating: khal and Radicale miss those
            wanted = {k for k in master if k not in ("RRULE", "EXDATE")}
            assert wanted <= set(event), (name, uid)
            assert "RRULE" not in event and "EXDATE" not in event


def test_no_instant_is_both_removed_and_overridden(feeds):
    for feed in feeds.values():
        removed, overridden = set(), set()
        for event in vevents(feed):
            uid = str(event["UID"])
            if "RECURRENCE-ID" in event:
                overridden.add((uid, event["RECURRENCE-ID"].dt))
            exdates = event.get("EXDATE")
            for group in exdates if isinstance(exdates, list) else [exdates] if exdates else []:
                removed |= {(uid, d.dt) for d in group.dts}
        assert not removed & overridden


def test_every_override_matches_an_occurrence_of_its_series(feeds):
    """ical.js drops an override whose RECURRENCE-ID is not one of the rule's starts."""
    from dateutil.rrule import rrulestr

    for feed in feeds.values():
        masters = {}
        for event in vevents(feed):
            if "RECURRENCE-ID" not in event:
                masters[str(event["UID"])] = event
                continue
            master = masters[str(event["UID"])]
            start = master["DTSTART"].dt.replace(tzinfo=None)
            rule = rrulestr(master["RRULE"].to_ical().decode().replace("Z;", ";").split(";UNTIL")[0], dtstart=start)
            recurrence = event["RECURRENCE-ID"].dt.replace(tzinfo=None)
            assert rule.before(recurrence, inc=True) == recurrence


def test_a_cancelled_session_is_an_exdate_only(feeds):
    text = unfolded(feeds["kathmandu"])
    assert "EXDATE;TZID=Asia/Kathmandu:20260314T174500\r\n" in text
    assert "RECURRENCE-ID" not in text and "STATUS:CANCELLED" not in text


def test_a_far_move_is_an_exdate_and_an_event_of_its_own(feeds):
    text = unfolded(feeds["weekly-london"])
    assert "EXDATE;TZID=Europe/London:20260415T200000\r\n" in text
    assert "RECURRENCE-ID" not in text
    [own] = [e for e in vevents(feeds["weekly-london"]) if str(e["UID"]) == "chatcal/weekly-london/1/2026-04-15"]
    assert "RRULE" not in own and "RDATE" not in own
    assert own["DTSTART"].dt == dt.datetime(2026, 4, 23, 20, 0, tzinfo=own["DTSTART"].dt.tzinfo)
    assert str(own["URL"]) == "http://127.0.0.1:8000/chats/weekly-london/2026-04-15/"


def test_a_small_move_is_an_override(feeds):
    [override] = [e for e in vevents(feeds["pmchat"]) if "RECURRENCE-ID" in e]
    assert str(override["UID"]) == "chatcal/pmchat/1"
    assert override["RECURRENCE-ID"].to_ical() == b"20260313T120000"
    assert override["DTSTART"].to_ical() == b"20260312T140000"
    assert override["DTEND"].dt - override["DTSTART"].dt == dt.timedelta(minutes=45)
    assert str(override["URL"]) == "http://127.0.0.1:8000/chats/pmchat/2026-03-13/"


def test_an_extra_session_has_a_uid_of_its_own(feeds, fixture_catalog):
    series = {s.uid for s in rules.chat_series(fixture_catalog.by_slug("multi-edition"))}
    [extra] = [e for e in vevents(feeds["multi-edition"]) if str(e["UID"]) not in series]
    assert str(extra["UID"]) == "chatcal/multi-edition/americas/2026-03-05"
    assert "RRULE" not in extra and "RECURRENCE-ID" not in extra
    assert extra["DTEND"].dt - extra["DTSTART"].dt == dt.timedelta(minutes=90)


def test_the_description_has_topic_hosts_link_and_questions(feeds):
    [override] = [e for e in vevents(feeds["blogchat"]) if "RECURRENCE-ID" in e
                  and e["RECURRENCE-ID"].dt.date() == dt.date(2026, 3, 8)]
    text = str(override["DESCRIPTION"])
    for part in ("Blogging through the clock change", "Guest Example", "https://example.org/blogchat/2026-03-08",
                 "Q2. What did the clock change do", "http://127.0.0.1:8000/chats/blogchat/2026-03-08/"):
        assert part in text
    assert "**" not in text and "recap" not in text.lower()


def test_monthly_override_belongs_to_its_ordinal_series(feeds):
    [override] = [e for e in vevents(feeds["st-johns-monthly"]) if "RECURRENCE-ID" in e]
    assert str(override["UID"]) == "chatcal/st-johns-monthly/1/third-tuesday"
    text = unfolded(feeds["st-johns-monthly"])
    # After its own series, not after the first-tuesday one.
    assert text.index("RECURRENCE-ID") > text.index("UID:chatcal/st-johns-monthly/1/third-tuesday\r\n")


def test_every_feed_with_a_series_has_its_overrides(feeds):
    def overrides(path: Path, slug: str) -> list[bytes]:
        return sorted(e.to_ical() for e in vevents(path) if str(e["UID"]).startswith(f"chatcal/{slug}/"))

    assert overrides(feeds["calendar"], "blogchat") == overrides(feeds["blogchat"], "blogchat")
    assert overrides(feeds["topic-writing"], "st-johns-monthly") == overrides(feeds["st-johns-monthly"],
                                                                               "st-johns-monthly")


def test_unicode_topic_is_folded_whole(feeds):
    raw = feeds["cafe-charla"].read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert "¿Qué leemos? Café\\, libros y 日本語 — charla 🎉" in unfolded(feeds["cafe-charla"])


def test_rebuilding_gives_the_same_bytes(feeds, fixture_catalog, tmp_path):
    again = write_feeds(fixture_catalog, tmp_path)
    assert all(again[name].read_bytes() == path.read_bytes() for name, path in feeds.items())


def test_no_rdate_and_no_domain_in_uids(feeds):
    for feed in feeds.values():
        text = unfolded(feed)
        assert not re.search(r"^RDATE", text.split("END:VTIMEZONE")[-1], re.M)
        assert all("." not in uid for uid in re.findall(r"^UID:(.*)\r$", text, re.M))
