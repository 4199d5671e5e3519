"""The site in a real browser: Debian's chromium driven by Playwright, with
time zone emulation and a frozen clock."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from chatcal.schedule import rules
from tests.support import axe_violations, open_page
from tests.support.feed_readers import expand_with_ical, expand_with_icalendar
from tests.support.icaljs import expand_with_icaljs

UTC = dt.timezone.utc


def slot_in_week(page, hashtag: str) -> tuple[str, str]:
    """(day column header, time text) of a chat's slot in the weekly table."""
    page.wait_for_selector("[data-calendar-controls][data-ready]")
    return page.evaluate(
        """tag => {
            const link = [...document.querySelectorAll('table.week a.slot')].find(a => a.textContent.endsWith(' ' + tag));
            const cell = link.closest('td');
            const header = cell.closest('table').querySelectorAll('thead th')[cell.cellIndex];
            return [header.textContent, link.querySelector('time').textContent];
        }""",
        f"#{hashtag}",
    )


def test_london_evening_moves_for_los_angeles_across_clock_changes(browser, site):
    # US clocks change on 2026-03-08, UK clocks on 2026-03-29.
    page = open_page(browser, f"{site}/calendar/", "America/Los_Angeles", dt.datetime(2026, 3, 10, 12, tzinfo=UTC))
    day, time = slot_in_week(page, "londonwed")
    assert [day, time] == ["Wed, Mar 11", "1:00 PM"]
    page = open_page(browser, f"{site}/calendar/", "America/Los_Angeles", dt.datetime(2026, 3, 31, 12, tzinfo=UTC))
    assert slot_in_week(page, "londonwed") == ["Wed, Apr 1", "12:00 PM"]


def test_new_york_sunday_night_is_monday_elsewhere(browser, site):
    page = open_page(browser, f"{site}/calendar/", "Australia/Sydney", dt.datetime(2026, 3, 3, tzinfo=UTC), "en-AU")
    assert slot_in_week(page, "SundayWriters")[0].startswith("Mon")
    page = open_page(browser, f"{site}/calendar/", "Europe/London", dt.datetime(2026, 2, 10, tzinfo=UTC), "en-GB")
    day, time = slot_in_week(page, "SundayWriters")
    assert day.startswith("Mon") and time == "02:00"


@pytest.mark.parametrize("zone, expected", [("Asia/Kolkata", "17:30"), ("Asia/Kathmandu", "17:45")])
def test_noon_utc_in_half_and_quarter_hour_zones(browser, site, zone, expected):
    page = open_page(browser, f"{site}/calendar/?clock=24", zone, dt.datetime(2026, 3, 10, tzinfo=UTC))
    assert slot_in_week(page, "utcnoon")[1] == expected


def quiet_instant(catalog) -> dt.datetime:
    """An instant at which no fixture chat is running, found with our own expansion."""
    moment = dt.datetime(2026, 3, 4, 0, 0, tzinfo=UTC)
    while any(rules.sessions(c, moment, moment + dt.timedelta(seconds=1)) for c in catalog.chats if c.active):
        moment += dt.timedelta(minutes=15)
    return moment


def test_happening_now(browser, site, fixture_catalog):
    page = open_page(browser, f"{site}/", "Europe/Paris", dt.datetime(2026, 3, 2, 2, 30, tzinfo=UTC))
    now = page.inner_text("[data-happening-now]")
    assert "#SundayWriters: Sunday Night Writers" in now
    assert page.locator("[data-happening-now] time").first.get_attribute("datetime") == "2026-03-02T02:00:00Z"
    page = open_page(browser, f"{site}/", "Europe/Paris", quiet_instant(fixture_catalog))
    assert page.inner_text("[data-happening-now]") == "Nothing is on right now."


def test_chat_page_shows_sessions_in_both_zones_and_a_countdown(browser, site):
    page = open_page(browser, f"{site}/chats/weekly-ny/", "Asia/Tokyo", dt.datetime(2026, 3, 9, tzinfo=UTC))
    sessions = page.locator("[data-chat-sessions] time")
    assert sessions.first.get_attribute("datetime") == "2026-03-09T01:00:00Z"  # 21:00 EDT, Monday 10:00 in Tokyo
    text = page.inner_text("[data-chat-sessions]")
    assert "Tokyo time (Asia/Tokyo)" in text and "New York time (America/New_York)" in text
    assert "Next session starts in 1 hour." in text


