"""Session files applied to the schedule: moves, cancellations, extras and lengths, as plain data."""

from __future__ import annotations

import datetime as dt

from chatcal.schedule import changes, rules

UTC = dt.timezone.utc


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)


def starts(chat, start, end) -> list[dt.datetime]:
    return [s.start for s in rules.sessions(chat, start, end)]


def test_a_topic_keeps_its_session_in_the_dst_change_week(fixture_catalog):
    blog = fixture_catalog.by_slug("blogchat")
    [session] = rules.sessions(blog, at(2026, 3, 8), at(2026, 3, 10))
    assert session.start == at(2026, 3, 9, 1)  # 21:00 EDT, the day clocks changed
    assert (session.topic, session.date, session.page) == (
        "Blogging through the clock change", dt.date(2026, 3, 8), "chats/blogchat/2026-03-08/")
    assert session.file.link == "https://example.org/blogchat/2026-03-08" and not session.moved


def test_a_small_move_and_its_length(fixture_catalog):
    pm = fixture_catalog.by_slug("pmchat")
    assert starts(pm, at(2026, 3, 6), at(2026, 3, 21)) == [at(2026, 3, 6, 17), at(2026, 3, 12, 18), at(2026, 3, 20, 16)]
    moved = rules.sessions(pm, at(2026, 3, 12), at(2026, 3, 13))[0]
    assert moved.moved and moved.end - moved.start == dt.timedelta(minutes=45) and moved.date == dt.date(2026, 3, 13)


def test_a_far_move_is_found_from_a_window_around_its_new_date_only(fixture_catalog):
    london = fixture_catalog.by_slug("weekly-london")
    assert starts(london, at(2026, 4, 23), at(2026, 4, 24)) == [at(2026, 4, 23, 19)]  # 20:00 BST
    assert starts(london, at(2026, 4, 14), at(2026, 4, 17)) == []  # moved away from 2026-04-15
    assert starts(london, at(2026, 4, 22), at(2026, 4, 23)) == [at(2026, 4, 22, 19)]  # the neighbour stays


def test_a_move_across_midnight_utc(fixture_catalog):
    chat = fixture_catalog.by_slug("midnight-utc")
    [moved] = rules.sessions(chat, at(2026, 3, 16, 12), at(2026, 3, 17, 12))
    assert moved.start == at(2026, 3, 17, 1) and moved.local.date() == dt.date(2026, 3, 16)


def test_a_cancelled_session_is_gone_but_kept_in_the_archive(fixture_catalog):
    kathmandu = fixture_catalog.by_slug("kathmandu")
    assert rules.sessions(kathmandu, at(2026, 3, 14), at(2026, 3, 15)) == []
    [kept] = rules.archive(kathmandu)
    assert (kept.status, kept.file.note, kept.start) == ("cancelled", "Holiday break", at(2026, 3, 14, 12))


def test_an_extra_session_in_a_two_entry_chat(fixture_catalog):
    chat = fixture_catalog.by_slug("multi-edition")
    found = rules.sessions(chat, at(2026, 3, 5, 12), at(2026, 3, 6, 12))
    extra = next(s for s in found if s.extra)
    assert (extra.entry, extra.start, extra.end) == ("americas", at(2026, 3, 6, 0), at(2026, 3, 6, 1, 30))


def test_upcoming_follows_the_files(fixture_catalog):
    pm = fixture_catalog.by_slug("pmchat")
    assert [s.start for s in rules.upcoming(pm, at(2026, 3, 10), count=2)] == [at(2026, 3, 12, 18), at(2026, 3, 20, 16)]
    kathmandu = fixture_catalog.by_slug("kathmandu")
    assert at(2026, 3, 14, 12) not in [s.start for s in rules.upcoming(kathmandu, at(2026, 3, 10), count=3)]


def test_past_sessions_stay_in_the_archive(fixture_catalog):
    blog = fixture_catalog.by_slug("blogchat")
    assert [s.date.isoformat() for s in rules.archive(blog)] == ["2026-02-22", "2026-03-08"]
    assert rules.archive(blog)[0].file.recap.endswith("/recap")


def test_changes_sort_files_into_overrides_removed_dates_and_own_events(fixture_catalog):
    london = fixture_catalog.by_slug("weekly-london")
    [series] = rules.chat_series(london)
    found = changes.series_changes(london, series)
    assert found.removed == (dt.date(2026, 4, 15),) and found.overrides == ()
    assert [s.date for s in changes.own_events(london, series.entry, [series])] == [dt.date(2026, 4, 15)]
    monthly = fixture_catalog.by_slug("st-johns-monthly")
    first, third = rules.chat_series(monthly)
    assert changes.series_changes(monthly, first).overrides == ()
    assert [s.topic for s in changes.series_changes(monthly, third).overrides] == ["Reading Newfoundland poets"]
    assert changes.series_changes(monthly, third).removed == (dt.date(2026, 3, 17),)  # its skip


def test_chats_without_files_expand_as_before(fixture_catalog):
    plain = fixture_catalog.by_slug("utc-noon")
    assert plain.sessions == () and all(s.file is None and s.topic is None for s in
                                        rules.sessions(plain, at(2026, 3, 1), at(2026, 4, 1)))
