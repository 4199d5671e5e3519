"""Feeds read back by independent readers, which must agree with each other
and with our own expansion over two years, across every DST change."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import icalendar
import pytest

from chatcal.ical.vtimezone import vtimezone
from chatcal.schedule import rules
from chatcal.schedule.tz import zone
from tests.support.feed_readers import UTC, expand_with_ical, expand_with_icalendar, expand_with_khal
from tests.support.icaljs import expand_with_icaljs

START = dt.datetime(2026, 1, 1, tzinfo=UTC)
END = dt.datetime(2028, 1, 1, tzinfo=UTC)
READERS = {
    "icalendar+recurring-ical-events": expand_with_icalendar,
    "ical": expand_with_ical,
    "ical.js": expand_with_icaljs,  # not Python: reads our VTIMEZONEs, not tzdata
    "khal": expand_with_khal,  # a calendar program: its own store (SQLite) and pytz's zones
}
# khal takes 17 s over the combined feed's two years: it reads each chat's own feed, which
# holds the same series; the other readers read every feed.
ONLY_CHAT_FEEDS = {"khal"}
# Readers that take an ambiguous local time (the hour repeated when clocks go back) as its
# second occurrence, against RFC 5545 3.3.5 (see `comparable`).
AMBIGUOUS_AS_SECOND = {"ical.js", "khal"}


def feeds(site: Path) -> list[Path]:
    """The subscription feeds; a session page's one-event `session.ics` holds no series."""
    return sorted(p for p in site.rglob("*.ics") if p.name != "session.ics")


def our_expansion(catalog, feed: Path) -> dict[str, list]:
    """What we mean the feed to say, from our own schedule code, per chat."""
    text = feed.read_text(encoding="utf-8")
    slugs = sorted(set(re.findall(r"^UID:chatcal/([a-z0-9-]+)/", text, re.M)))
    return {
        slug: sorted((s.start, s.end) for s in rules.sessions(catalog.by_slug(slug), START, END) if s.start >= START)
        for slug in slugs
    }


def by_chat(expansion: dict) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for uid, sessions in expansion.items():
        grouped.setdefault(uid.split("/")[1], []).extend(sessions)
    return {slug: sorted(sessions) for slug, sessions in grouped.items()}


def comparable(sessions: list, timezones: set[str], rfc_gaps: bool) -> tuple[list, list]:
    """Starts, and (start, end) of the sessions far from any clock change.

    A session over a clock change lasts its exact minutes by the format and
    by RFC 5545 (DTEND gives an exact duration), but some readers add the
    duration on the wall clock, so their ends differ by the change for those.
    ical.js also reads a start in the spring-forward gap with the offset after
    the gap, and ical.js and khal read an ambiguous one as its second
    occurrence, against RFC 5545 3.3.5: with such a reader, sessions at those
    hours are left out too.
    """
    near = dt.timedelta(hours=13)  # longer than the longest session

    def far_from_change(start):
        return all((start - near).astimezone(zone(z)).utcoffset() == (start + near).astimezone(zone(z)).utcoffset()
                   for z in timezones)

    starts = [s for s, _ in sessions if rfc_gaps or far_from_change(s)]
    return starts, [(s, e) for s, e in sessions if far_from_change(s)]


def assert_reader_agrees(catalog, feed: Path, reader: str) -> None:
    """The reader's sessions of each chat in `feed` are those of our own expansion (see `comparable`)."""
    found = by_chat(READERS[reader](feed, START, END))
    for slug, sessions in our_expansion(catalog, feed).items():
        timezones = {e.timezone for e in catalog.by_slug(slug).schedule}
        rfc_gaps = reader not in AMBIGUOUS_AS_SECOND
        assert comparable(found.get(slug, []), timezones, rfc_gaps) == comparable(sessions, timezones, rfc_gaps), (
            feed.name, slug)


@pytest.mark.parametrize("reader", READERS)
def test_readers_agree_with_our_expansion(built_site, fixture_catalog, reader):
    for feed in feeds(built_site):
        if reader not in ONLY_CHAT_FEEDS or feed.parent.name == "chats":
            assert_reader_agrees(fixture_catalog, feed, reader)