def test_star_agenda_and_download(browser, site, built_site, tmp_path):
    page = open_page(browser, f"{site}/chats/biweekly-london/", "Europe/Berlin", dt.datetime(2026, 3, 1, tzinfo=UTC),
                     accept_downloads=True)
    page.click("button[data-star]")
    assert page.get_attribute("button[data-star]", "aria-pressed") == "true"
    page.goto(f"{site}/chats/st-johns-monthly/")
    page.click("button[data-star]")
    page.goto(f"{site}/my/")
    page.wait_for_selector("[data-my-chats] li")
    agenda = page.inner_text("[data-my-chats]")
    assert "#designcrit" in agenda and "#NLbooks" in agenda
    with page.expect_download() as download:
        page.click("button[data-download-mine]")
    path = tmp_path / "mine.ics"
    download.value.save_as(path)
    start, end = dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2028, 1, 1, tzinfo=UTC)
    expected = {**expand_with_icalendar(built_site / "chats/biweekly-london.ics", start, end),
                **expand_with_icalendar(built_site / "chats/st-johns-monthly.ics", start, end)}
    assert set(expected) == {"chatcal/biweekly-london/1", "chatcal/st-johns-monthly/1/first-tuesday",
                             "chatcal/st-johns-monthly/1/third-tuesday"}
    for reader in (expand_with_icalendar, expand_with_ical, expand_with_icaljs):
        assert reader(path, start, end) == expected, reader.__name__
    raw = path.read_bytes()
    assert raw.count(b"BEGIN:VTIMEZONE") == 2 and all(len(line) <= 75 for line in raw.split(b"\r\n"))


@pytest.mark.parametrize("path", ["/", "/calendar/", "/chats/weekly-ny/", "/chats/", "/topics/writing/", "/my/"])
def test_phone_viewport_has_no_horizontal_scroll(browser, site, path):
    page = open_page(browser, site + path, "Europe/London", dt.datetime(2026, 3, 2, tzinfo=UTC),
                     viewport={"width": 320, "height": 640})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_without_javascript_the_calendar_leads_to_the_utc_grid(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/calendar/")
    assert page.is_hidden("[data-calendar-controls]")
    page.click("[data-week-grid] a[href$='/calendar/utc/']")
    assert page.url == f"{site}/calendar/utc/"
    assert page.inner_text("table.week caption") == "Week of 2026-02-23, times in UTC"
    assert page.locator("table.week a.slot", has_text="#utcnoon").first.inner_text() == "12:00 #utcnoon"
    assert page.is_hidden("[data-calendar-controls]")


@pytest.mark.parametrize("path", ["/", "/calendar/", "/chats/", "/chats/weekly-ny/", "/chats/hiatus-chat/",
                                  "/chats/cafe-charla/", "/topics/", "/topics/writing/", "/my/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing(browser, site, path, scheme):
    page = open_page(browser, site + path, "America/New_York", dt.datetime(2026, 3, 2, 2, 30, tzinfo=UTC),
                     bypass_csp=True, color_scheme=scheme)
    result = axe_violations(page)
    assert result == [], json.dumps(result, indent=1)


def test_calendar_filters_navigation_and_shared_urls(browser, site):
    page = open_page(browser, f"{site}/calendar/", "Europe/Berlin", dt.datetime(2026, 3, 3, tzinfo=UTC), "de-DE")
    page.wait_for_selector("[data-calendar-controls][data-ready]")
    assert page.inner_text("table.week thead th:nth-child(2)").startswith("Mo")  # weeks start on Monday in Germany
    page.select_option("#filter-topic", "writing")
    def tags():
        return {t.split(" ", 1)[1] for t in page.locator("table.week a.slot").all_text_contents()}
    assert tags() == {"#SundayWriters", "#NLbooks"}  # the book club's first Tuesday
    assert "topic=writing" in page.url and "tz=Europe%2FBerlin" in page.url
    caption = page.inner_text("table.week caption")
    page.click("[data-next-week]")
    assert page.inner_text("table.week caption") != caption and "week=2026-03-09" in page.url
    assert tags() == {"#SundayWriters"}  # no book club in the second week
    page.go_back()
    assert page.inner_text("table.week caption") == caption
    shared = page.url
    other = open_page(browser, shared, "America/Chicago", dt.datetime(2026, 3, 10, tzinfo=UTC))
    other.wait_for_selector("[data-calendar-controls][data-ready]")
    assert other.input_value("#filter-topic") == "writing" and other.get_attribute("[data-zone]", "data-zone") == "Europe/Berlin"
    page.click("[data-calendar-controls] button[data-clock]")  # the 12-hour clock toggle
    assert page.locator("table.week a.slot time").first.inner_text().endswith(("AM", "PM"))
