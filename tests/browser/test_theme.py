"""The theme in a real browser: the calendar's layout and views, times in the
visitor's zone on every schedule line, zone names, taking part, stars,
sharing tags, search, and accessibility of every page type."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from tests.support import ROOT, axe_violations, open_page

UTC = dt.timezone.utc
JS = ROOT / "theme/static/js"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


# ---- structure ----

def test_site_js_imports_no_page_module():
    text = (JS / "site.js").read_text(encoding="utf-8")
    assert not re.search(r"""import\s*\(?\s*["']\./(calendar|search|my|zonepicker)\.js""", text)


def test_each_page_loads_its_own_module(built_site):
    def modules(page):
        html = (built_site / page).read_text(encoding="utf-8")
        return re.findall(r'<script type="module" src="/theme/js/([a-z]+\.js)"', html)
    assert modules("calendar/index.html") == ["calendar.js"]
    assert modules("search/index.html") == ["search.js"]
    assert modules("my/index.html") == ["my.js"]
    assert modules("chats/weekly-ny/index.html") == ["site.js"]


# ---- the calendar ----

def calendar(browser, site, zone="America/New_York", at=dt.datetime(2026, 3, 4, 15, 20, tzinfo=UTC), **options):
    page = open_page(browser, f"{site}/calendar/", zone, at, viewport=options.pop("viewport", WIDE), **options)
    page.wait_for_selector("[data-calendar-controls][data-ready]")
    return page


def test_the_page_scrolls_and_the_days_stay_in_view(browser, site):
    page = calendar(browser, site)
    # No box of its own scrolls: the whole day is reached by scrolling the page.
    assert page.evaluate("""[...document.querySelectorAll('.week-box, .week-box *')]
        .every(e => !['auto', 'scroll'].includes(getComputedStyle(e).overflowY))""")
    page.evaluate("scrollTo(0, document.querySelector('table.week tbody tr:nth-child(20)').offsetTop + 300)")
    top = page.evaluate("document.querySelector('table.week thead th').getBoundingClientRect().top")
    assert 0 <= top < 2


def test_opens_at_the_current_hour_with_today_marked(browser, site):
    page = calendar(browser, site)  # 10:20 in New York, Wednesday
    assert page.evaluate("scrollY") > 0
    today = page.locator("table.week thead th[aria-current=date]")
    assert today.count() == 1 and "Wed" in today.inner_text()
    assert page.locator("td.today .now-line").count() == 1
    row = page.evaluate("document.querySelector('td .now-line').closest('tr').dataset.hour")
    assert row == "10"


def test_chips_are_as_tall_as_their_session_and_titled(browser, site):
    page = calendar(browser, site)
    chip = page.locator("table.week a.slot", has_text="#raregathering").first  # 720 minutes
    short = page.locator("table.week a.slot", has_text="#designcrit").first  # 45 minutes
    assert chip.bounding_box()["height"] > 10 * short.bounding_box()["height"] / 1.5
    assert "Rare Gathering" in chip.get_attribute("title")
    # A hashtag is cut with an ellipsis, never broken inside the word.
    assert page.evaluate("getComputedStyle(document.querySelector('table.week .slot-tag')).whiteSpace") == "nowrap"


def test_agenda_view_is_remembered_and_empty_hours_fold(browser, site):
    page = calendar(browser, site)
    page.click("[data-view=list]")
    assert page.locator("[data-week-grid] ol.week-days").count() == 1
    page.reload()
    page.wait_for_selector("[data-calendar-controls][data-ready]")
    assert page.get_attribute("[data-view=list]", "aria-pressed") == "true"
    assert page.locator("[data-week-grid] ol.week-days").count() == 1
    page.click("[data-view=week]")
    rows = page.locator("table.week tbody tr:visible").count()
    page.click("[data-compact]")
    assert page.locator("table.week tbody tr:visible").count() < rows


def test_heatmap_is_redrawn_in_the_visitors_zone(browser, site):
    page = calendar(browser, site, "Asia/Tokyo")
    assert "Tokyo" in page.inner_text("[data-heatmap-zone]")
    title = page.locator("[data-heatmap] svg title").first.text_content()
    assert "Tokyo" in title and "UTC" not in title.split("times in")[-1]


def test_dark_heatmap_uses_dark_cells(browser, site):
    page = calendar(browser, site, color_scheme="dark")
    empty = page.evaluate("getComputedStyle(document.querySelector('.heatmap rect[fill=\"#f1f5f9\"]')).fill")
    assert empty != "rgb(241, 245, 249)"  # the build's light colour is replaced


def test_phone_calendar_is_a_day_list_with_filters_behind_one_button(browser, site):
    page = calendar(browser, site, viewport=PHONE)
    assert page.locator("[data-week-grid] ol.week-days").count() == 1
    assert page.is_hidden("#calendar-options")
    page.click("[data-toggle=calendar-options]")
    assert page.is_visible("#calendar-options")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_zone_picker_searches_cities_and_sets_the_zone(browser, site):
    page = calendar(browser, site)
    page.click("[data-zone]")
    page.fill(".zone-search", "tokyo")
    page.click(".zone-option >> nth=0")
    page.wait_for_function("document.querySelector('[data-zone]').dataset.zone === 'Asia/Tokyo'")
    assert "tz=Asia%2FTokyo" in page.url
    page.click("[data-zone]")
    page.fill(".zone-search", "IST")  # an abbreviation
    assert page.inner_text(".zone-option >> nth=0").startswith("Kolkata")
    page.click(".zone-mine")
    page.wait_for_function("document.querySelector('[data-zone]').dataset.zone === 'America/New_York'")


def test_topic_page_has_a_week_list_with_navigation(browser, site):
    page = open_page(browser, f"{site}/topics/writing/", "Europe/London", dt.datetime(2026, 3, 3, tzinfo=UTC))
    page.wait_for_selector("[data-topic-week][data-ready]")
    assert page.locator("#topic-week table").count() == 0
    first = page.inner_text("#topic-week")
    page.click("[data-topic-nav] [data-next-week]")
    page.wait_for_function("first => document.querySelector('#topic-week').innerText !== first", arg=first)


def test_without_javascript_sessions_are_times_and_weeks_start_on_monday(browser, site):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{site}/calendar/utc/")
    assert page.locator("table.week a.slot time[datetime]").count() == page.locator("table.week a.slot").count() > 0
    assert page.inner_text("table.week thead th:nth-child(2)").startswith("Mon")


# ---- your time ----

def test_cards_show_the_visitors_time_first(browser, site):
    page = open_page(browser, f"{site}/chats/", "Asia/Tokyo", dt.datetime(2026, 3, 2, tzinfo=UTC))
    line = page.locator(".chat-card", has_text="#SundayWriters").locator(".when-line").first
    assert line.locator(".yours").inner_text() == "Mondays at 11:00 AM your time"
    assert "Sundays at 9:00 PM New York time" in line.inner_text()


def test_your_time_follows_the_week_of_a_clock_change(browser, site):
    # After the US change (2026-03-08) and before the UK one: New York is 4 hours off London, not 5.
    page = open_page(browser, f"{site}/chats/weekly-ny/", "Europe/London", dt.datetime(2026, 3, 10, tzinfo=UTC), "en-GB")
    assert page.inner_text("#when ~ .schedule .yours") == "Mondays at 01:00 your time"
    page = open_page(browser, f"{site}/chats/weekly-ny/", "Europe/London", dt.datetime(2026, 3, 3, tzinfo=UTC), "en-GB")
    assert page.inner_text("#when ~ .schedule .yours") == "Mondays at 02:00 your time"


def test_legacy_zone_ids_get_current_names(browser, site):
    page = open_page(browser, f"{site}/chats/weekly-ny/", "Asia/Calcutta", dt.datetime(2026, 3, 2, tzinfo=UTC))
    assert "Kolkata time (Asia/Kolkata)" in page.inner_text("[data-chat-sessions]")
    # In the chat's own zone, under its legacy name too, the visitor's line says the chat's own days and time.
    page = open_page(browser, f"{site}/chats/kolkata-twice-weekly/", "Asia/Calcutta", dt.datetime(2026, 3, 2, tzinfo=UTC))
    assert page.inner_text(".schedule .yours") == "Tuesdays and Thursdays at 12:00 PM your time"


# ---- taking part, sharing ----

def test_header_footer_and_chat_page_links(browser, site):
    page = open_page(browser, f"{site}/chats/weekly-ny/", "UTC", dt.datetime(2026, 3, 2, tzinfo=UTC))
    assert page.get_attribute(".site-header a:text('Add a chat')", "href") == "/add/"
    assert page.get_attribute(".site-header a:text('Calendar feed')", "href") == "/feeds/"
    report = page.get_attribute("a:text('Report a problem')", "href")
    assert report.startswith("https://github.com/") and "weekly-ny" in report
    assert page.locator(".site-footer a[href^='https://github.com/']").count() >= 1
    add = page.inner_text("section[aria-labelledby=add]")
    assert "follows changes" in add and "does not follow changes" in add


def test_sharing_tags(built_site):
    html = (built_site / "chats/weekly-ny/index.html").read_text(encoding="utf-8")
    for name in ("og:title", "og:description", "og:url", "og:type", "og:image"):
        assert f'property="{name}"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(r'<link rel="canonical" href="https?://', html)
    data = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert data and json.loads(data.group(1))


# ---- stars ----

def test_stars_on_cards_count_in_the_header_and_my_chats(browser, site):
    page = open_page(browser, f"{site}/chats/", "Europe/Berlin", dt.datetime(2026, 3, 1, tzinfo=UTC))
    star = page.locator(".chat-card", has_text="#NLbooks").locator("button[data-star]")
    assert star.get_attribute("aria-pressed") == "false"
    star.click()
    assert star.get_attribute("aria-pressed") == "true"
    assert page.inner_text("[data-star-count]") == "1"
    page.goto(f"{site}/my/")
    page.wait_for_selector("[data-my-chats][data-ready]")
    webcal = page.locator("[data-subscribe-each] a").first.get_attribute("href")
    assert webcal.startswith("webcal://") and webcal.endswith("/chats/st-johns-monthly.ics")
    assert "snapshot" in page.inner_text("[data-my-starred]")
    page.click("button[data-unstar]")
    assert page.is_hidden("[data-my-starred]") and page.is_hidden("[data-star-count]")


# ---- search ----

def test_search_finds_languages_and_shows_them(browser, site):
    for query in ("spanish", "español"):
        page = open_page(browser, f"{site}/search/?q={query}", "UTC", dt.datetime(2026, 3, 3, tzinfo=UTC))
        page.wait_for_selector("[data-search][data-ready]")
        first = page.locator("[data-search-results] > li").first
        assert "#CaféCharla" in first.inner_text() and "Spanish" in first.inner_text()
    assert page.locator("header input[type=search], main input[type=search]").count() == 1


def test_search_asks_for_no_missing_shard(browser, site, built_site):
    requests: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site}/search/?q=xylophone+yacht")  # no shard for x or y in the fixture
    page.wait_for_selector("[data-search][data-ready]")
    page.wait_for_load_state("networkidle")
    shards = [r.rsplit("/", 1)[1] for r in requests if "/data/search/" in r]
    assert all((built_site / "data/search" / name).exists() for name in shards), shards


# ---- every page type, light and dark ----

@pytest.mark.parametrize("path", ["/add/", "/about/", "/feeds/", "/404.html", "/search/?q=blog", "/chats/st-johns-monthly/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_more_pages(browser, site, path, scheme):
    page = open_page(browser, site + path, "Asia/Tokyo", dt.datetime(2026, 3, 2, 2, 30, tzinfo=UTC),
                     bypass_csp=True, color_scheme=scheme)
    result = axe_violations(page)
    assert result == [], json.dumps(result, indent=1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("view", ["week", "list"])
def test_axe_finds_nothing_in_calendar_views(browser, site, scheme, view):
    page = calendar(browser, site, bypass_csp=True, color_scheme=scheme)
    page.click(f"[data-view={view}]")
    page.click("[data-zone]")  # the picker open too
    result = axe_violations(page)
    assert result == [], json.dumps(result, indent=1)


def test_404_has_a_search_box(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert 'type="search"' in html and 'action="/search/"' in html