def test_khal_reads_the_zones_of_the_pinned_tzdata():
    """khal takes a TZID's rules from pytz, not from the feed: both must be the same IANA release."""
    import pytz

    from chatcal.schedule.tz import TZDATA_VERSION

    assert pytz.OLSON_VERSION == TZDATA_VERSION, "pin pytz to the IANA release of tzdata in requirements-dev.txt"


def test_combined_feed_has_active_chats_only(built_site, fixture_catalog):
    text = (built_site / "calendar.ics").read_text(encoding="utf-8")
    uids = set(re.findall(r"^UID:chatcal/([a-z0-9-]+)/", text, re.M))
    assert uids == {c.slug for c in fixture_catalog.chats if c.status == "active"}


def test_ended_chat_feed_keeps_its_past_sessions(built_site):
    found = by_chat(expand_with_icalendar(built_site / "chats/ended-chat.ics", START, END))
    assert found["ended-chat"][-1][0] == dt.datetime(2026, 2, 26, 13, 0, tzinfo=UTC)


def test_topic_feed_holds_the_topics_active_chats(built_site):
    text = (built_site / "topics/writing.ics").read_text(encoding="utf-8")
    assert set(re.findall(r"^UID:chatcal/([a-z0-9-]+)/", text, re.M)) == {"weekly-ny", "st-johns-monthly"}


def test_uids_are_the_same_in_every_feed(built_site):
    events: dict[tuple, set[bytes]] = {}
    for feed in feeds(built_site):
        for event in icalendar.Calendar.from_ical(feed.read_bytes()).walk("VEVENT"):
            # An override shares its series' UID: it is told apart by its RECURRENCE-ID.
            key = (str(event["UID"]), event["RECURRENCE-ID"].to_ical() if "RECURRENCE-ID" in event else None)
            events.setdefault(key, set()).add(event.to_ical())
    assert ("chatcal/st-johns-monthly/1/first-tuesday", None) in events
    for (uid, _), versions in events.items():
        assert len(versions) == 1, uid  # the same event, byte for byte, wherever it appears
        assert "." not in uid  # no domain name


@pytest.mark.parametrize("name", ["calendar.ics", "chats/weekly-ny.ics", "topics/writing.ics"])
def test_raw_text_conforms(built_site, name):
    raw = (built_site / name).read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    text = raw.decode("utf-8").replace("\r\n ", "")  # unfolded
    for rule in re.findall(r"^RRULE:([^\r\n]*)", text, re.M):
        assert rule.startswith("FREQ=")
        assert re.search(r"UNTIL=\d{8}T\d{6}Z(;|$)", rule) or "UNTIL" not in rule
    assert not re.search(r"^DTSTART:\d{8}T\d{6}Z?$", text.split("END:VTIMEZONE")[-1], re.M)
    for tzid in set(re.findall(r";TZID=([^:;]+)", text)):
        assert f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n" in raw.decode()
    assert not re.search(r"^RDATE:[^\r\n]*,", text, re.M)  # never a comma-separated RDATE list
    for head in ("X-WR-CALNAME:", "NAME:", "REFRESH-INTERVAL;VALUE=DURATION:PT12H", "X-PUBLISHED-TTL:PT12H",
                 "PRODID:", "VERSION:2.0"):
        assert f"\n{head}" in text


def test_exdate_matches_dtstart_form(built_site):
    text = (built_site / "chats/biweekly-london.ics").read_text(encoding="utf-8")
    assert "DTSTART;TZID=Europe/London:20260107T200000" in text
    assert "EXDATE;TZID=Europe/London:20260218T200000" in text


