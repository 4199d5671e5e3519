"""Everything a build writes, given the catalog, the clock and a way to render templates.

Plain code over plain data: the Pelican plugin supplies `render` (the
theme's templates with the site's context) and the build supplies the cache
and the `Outputs` to write to. Work that does not depend on other chats
(chat pages, feed events, topic pages) is spread over the CPUs with
`fork_map`; whatever the previous build made from the same inputs is kept.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from typing import Callable

from markupsafe import Markup

from chatcal import markup
from chatcal.build.cache import BuildCache, content_key
from chatcal.build.outputs import Outputs
from chatcal.chatfile.catalog import Catalog
from chatcal.chatfile.format import json_schema
from chatcal.forkmap import fork_map
from chatcal.ical import feeds
from chatcal.site import export, pages, week
from chatcal.site.atom import new_chats_feed
from chatcal.site.heatmap import heatmap_svg
from chatcal.urls import SiteUrls


class SiteWriter:
    def __init__(self, catalog: Catalog, now: dt.datetime, urls: SiteUrls, settings: dict,
                 render: Callable[..., str], cache: BuildCache, topic_pages: list[pages.TopicPage]):
        self.catalog, self.now, self.urls, self.settings = catalog, now, urls, settings
        self._render, self.cache, self.topic_pages = render, cache, topic_pages
        self.listed = pages.sort_for_listing(catalog.chats)
        self.cards = dict(cache.cards)
        # slug -> (chats.json fields text, search words): from the cache, or made with the chat's page.
        self.exports = self._unchanged(cache.exports)

    def _unchanged(self, by_digest: dict) -> dict:
        """What the cache holds for chats whose files are unchanged, by slug."""
        digest = self.catalog.digest
        return {c.slug: by_digest[digest(c)] for c in self.catalog.chats if digest(c) in by_digest}

    def write(self, outputs: Outputs) -> None:
        """Every page, feed and data file; then what the next build can reuse goes into the cache."""
        feed_writer = self._write_chats(outputs)
        # Independent jobs, dealt to the workers in turn (this process takes the first): the
        # four long ones first, paired so that each share takes about as long after a one-chat
        # edit. The open data goes to this process, whose memos (next sessions) outlive the build.
        jobs = [lambda: self._write_feeds_and_open_data(outputs, feed_writer), lambda: self._write_search_words(outputs),
                lambda: self._write_browser_schedules(outputs), self._listings_to_make(outputs),
                *self._topics_to_make(outputs, feed_writer)]
        fork_map(lambda job: job(), jobs, min_items=1)
        chats = self.catalog.chats
        self.cache.files = self.catalog.files
        self.cache.descriptions = {c.description: markup.rendered(c.description) for c in chats}
        self.cache.events = {self.catalog.digest(c): feed_writer.events(c) for c in chats}
        self.cache.zones = feed_writer.made_zones
        self.cache.cards = {self.catalog.digest(c): self.card_key(c) for c in chats}
        self.cache.exports = {self.catalog.digest(c): self.exports[c.slug] for c in chats}

    def card_key(self, chat) -> str:
        """A key of what the chat's card in listings (`chat_list` in the theme) shows, remembered by
        file digest across builds."""
        digest = self.catalog.digest(chat)
        if digest not in self.cards:
            # `added` too: sessions start from it, and week grids show sessions.
            self.cards[digest] = content_key(chat.slug, chat.title, chat.status, chat.hashtag, chat.schedule,
                                             chat.topics, chat.added)
        return self.cards[digest]

    def _write_chats(self, outputs: Outputs) -> feeds.FeedWriter:
        """Each chat's page and feed: new ones, with their descriptions and events, made in parallel."""
        markup.remember(self.cache.descriptions)
        known_events = self._unchanged(self.cache.events)
        feed_writer = feeds.FeedWriter(self.urls, known_events, self._zones())
        work = []
        for chat in self.catalog.chats:
            # After no previous build every page is new, and the worker making it makes its key.
            page_is_new = not outputs.previous_keys or not outputs.reuse(self._page_name(chat), self._page_key(chat))
            feed_is_new = not outputs.reuse(self.urls.chat_feed(chat.slug), self.catalog.digest(chat))
            if (page_is_new or feed_is_new or chat.slug not in known_events or chat.slug not in self.exports
                    or chat.description not in self.cache.descriptions):
                work.append((chat, page_is_new, feed_is_new))
        made = fork_map(lambda item: self._make_chat(outputs, feed_writer, *item), work)
        for (chat, _, _), (page_key, description, events, exported) in zip(work, made):
            if page_key:
                outputs.record(self._page_name(chat), page_key)
            markup.remember({chat.description: description})
            feed_writer.made_events[chat.slug] = events
            self.exports[chat.slug] = exported
        return feed_writer

    def _page_name(self, chat) -> str:
        return self.urls.chat_page(chat.slug) + "index.html"

    def _page_key(self, chat) -> str:
        moment = pages.chat_page_moment(chat, self.now, self.settings["CHATCAL_STALE_MONTHS"])
        return content_key(self.catalog.digest(chat), moment)

    def _make_chat(self, outputs: Outputs, feed_writer: feeds.FeedWriter, chat, page_is_new: bool, feed_is_new: bool):
        """Runs in a build worker: writes what is new; returns (page key, description, events,
        (chats.json fields, search words))."""
        page_key = None
        if page_is_new:
            settings = self.settings
            page = pages.chat_page(chat, self.now, self.urls, settings["CHATCAL_MASTODON_INSTANCE"],
                                   settings.get("CHATCAL_EDIT_URL"), settings["CHATCAL_STALE_MONTHS"])
            outputs.write(self._page_name(chat), self._render("chat", page=page, page_title=chat.title))
            page_key = self._page_key(chat)
        if feed_is_new:
            outputs.write(self.urls.chat_feed(chat.slug), feed_writer.chat_feed(chat))
        # The words as one text: a cache of one string per chat saves and loads far faster than of tuples.
        exported = (export.chat_fields_text(chat, self.urls), " ".join(export.description_words(chat.description)))
        return page_key, markup.rendered(chat.description), feed_writer.events(chat), exported

    def _zones(self) -> dict[str, bytes]:
        names = sorted({entry.timezone for chat in self.catalog.chats for entry in chat.schedule})
        missing = [name for name in names if name not in self.cache.zones]
        return {**self.cache.zones, **dict(zip(missing, fork_map(feeds.zone_bytes, missing, min_items=8)))}

    def _topics_to_make(self, outputs: Outputs, feed_writer: feeds.FeedWriter) -> list[Callable[[], None]]:
        """Each topic's page and feed are kept while their chats are unchanged; returns what makes the others."""
        start = week.week_start(self.now)
        jobs = []
        for topic in self.topic_pages:
            active = [c for c in topic.chats if c.active]
            members = [self.card_key(c) for c in topic.chats]
            if not outputs.reuse(topic.url + "index.html", content_key(topic.topic.name, members, start)):
                jobs.append(functools.partial(self._make_topic_page, outputs, topic, start))
            if not outputs.reuse(topic.feed_url, content_key(topic.topic.name, [self.catalog.digest(c) for c in active])):
                jobs.append(functools.partial(self._make_topic_feed, outputs, feed_writer, topic, active))
        return jobs

    def _make_topic_feed(self, outputs: Outputs, feed_writer: feeds.FeedWriter, topic: pages.TopicPage,
                         active: list) -> None:
        outputs.write(topic.feed_url, feed_writer.topic_feed(topic.topic.name, topic.topic.slug, active))

    def _make_topic_page(self, outputs: Outputs, topic: pages.TopicPage, start: dt.datetime) -> None:
        outputs.write(topic.url + "index.html", self._render(
            "topic", topic=topic, page_title=topic.topic.name, topic_week=week.week_grid(topic.chats, start)))

    def _listings_to_make(self, outputs: Outputs) -> Callable[[], None]:
        """The pages that show many chats: each is kept while what it shows is unchanged;
        returns what makes the others."""
        start = week.week_start(self.now)
        cards = content_key([self.card_key(c) for c in self.listed])

        def calendar():
            svg = heatmap_svg(week.busy_hours(self.catalog.chats, start),
                              f"Active chats per hour of the week of {start:%Y-%m-%d}, UTC")
            return dict(page_title="Weekly calendar", heatmap_svg=Markup(svg),
                        week=week.week_grid(self.catalog.chats, start))

        listings = [  # (path, template, key or None to make it every time, its values)
            (self.urls.CALENDAR_PAGE, "calendar", content_key(cards, start, self.now.date()), calendar),
            ("topics/", "topics", cards, lambda: dict(page_title="Topics")),
            ("chats/", "chats", cards, lambda: dict(page_title="All chats")),
            (self.urls.MY_PAGE, "my", "", lambda: dict(page_title="My chats")),
            (self.urls.SEARCH_PAGE, "search", "", lambda: dict(page_title="Search")),
            ("", "index", None, lambda: dict(page_title=None, happening=pages.happening_now(self.catalog.chats, self.now),
                                             soon=pages.starting_soon(self.catalog.chats, self.now),
                                             newest_chats=pages.newest(self.catalog.chats))),
        ]
        to_make = [(path, template, values) for path, template, key, values in listings
                   if key is None or not outputs.reuse(path + "index.html", key)]

        def make():
            for path, template, values in to_make:
                outputs.write(path + "index.html", self._render(template, **values()))
        return make

    def _write_feeds_and_open_data(self, outputs: Outputs, feed_writer: feeds.FeedWriter):
        urls, chats = self.urls, self.catalog.chats
        outputs.write(urls.ALL_FEED, feed_writer.combined_feed(chats))
        outputs.write(urls.NEW_CHATS_FEED, new_chats_feed(chats, urls))
        fields = {slug: fields_text for slug, (fields_text, _) in self.exports.items()}
        outputs.write(urls.CHATS_JSON, export.chats_json(chats, self.now, urls, fields))
        outputs.write(urls.SCHEMA, json.dumps(json_schema(urls.base), indent=2, ensure_ascii=False))

    def _write_browser_schedules(self, outputs: Outputs):
        """What the pages' scripts load: the rules for the calendar, and for search."""
        urls, chats = self.urls, self.catalog.chats
        outputs.write(urls.SCHEDULES_JSON, export.dumps(export.schedules_json(chats, self.now)))
        outputs.write(urls.SEARCH_JSON, export.dumps(export.search_json(chats, self.now)))

    def _write_search_words(self, outputs: Outputs):
        """The words search looks in, in shards by first character."""
        urls, chats = self.urls, self.catalog.chats
        words = {slug: tuple(words_text.split()) for slug, (_, words_text) in self.exports.items()}
        for key, shard in export.search_shards(chats, words).items():
            outputs.write(urls.search_shard(key), export.dumps(shard))

