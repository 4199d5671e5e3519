"""A hostile pull request cannot hurt a reader: every field holds XSS payloads,
the site builds, and in Chromium nothing injected runs while the text shows."""

from __future__ import annotations

import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from chatcal.build import build_site
from tests.support import FIXTURE_NOW, ROOT, serving, write_chat
from tests.support.xss_payloads import MARKDOWN_PAYLOADS, PAYLOADS


def yaml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid double-quoted YAML scalar


def hostile_chat(number: int, payload: str) -> str:
    url = "https://example.org/" + re.sub(r"\s", "", payload)
    topic = payload.lower()[:40]
    description = "\n\n".join([payload, MARKDOWN_PAYLOADS[number % len(MARKDOWN_PAYLOADS)], "Plain words."])
    return textwrap.dedent(f"""\
        ---
        title: {yaml_string(payload[:80])}
        hashtag: xss{number}
        schedule:
          - every: week
            on: monday
            at: "12:00"
            timezone: UTC
            label: {yaml_string(payload[:80])}
        topics: [{yaml_string(topic)}]
        hosts:
          - name: {yaml_string(payload[:80])}
            handle: {yaml_string(payload[:100])}
            url: {yaml_string(url)}
        website: {yaml_string(url)}
        archive: {yaml_string(url)}
        added: 2026-01-05
        ---
        """) + description + "\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    for number, payload in enumerate(PAYLOADS):
        write_chat(root / "content/chats", f"xss-{number}.md", hostile_chat(number, payload))
    assert build_site(ROOT, "pelicanconf.py", root / "output", FIXTURE_NOW, content=root / "content") == 0
    return root / "output"


def test_the_corpus_is_large_enough():
    assert len(PAYLOADS) + len(MARKDOWN_PAYLOADS) >= 30


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


FORBIDDEN_TAGS = {"iframe", "object", "embed", "svg", "math", "img", "video", "source", "input", "form",
                  "base", "style", "details", "textarea", "button"}


def test_no_payload_survives_as_markup(hostile_site):
    for page in hostile_site.rglob("*.html"):
        collector = TagCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in collector.tags:
            # Ours: the calendar's busy-hours picture, and the buttons our script wires up.
            ours = (tag == "svg" and ("class", "heatmap") in attrs) or (
                tag == "button" and (any(name.startswith("data-") for name, _ in attrs)
                                     or ("type", "submit") in attrs)) or (
                tag == "form" and ("role", "search") in attrs) or (tag == "input" and ("type", "search") in attrs)
            assert tag not in FORBIDDEN_TAGS or ours, (page, tag, attrs)
            if tag == "script":  # our own scripts from our origin, or data that never runs
                assert dict(attrs).get("src", "").startswith("/theme/") or dict(attrs).get("type") in ("application/json", "application/ld+json"), (page, attrs)
            for name, value in attrs:
                assert not name.startswith("on") and name != "style", (page, tag, name)
                if name in ("href", "src", "action") and not (tag == "link" and ("rel", "icon") in attrs):
                    assert urlsplit(value or "").scheme.lower() in {"", "http", "https", "mailto", "webcal"}, (page, value)
        assert [tag for tag, _ in collector.tags].count("body") == 1, page


def visit(page, url: str, dialogs: list, logs: list) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    handlers = page.evaluate(
        "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name))"
        ".filter(n => n.startsWith('on'))"
    )
    assert handlers == [], (url, handlers)  # nothing that a hover or focus could fire
    assert not dialogs, (url, dialogs)
    assert not [m for m in logs if "INJECTED" in m], (url, logs)


def test_nothing_injected_runs_and_the_text_shows(browser, hostile_site):
    dialogs, logs = [], []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: logs.append(message.text))
    with serving(hostile_site) as site:
        for path in ["/", "/chats/", "/topics/"]:
            visit(page, site + path, dialogs, logs)
        for number, payload in enumerate(PAYLOADS):
            visit(page, f"{site}/chats/xss-{number}/", dialogs, logs)
            heading = page.inner_text("h1")
            assert payload[:80].strip() in heading, (number, heading)
            assert payload[:80].strip() in page.inner_text(".schedule")  # the label
            assert payload[:80].strip() in page.inner_text(".hosts")
        for topic in sorted((hostile_site / "topics").iterdir()):
            if topic.is_dir():
                visit(page, f"{site}/topics/{topic.name}/", dialogs, logs)
    page.close()


def test_json_in_pages_is_escaped_and_round_trips(hostile_site):
    for number, payload in enumerate(PAYLOADS):
        html = (hostile_site / f"chats/xss-{number}/index.html").read_text(encoding="utf-8")
        data = html.split('<script type="application/json" id="chat-schedule">')[1].split("</script>")[0]
        assert "<" not in data  # so nothing in it can close the script element
        assert json.loads(data)["title"] == payload[:80].strip()


def test_feeds_and_json_stay_well_formed(hostile_site):
    import icalendar

    data = json.loads((hostile_site / "chats.json").read_text(encoding="utf-8"))
    titles = {c["title"] for c in data["chats"]}
    assert {p[:80].strip() for p in PAYLOADS} == titles
    for feed in hostile_site.rglob("*.ics"):
        for event in icalendar.Calendar.from_ical(feed.read_bytes()).walk("VEVENT"):
            assert str(event["SUMMARY"]).startswith("#xss")
