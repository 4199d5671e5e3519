"""Stale chats: `invoke stale`, and the note on their pages."""

from __future__ import annotations

import datetime as dt

from chatcal.site.stale import months_before, page_note, stale_chats, stale_report

TODAY = dt.date(2027, 3, 31)


def test_months_before_clamps_to_the_month():
    assert months_before(TODAY, 1) == dt.date(2027, 2, 28)
    assert months_before(TODAY, 12) == dt.date(2026, 3, 31)
    assert months_before(dt.date(2026, 1, 15), 2) == dt.date(2025, 11, 15)


def test_stale_chats_have_old_or_missing_verified_dates(fixture_catalog):
    found = {s.chat.slug: s for s in stale_chats(fixture_catalog.chats, TODAY, 12)}
    assert "ended-chat" not in found  # an ended chat needs no confirming
    assert found["weekly-ny"].since == dt.date(2026, 2, 15) and found["weekly-ny"].verified
    assert found["kathmandu"].since == dt.date(2026, 1, 1) and not found["kathmandu"].verified
    assert set(found) == {c.slug for c in fixture_catalog.chats if c.status != "ended"}
    assert stale_chats(fixture_catalog.chats, dt.date(2026, 3, 1), 12)[0].chat.slug != "weekly-ny"


def test_stale_report_text(fixture_catalog):
    chats = [fixture_catalog.by_slug("weekly-ny"), fixture_catalog.by_slug("kathmandu")]
    report = stale_report(stale_chats(chats, TODAY, 12), 12)
    assert report.splitlines() == [
        "2 chats not verified in the last 12 months:",
        "- content/chats/kathmandu.md: #himalayatech, never verified since it was listed on 2026-01-01",
        "- content/chats/weekly-ny.md: #SundayWriters, not verified since 2026-02-15",
    ]
    assert stale_report([], 6) == "No chats unverified for more than 6 months."


def test_page_note_only_after_n_months(fixture_catalog):
    chat = fixture_catalog.by_slug("weekly-ny")
    assert page_note(chat, dt.date(2026, 6, 1), 12) is None
    assert page_note(chat, TODAY, 12) == "Not verified since 2026-02-15"
    assert page_note(fixture_catalog.by_slug("ended-chat"), TODAY, 1) is None


def test_stale_note_on_the_page(tmp_path):
    from chatcal.build import build_site
    from tests.support import FIXTURE_CONTENT, ROOT

    later = dt.datetime(2027, 6, 1, tzinfo=dt.timezone.utc)
    assert build_site(ROOT, "pelicanconf.py", tmp_path / "out", later, content=FIXTURE_CONTENT) == 0
    page = (tmp_path / "out/chats/weekly-ny/index.html").read_text(encoding="utf-8")
    assert "Not verified since 2026-02-15: this chat may have changed or stopped." in page