def test_event_fields(built_site):
    [event] = icalendar.Calendar.from_ical((built_site / "chats/weekly-ny.ics").read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "#SundayWriters: Sunday Night Writers"
    assert "http://127.0.0.1:8000/chats/weekly-ny/" in str(event["DESCRIPTION"])
    assert "<" not in str(event["DESCRIPTION"]) and "**" not in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "http://127.0.0.1:8000/chats/weekly-ny/"
    assert [str(c) for c in event["CATEGORIES"].cats] == ["writing", "blogging"]
    assert event["DTSTAMP"].dt == dt.datetime(2026, 2, 15, tzinfo=UTC)  # from `verified`


ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu",
         "America/St_Johns", "America/Vancouver", "Pacific/Auckland", "Africa/Casablanca", "UTC",
         "America/Sao_Paulo", "Asia/Tehran", "Pacific/Chatham", "Europe/Dublin"]


@pytest.mark.parametrize("name", ZONES)
def test_vtimezone_gives_the_zone_offsets(name):
    """Our VTIMEZONE, read back as a tzinfo, agrees with tzdata every 6 hours."""
    reader = vtimezone(name).to_tz()
    moment = dt.datetime(2025, 1, 1, tzinfo=UTC)
    while moment < dt.datetime(2028, 1, 1, tzinfo=UTC):
        assert moment.astimezone(reader).utcoffset() == moment.astimezone(zone(name)).utcoffset(), moment
        moment += dt.timedelta(hours=6)


def test_icaljs_misreads_comma_separated_rdates_but_reads_ours(built_site, tmp_path):
    """The trap our VTIMEZONEs avoid: icalendar's own RDATE lists, read by ical.js."""
    feed = (built_site / "chats/weekly-ny.ics").read_bytes().decode("utf-8")
    theirs = icalendar.Timezone.from_tzinfo(zone("America/New_York"), first_date=dt.date(2025, 1, 1),
                                            last_date=dt.date(2028, 1, 1)).to_ical().decode()
    assert re.search(r"^RDATE:[^\r\n]*,", theirs, re.M)
    head, rest = feed.split("BEGIN:VTIMEZONE", 1)
    swapped = tmp_path / "swapped.ics"
    swapped.write_text(head + theirs + rest.split("END:VTIMEZONE\r\n", 1)[1], encoding="utf-8", newline="")
    # ical.js reads only the first date of each RDATE line, so it misses the
    # change of 2027-03-14 and keeps New York on EST all spring.
    april = (dt.datetime(2027, 4, 1, tzinfo=UTC), dt.datetime(2027, 4, 30, tzinfo=UTC))
    expected = [s for s, _ in expand_with_icalendar(built_site / "chats/weekly-ny.ics", *april)["chatcal/weekly-ny/1"]]
    assert expected[0] == dt.datetime(2027, 4, 5, 1, 0, tzinfo=UTC)  # 21:00 EDT
    ours = [s for s, _ in expand_with_icaljs(built_site / "chats/weekly-ny.ics", *april)["chatcal/weekly-ny/1"]]
    misread = [s for s, _ in expand_with_icaljs(swapped, *april)["chatcal/weekly-ny/1"]]
    assert ours == expected
    assert misread != expected


def test_lint_every_feed(built_site):
    """Per feed: one master per UID, DTSTART on its own rule, every EXDATE a session.

    Overrides (RECURRENCE-ID) and single sessions without a rule are checked in test_session_feeds.py.
    """
    from dateutil.rrule import rrulestr

    for feed in feeds(built_site):
        events = [e for e in icalendar.Calendar.from_ical(feed.read_bytes()).walk("VEVENT") if "RECURRENCE-ID" not in e]
        uids = [str(e["UID"]) for e in events]
        assert len(uids) == len(set(uids)), feed
        for event in (e for e in events if "RRULE" in e):
            start = event["DTSTART"].dt.replace(tzinfo=None)
            rule = rrulestr(event["RRULE"].to_ical().decode().replace("Z;", ";").split(";UNTIL")[0], dtstart=start)
            assert rule[0] == start, (feed, event["UID"])
            exdates = event.get("EXDATE")
            for group in exdates if isinstance(exdates, list) else [exdates] if exdates else []:
                for skipped in group.dts:
                    assert skipped.params.get("TZID") == event["DTSTART"].params["TZID"]
                    assert rule.before(skipped.dt.replace(tzinfo=None), inc=True) == skipped.dt.replace(tzinfo=None)
