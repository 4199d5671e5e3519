"""Schedule expansion against fixed instants, across DST changes."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatcal.schedule import rules

UTC = dt.timezone.utc


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def starts(chat, first: str, last: str) -> list[str]:
    found = rules.sessions(chat, at(first), at(last))
    return [s.start.strftime("%Y-%m-%dT%H:%MZ") for s in found]


@pytest.mark.parametrize(
    "slug, instant",
    [
        ("weekly-ny", "2026-03-02T02:00Z"),  # EST, before the change
        ("weekly-ny", "2026-03-16T01:00Z"),  # EDT, after 2026-03-08
        ("weekly-ny", "2026-11-09T02:00Z"),  # back on EST
        ("biweekly-london", "2026-03-18T20:00Z"),  # GMT
        ("biweekly-london", "2026-04-01T19:00Z"),  # BST from 2026-03-29
        ("last-friday-sydney", "2026-04-24T05:00Z"),  # AEST (+10) after 2026-04-05
        ("last-friday-sydney", "2026-10-30T04:00Z"),  # AEDT (+11) from 2026-10-04
        ("last-friday-sydney", "2027-01-29T04:00Z"),
        ("kolkata-twice-weekly", "2026-03-03T06:30Z"),
        ("kathmandu", "2026-03-07T12:00Z"),
        ("st-johns-monthly", "2026-03-03T23:00Z"),  # NST -3:30
        ("st-johns-monthly", "2026-04-07T22:00Z"),  # NDT -2:30
        ("utc-noon", "2026-03-02T12:00Z"),
        ("midnight-utc", "2026-03-03T00:30Z"),  # Monday 16:30 PST -> Tuesday UTC
        ("vancouver", "2026-12-01T16:00Z"),  # tzdata 2026f: permanent UTC-7
        ("eight-weekly", "2026-03-06T10:00Z"),  # Auckland NZDT +13
    ],
)
def test_session_at_fixed_instant(fixture_catalog, slug, instant):
    chat = fixture_catalog.by_slug(slug)
    moment = at(instant)
    assert moment.strftime("%Y-%m-%dT%H:%MZ") in starts(chat, instant, (moment + dt.timedelta(minutes=1)).isoformat())


def test_biweekly_skips_off_weeks_and_skipped_dates(fixture_catalog):
    chat = fixture_catalog.by_slug("biweekly-london")
    assert starts(chat, "2026-01-01T00:00Z", "2026-03-10T00:00Z") == [
        "2026-01-07T20:00Z", "2026-01-21T20:00Z", "2026-02-04T20:00Z", "2026-03-04T20:00Z",
    ]  # 2026-02-18 is skipped


def test_monthly_ordinals_and_skip(fixture_catalog):
    chat = fixture_catalog.by_slug("st-johns-monthly")
    assert starts(chat, "2026-03-01T00:00Z", "2026-05-01T00:00Z") == [
        "2026-03-03T23:00Z", "2026-04-07T22:00Z", "2026-04-21T22:00Z",
    ]  # 2026-03-17 is skipped


def test_gap_time_means_instant_before_the_jump(fixture_catalog):
    chat = fixture_catalog.by_slug("dst-edges")
    gap = [s for s in rules.sessions(chat, at("2026-03-08T00:00Z"), at("2026-03-09T00:00Z")) if s.entry == "gap"]
    # 02:30 does not exist on 2026-03-08 in New York: it is 02:30 EST = 03:30 EDT.
    assert [s.start for s in gap] == [at("2026-03-08T07:30Z")]


def test_ambiguous_time_means_first_occurrence(fixture_catalog):
    chat = fixture_catalog.by_slug("dst-edges")
    fold = [s for s in rules.sessions(chat, at("2026-11-01T00:00Z"), at("2026-11-02T00:00Z")) if s.entry == "fold"]
    assert [s.start for s in fold] == [at("2026-11-01T05:30Z")]  # 01:30 EDT, not EST


def test_duration_is_elapsed_across_a_clock_change(fixture_catalog):
    chat = fixture_catalog.by_slug("dst-edges")
    [fold] = [s for s in rules.sessions(chat, at("2026-11-01T00:00Z"), at("2026-11-02T00:00Z")) if s.entry == "fold"]
    assert fold.end - fold.start == dt.timedelta(minutes=30)


def test_session_crossing_midnight_belongs_to_its_start_day(fixture_catalog):
    chat = fixture_catalog.by_slug("midnight-utc")
    [s] = rules.sessions(chat, at("2026-03-02T20:00Z"), at("2026-03-03T03:00Z"))
    assert s.local.date() == dt.date(2026, 3, 2) and s.end.date() == dt.date(2026, 3, 3)


def test_until_is_inclusive_and_ends_the_series(fixture_catalog):
    chat = fixture_catalog.by_slug("ended-chat")
    found = starts(chat, "2026-02-01T00:00Z", "2026-06-01T00:00Z")
    assert found[-1] == "2026-02-26T13:00Z" and len(found) == 4


def test_series_never_starts_before_added(fixture_catalog):
    chat = fixture_catalog.by_slug("vancouver")
    assert starts(chat, "2026-09-01T00:00Z", "2026-10-10T00:00Z") == ["2026-10-06T16:00Z"]


def test_upcoming_is_empty_unless_active(fixture_catalog):
    now = at("2026-01-10T00:00Z")
    assert rules.upcoming(fixture_catalog.by_slug("hiatus-chat"), now) == []
    assert rules.upcoming(fixture_catalog.by_slug("ended-chat"), now) == []
    assert len(rules.upcoming(fixture_catalog.by_slug("weekly-ny"), now, count=3)) == 3


def test_upcoming_includes_a_session_in_progress(fixture_catalog):
    chat = fixture_catalog.by_slug("weekly-ny")
    [current] = rules.upcoming(chat, at("2026-03-02T02:30Z"), count=1)
    assert current.start == at("2026-03-02T02:00Z")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(-3 * 24 * 60, 60 * 24 * 60), min_size=2, max_size=12), st.integers(1, 6))
def test_remembered_upcoming_equals_a_fresh_one(fixture_catalog, minutes, count):
    """Answers kept from an earlier `now` (or a later one) never differ from computing afresh."""
    start = at("2026-03-01T00:00Z")
    for offset in minutes:
        now = start + dt.timedelta(minutes=offset)
        for chat in fixture_catalog.chats:
            assert rules.upcoming(chat, now, count) == rules._upcoming(chat, now, count, 400)


def test_rrules(fixture_catalog):
    rrules = {s.uid: rules.rrule_text(s) for c in fixture_catalog.chats for s in rules.chat_series(c)}
    assert rrules["chatcal/weekly-ny/1"] == "FREQ=WEEKLY;BYDAY=SU;WKST=MO"
    assert rrules["chatcal/biweekly-london/1"] == "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;WKST=MO"
    assert rrules["chatcal/last-friday-sydney/1/last-friday"] == "FREQ=MONTHLY;BYDAY=-1FR"
    assert rrules["chatcal/st-johns-monthly/1/first-tuesday"] == "FREQ=MONTHLY;BYDAY=1TU"
    assert rrules["chatcal/st-johns-monthly/1/third-tuesday"] == "FREQ=MONTHLY;BYDAY=3TU"
    assert rrules["chatcal/kolkata-twice-weekly/1"] == "FREQ=WEEKLY;BYDAY=TU,TH;WKST=MO"
    # until 2026-02-26 in Berlin: the end of that day, 23:59:59 CET, in UTC
    assert rrules["chatcal/ended-chat/1"] == "FREQ=WEEKLY;BYDAY=TH;WKST=MO;UNTIL=20260226T225959Z"


def test_first_session_is_a_real_session(fixture_catalog):
    for chat in fixture_catalog.chats:
        for series in rules.chat_series(chat):
            assert rules.meets_on(series.entry, chat.added, series.first)
            assert series.first >= rules.series_start(series.entry, chat.added)
