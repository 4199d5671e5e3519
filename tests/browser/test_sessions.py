"""Session files in a real browser: a moved session where it really is in another zone's week, a
cancelled one on its chat page, topics on the home page and a session page's time in the visitor's zone."""

from __future__ import annotations

import datetime as dt

from tests.support import open_page

UTC = dt.timezone.utc
WIDE = {"width": 1280, "height": 900}


def test_a_moved_session_is_where_it_moved_to_in_another_zones_week(browser, site):
    # pmchat meets Fridays at noon in New York; its 13 March session moved to Thursday 12 March, 2 PM (18:00 UTC).
    page = open_page(browser, f"{site}/calendar/", "Asia/Tokyo", dt.datetime(2026, 3, 10, 3, tzinfo=UTC),
                     viewport=WIDE)
    page.wait_for_selector("[data-calendar-controls][data-ready]")
    moved = page.locator('table.week a.slot[href="/chats/pmchat/2026-03-13/"]')
    assert moved.count() == 1
    assert moved.locator("time").get_attribute("datetime") == "2026-03-12T18:00:00Z"
    assert "Estimates under uncertainty" in moved.get_attribute("title") and "(moved)" in moved.get_attribute("title")
    day = moved.evaluate("a => a.closest('td').cellIndex")
    header = page.locator("table.week thead th").nth(day).inner_text()
    assert "13" in header and "Fri" in header  # 03:00 Friday in Tokyo, not Saturday 01:00 as scheduled
    assert page.locator('table.week a.slot[href="/chats/pmchat/"] time[datetime="2026-03-13T16:00:00Z"]').count() == 0


def test_a_cancelled_session_shows_struck_with_its_note_on_the_chat_page(browser, site):
    page = open_page(browser, f"{site}/chats/kathmandu/", "Europe/Paris", dt.datetime(2026, 3, 8, tzinfo=UTC))
    item = page.locator("[data-chat-sessions] li.session-cancelled")
    assert item.count() == 1
    assert item.locator("del time").get_attribute("datetime") == "2026-03-14T12:00:00Z"
    assert "cancelled" in item.inner_text() and "Holiday break" in item.inner_text()


def test_the_next_sessions_carry_their_topics_on_the_chat_page(browser, site):
    page = open_page(browser, f"{site}/chats/blogchat/", "Asia/Tokyo", dt.datetime(2026, 3, 2, tzinfo=UTC))
    topic = page.locator("[data-chat-sessions] a.session-topic")
    assert topic.first.inner_text() == "Blogging through the clock change"
    assert topic.first.get_attribute("href") == "/chats/blogchat/2026-03-08/"


def test_a_session_page_shows_the_time_in_the_visitors_zone(browser, site):
    page = open_page(browser, f"{site}/chats/blogchat/2026-03-08/", "Asia/Tokyo", dt.datetime(2026, 3, 2, tzinfo=UTC))
    yours = page.inner_text("[data-your-time]")
    assert "March 9" in yours and "10:00" in yours  # 9 PM EDT on the 8th is 10 AM on the 9th in Tokyo
    assert "Sunday, March 8, 2026, 9:00 PM EDT" in page.inner_text(".session-when:not([data-your-time])")


def test_home_lists_a_sessions_topic_next_to_its_chat(browser, site):
    page = open_page(browser, f"{site}/", "America/New_York", dt.datetime(2026, 3, 8, 20, tzinfo=UTC))
    soon = page.locator("[data-starting-soon]")
    assert soon.locator("a.session-topic", has_text="Blogging through the clock change").count() == 1
