"""The fixture site's files for search engines, link previews and the browser's zone picker."""

from __future__ import annotations

import json
import re
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from chatcal.site.export import SHARD_KEYS

BASE = "http://127.0.0.1:8000"
PAGES = ["index.html", "calendar/index.html", "chats/index.html", "topics/index.html", "feeds/index.html",
         "search/index.html", "my/index.html", "add/index.html", "about/index.html", "chats/weekly-ny/index.html",
         "topics/blogging/index.html"]


class Head(HTMLParser):
    """The <meta> and <link> elements of a page, by property/name and rel."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.scripts = {}, {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")


def head(site, path) -> Head:
    parser = Head()
    parser.feed((site / path).read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_sharing_tags_and_a_canonical_url(built_site, path):
    page = head(built_site, path)
    url = BASE + "/" + path.removesuffix("index.html")
    assert page.links["canonical"] == url
    assert page.meta["og:url"] == url
    assert page.meta["og:title"] and page.meta["og:description"] and page.meta["og:type"]
    assert page.meta["og:image"] == BASE + "/share.png"
    assert page.meta["twitter:card"] == "summary_large_image"


def test_a_chat_page_describes_the_chat_with_its_hashtag_and_schedule(built_site):
    page = head(built_site, "chats/weekly-ny/index.html")
    assert page.meta["og:title"] == "#SundayWriters: Sunday Night Writers"
    assert page.meta["og:description"].startswith("#SundayWriters, Sundays at 9:00 PM New York time")


def test_a_chat_page_carries_its_next_sessions_as_events(built_site):
    html = (built_site / "chats/weekly-ny/index.html").read_text(encoding="utf-8")
    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    events = json.loads(data)
    assert events[0]["startDate"] == "2026-03-01T21:00:00-05:00"
    assert all(e["eventAttendanceMode"].endswith("OnlineEventAttendanceMode") for e in events)


def test_the_sitemap_holds_every_page_and_robots_names_it(built_site):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {e.text for e in ET.parse(built_site / "sitemap.xml").getroot().iter(f"{ns}loc")}
    pages = {BASE + "/" + str(p.relative_to(built_site)).removesuffix("index.html")
             for p in built_site.rglob("index.html")}
    assert locs == pages
    assert f"Sitemap: {BASE}/sitemap.xml" in (built_site / "robots.txt").read_text()


def test_a_404_page_offers_search(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html and 'role="search"' in html and "/search/" in html


def test_the_share_image_is_a_large_png(built_site):
    data = (built_site / "share.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)


def test_zones_for_the_picker_are_published(built_site):
    data = json.loads((built_site / "data/zones.json").read_text(encoding="utf-8"))
    cities = {zone["id"]: zone["city"] for zone in data["zones"]}
    assert cities["America/Sao_Paulo"] == "São Paulo" and cities["America/St_Johns"] == "St. John’s"
    assert data["links"]["Asia/Calcutta"] == "Asia/Kolkata"


def test_every_search_shard_a_query_can_ask_for_exists(built_site):
    for key in SHARD_KEYS:
        json.loads((built_site / f"data/search/{key}.json").read_text(encoding="utf-8"))


def test_language_names_are_searchable_words(built_site):
    words = " ".join(json.dumps(json.loads((built_site / f"data/search/{k}.json").read_text(encoding="utf-8")),
                                ensure_ascii=False) for k in ("s", "e", "p"))
    assert "spanish" in words and "español" in words and "portuguese" in words


def test_the_google_copy_starts_at_the_next_session_and_links_the_page(built_site):
    html = (built_site / "chats/weekly-ny/index.html").read_text(encoding="utf-8")
    [link] = re.findall(r'href="(https://calendar.google.com/calendar/render\?action=TEMPLATE[^"]*)"', html)
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert query["dates"] == ["20260301T210000/20260301T220000"]  # the fixture clock's next session
    assert query["location"] == [f"{BASE}/chats/weekly-ny/"]


def test_feed_locations_are_the_chat_page_and_platforms_are_in_the_description(built_site):
    feed = (built_site / "chats/weekly-ny.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert f"LOCATION:{BASE}/chats/weekly-ny/" in feed
    assert "Where: #SundayWriters on X" in feed
