"""Search in a real browser: ranking, typos, facets in the visitor's zone,
shareable URLs, the keyboard, accessibility."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support import axe_violations, open_page

UTC = dt.timezone.utc

NOW = dt.datetime(2026, 3, 3, 12, tzinfo=UTC)


def results(page) -> list[str]:
    page.wait_for_selector("[data-search][data-ready]")
    return page.locator("[data-search-results] > li > a").all_inner_texts()


def search(browser, site, query: str, zone: str = "Europe/London"):
    page = open_page(browser, f"{site}/search/?q={query}", zone, NOW)
    return page, results(page)


def test_hashtag_prefix_ranks_first(browser, site):
    _, found = search(browser, site, "blog")
    assert found[0] == "#blogchat: Blog Chat"
    assert "#SundayWriters: Sunday Night Writers" in found  # topic "blogging"


def test_typos_still_find_the_chat(browser, site):
    _, found = search(browser, site, "projct managment")
    assert found[0] == "#PMchat: Project Management Chat"


def test_description_and_host_words_are_searched(browser, site):
    _, found = search(browser, site, "fifteen")  # in the description of the noon standup
    assert found == ["#utcnoon: Noon UTC Standup"]
    _, found = search(browser, site, "rae")  # a host's name (after #raregathering: hashtags rank first)
    assert "#SundayWriters: Sunday Night Writers" in found


def test_exact_hashtag_wins(browser, site):
    _, found = search(browser, site, "%23designcrit")
    assert found[0].startswith("#designcrit:")


def test_topic_and_day_filters_in_the_visitors_zone(browser, site):
    page = open_page(browser, f"{site}/search/", "Australia/Sydney", NOW)
    everything = results(page)
    page.select_option("#facet-topic", "writing")
    assert sorted(results(page)) == ["#NLbooks: Newfoundland Book Club", "#SundayWriters: Sunday Night Writers"]
    # Sunday 21:00 in New York is Monday in Sydney; the book club (Tuesday
    # 19:30 in St John's) is Wednesday there.
    page.select_option("#facet-day", "0")  # Monday
    assert results(page) == ["#SundayWriters: Sunday Night Writers"]
    assert "topic=writing" in page.url and "day=0" in page.url
    assert page.locator("#facet-day option:checked").inner_text() == "Monday (1)"
    assert page.inner_text("[data-search-status]") == "1 chat found"
    page.select_option("#facet-day", "2")  # Wednesday
    assert results(page) == ["#NLbooks: Newfoundland Book Club"]
    days = page.locator("#facet-day option").all_inner_texts()
    assert days == ["Any", "Monday (1)", "Wednesday (1)"]  # nothing about writing on a Sunday in Sydney
    assert len(everything) == 18


def test_a_url_restores_query_and_filters(browser, site):
    page = open_page(browser, f"{site}/search/?q=chat&platform=linkedin&status=active", "America/New_York", NOW)
    assert page.input_value("#search-q") == "chat"
    assert page.input_value("#facet-platform") == "linkedin"
    assert results(page) == ["#PMchat: Project Management Chat"]
    page.fill("#search-q", "python")
    page.press("#search-q", "Enter")
    page.wait_for_url("**q=python**")
    page.go_back()
    assert page.input_value("#search-q") == "chat"


def test_each_result_shows_its_next_session_in_the_visitors_zone(browser, site):
    page, found = search(browser, site, "SundayWriters", "Asia/Tokyo")
    first = page.locator("[data-search-results] > li").first
    assert first.locator("time").get_attribute("datetime") == "2026-03-09T01:00:00Z"
    assert "GMT+9" in first.locator("time").inner_text() or "JST" in first.locator("time").inner_text()


def test_keyboard(browser, site):
    page, found = search(browser, site, "chat")
    page.focus("#search-q")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == found[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == found[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "search-q"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/chats/**")


def test_slash_focuses_the_search_box(browser, site):
    page = open_page(browser, f"{site}/chats/", "UTC", NOW)
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"


def test_search_data_loads_only_on_the_search_page(browser, site):
    requests: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site}/chats/weekly-ny/")
    page.wait_for_load_state("networkidle")
    assert not [r for r in requests if "search" in r or "minisearch" in r]


def test_without_javascript_search_leads_to_browsing(browser, site):
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{site}/search/?q=blog")
    links = page.locator("[data-search-fallback] a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert links[:2] == ["/chats/", "/topics/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_search(browser, site, scheme):
    page = open_page(browser, f"{site}/search/?q=chat&topic=writing", "Europe/London", NOW, bypass_csp=True,
                     color_scheme=scheme)
    results(page)
    violations = axe_violations(page)
    assert violations == []


def test_vendored_minisearch_is_the_pinned_release():
    from tests.support import ROOT

    vendored = (ROOT / "theme/static/js/vendor/minisearch.js").read_bytes()
    assert vendored == (ROOT / "node_modules/minisearch/dist/es/index.js").read_bytes()
    assert '"minisearch": "7.2.0"' in (ROOT / "package.json").read_text(encoding="utf-8")


def test_keywords_keep_the_words_that_set_a_chat_apart():
    from chatcal.site.export import description_words, keywords

    words = {"a": description_words("A chat about **Python** and the chat's packaging."),
             "b": description_words("A chat about gardening, and the chat's compost.")}
    assert words["a"] == ("chat", "python", "packaging")
    assert keywords(words, limit=2) == {"a": "python packaging", "b": "gardening compost"}
