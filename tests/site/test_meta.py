"""What search engines and link previews read: descriptions, events, sitemap, robots, zones."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

from chatcal.schedule import rules
from chatcal.site.meta import chat_summary, events_json_ld, page_meta, robots_txt, shorten, sitemap_xml
from chatcal.site.zones import city_name, zones_json
from chatcal.urls import SiteUrls
from tests.support import FIXTURE_NOW

URLS = SiteUrls("https://chatcal.example")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_a_chat_is_summarised_by_its_hashtag_and_schedule(fixture_catalog):
    chat = fixture_catalog.by_slug("weekly-ny")
    assert chat_summary(chat) == "#SundayWriters, Sundays at 9:00 PM New York time (America/New_York)."


def test_long_descriptions_are_cut_at_a_word():
    text = "word " * 100
    short = shorten(text, 30)
    assert short == "word word word word word word…"
    assert shorten("  two   words ") == "two words"


def test_page_meta_has_an_absolute_canonical_url():
    meta = page_meta(URLS, "chats/blogchat/", "#blogchat: Blog Chat", "A chat.", "article")
    assert (meta.url, meta.type) == ("https://chatcal.example/chats/blogchat/", "article")


def test_events_are_online_schema_org_events_at_the_next_sessions(fixture_catalog):
    chat = fixture_catalog.by_slug("weekly-ny")
    sessions = rules.upcoming(chat, FIXTURE_NOW, 2)
    events = json.loads(events_json_ld(chat, sessions, URLS, "Writers meet."))
    assert [e["startDate"] for e in events] == ["2026-03-01T21:00:00-05:00", "2026-03-08T21:00:00-04:00"]
    assert {e["@type"] for e in events} == {"Event"}
    assert events[0]["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert events[0]["location"] == {"@type": "VirtualLocation", "url": "https://chatcal.example/chats/weekly-ny/"}
    assert events[1]["endDate"] == "2026-03-08T22:00:00-04:00"


def test_event_json_cannot_end_its_script_element(fixture_catalog):
    chat = fixture_catalog.by_slug("weekly-ny")
    text = events_json_ld(chat, rules.upcoming(chat, FIXTURE_NOW, 1), URLS, "</script><script>alert(1)</script>")
    assert "</script" not in text and json.loads(text)[0]["description"].startswith("</script>")


def test_the_sitemap_lists_absolute_urls_sorted_with_their_dates():
    xml = sitemap_xml(URLS, [("chats/b/", dt.date(2026, 1, 2)), ("", None), ("topics/a&b/", None)])
    rows = ET.fromstring(xml).findall(f"{SITEMAP}url")
    assert [r.find(f"{SITEMAP}loc").text for r in rows] == [
        "https://chatcal.example/", "https://chatcal.example/chats/b/", "https://chatcal.example/topics/a&b/"]
    assert rows[1].find(f"{SITEMAP}lastmod").text == "2026-01-02"
    assert rows[0].find(f"{SITEMAP}lastmod") is None


def test_robots_names_the_sitemap():
    assert robots_txt(URLS).splitlines()[-1] == "Sitemap: https://chatcal.example/sitemap.xml"


def test_cities_are_spelled_as_people_write_them():
    assert city_name("America/Sao_Paulo", "BR") == "São Paulo"
    assert city_name("America/St_Johns", "CA") == "St. John’s"
    assert city_name("Europe/Zurich", "CH") == "Zürich"
    assert city_name("Asia/Tokyo", "JP") == "Tokyo"  # not the Japanese spelling: it differs by more than accents


def test_zones_name_their_country_and_map_legacy_ids_to_current_ones():
    data = zones_json({"Asia/Kathmandu"})
    by_id = {zone["id"]: zone for zone in data["zones"]}
    assert by_id["Asia/Kolkata"]["country"] == "India"
    assert by_id["Asia/Kathmandu"]["common"] and not by_id["Asia/Dhaka"]["common"]
    assert "EST" in by_id["America/New_York"]["abbreviations"]
    assert {k: data["links"][k] for k in ("Asia/Calcutta", "Europe/Kiev", "Asia/Katmandu", "Asia/Saigon")} == {
        "Asia/Calcutta": "Asia/Kolkata", "Europe/Kiev": "Europe/Kyiv", "Asia/Katmandu": "Asia/Kathmandu",
        "Asia/Saigon": "Asia/Ho_Chi_Minh"}
    assert set(data["links"].values()) <= set(by_id)
