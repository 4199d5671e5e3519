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
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from chatcal import markup
from chatcal.build.cache import BuildCache, content_key
from chatcal.build.outputs import Outputs
from chatcal.chatfile.catalog import Catalog
from chatcal.chatfile.format import json_schema, session_json_schema
from chatcal.forkmap import fork_map
from chatcal.ical import feeds
from chatcal.ical.single import session_calendar
from chatcal.schedule import rules
from chatcal.schedule.tz import TZDATA_VERSION
from chatcal.site import export, links, pages, week
from chatcal.site.atom import new_chats_feed, sessions_feed
from chatcal.site.heatmap import heatmap_svg
from chatcal.site.liveness import badge_parts, seen_recently, summary_of
from chatcal.site.meta import (
    chat_summary,
    events_json_ld,
    page_meta,
    robots_txt,
    shorten,
    sitemap_xml,
)
from chatcal.site.session_pages import session_ics, session_pages
from chatcal.site.share_image import share_image_png
from chatcal.site.zones import BABEL_VERSION, zones_json
from chatcal.urls import SiteUrls

# Search engines show a few next dates of an event; more would weigh on every chat page.
EVENTS_IN_JSON_LD = 3


@dataclass(frozen=True)
class SitePage:
    """A page that is not one chat's or one topic's: one row of the site's table."""

    path: str  # the file, under the site's root
    template: str
    title: str | None  # None: the site's name alone
    description: str  # for search engines and link previews
    # What the page shows besides the theme and settings, so a rebuild knows when to keep it:
    # "theme" (nothing else), "day" (today's date), "cards" (every chat's card), "week" (cards, this week
    # and today), "now" (every build).
    made_from: str
    values: str = ""  # the SiteWriter method giving the template's other values


SITE_PAGES = (
    SitePage("index.html", "index", None, "Recurring chats under a hashtag, with their times in yours: "
             "find one, add it to your calendar, take part.", "now", "_home_values"),
    SitePage("calendar/index.html", "calendar", "Weekly calendar",
             "Every chat of the week, in your time zone.", "week", "_calendar_values"),
    SitePage("calendar/utc/index.html", "calendar_utc", "This week in UTC",
             "Every chat of the week, in UTC, for browsers without JavaScript.", "week", "_week_values"),
    SitePage("chats/index.html", "chats", "All chats", "Every chat in the directory, with when it meets.", "cards"),
    SitePage("topics/index.html", "topics", "Topics", "Chats by topic, each with its calendar feed.", "cards"),
    SitePage("feeds/index.html", "feeds", "Calendar feeds",
             "Subscribe to every chat, a topic or one chat in Google, Apple, Outlook or Thunderbird.", "cards",
             "_feeds_values"),
    SitePage("search/index.html", "search", "Search", "Find chats by name, hashtag, topic, host or language.", "theme"),
    SitePage("my/index.html", "my", "My chats", "The chats you starred, with their next sessions.", "theme"),
    # Its template's `added:` is today's date.
    SitePage("add/index.html", "add", "Add a chat", "List a recurring hashtag chat, or correct one.", "day"),
    SitePage("about/index.html", "about", "About", "What a hashtag chat is, how to join one, and what this site is.",
             "theme"),
    SitePage("404.html", "404", "Page not found", "There is no page at this address.", "theme"),
)


class SiteWriter:
    def __init__(self, catalog: Catalog, now: dt.datetime, urls: SiteUrls, settings: dict,
                 render: Callable[..., str], cache: BuildCache, topic_pages: list[pages.TopicPage],
                 liveness: Mapping[str, dict] | None = None):
        self.catalog, self.now, self.urls, self.settings = catalog, now, urls, settings
        self.liveness = liveness or {}
        self._render, self.cache, self.topic_pages = render, cache, topic_pages
        self.listed = pages.sort_for_listing(catalog.chats)
        self.cards = dict(cache.cards)
        self.page_keys = dict(cache.page_keys)
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
        # edit. The open data goes to this process, whose memos (each chat's next sessions)
        # outlive the build; in a worker they would end with it. Whether a file is kept is
        # decided here: an answer given in a worker would be lost.
        jobs = [lambda: self._write_feeds_and_open_data(outputs, feed_writer), lambda: self._write_search_words(outputs),
                lambda: self._write_browser_schedules(outputs), self._listings_to_make(outputs),
                *self._topics_to_make(outputs, feed_writer), self._site_files_to_make(outputs)]
        fork_map(lambda job: job(), jobs, min_items=1)
        chats = self.catalog.chats
        self.cache.files = self.catalog.files
        self.cache.sessions = self.catalog.attached
        self.cache.descriptions = {c.description: markup.rendered(c.description) for c in chats}
        self.cache.events = {self.catalog.digest(c): feed_writer.events(c) for c in chats}
        self.cache.zones = feed_writer.made_zones
        self.cache.cards = {self.catalog.digest(c): self.card_key(c) for c in chats}
        self.cache.page_keys = {d: self.page_keys[d] for d in map(self.catalog.digest, chats) if d in self.page_keys}
        self.cache.exports = {self.catalog.digest(c): self.exports[c.slug] for c in chats}

    def card_key(self, chat) -> str:
        """A key of what the chat's card in listings (`chat_list` in the theme) shows, remembered by
        file digest across builds."""
        digest = self.catalog.digest(chat)
        if digest not in self.cards:
            # `added` and where session files put sessions too: week grids show sessions.
            moved = [(f.date, f.entry, f.status, f.start, f.duration, f.extra) for f in chat.sessions
                     if f.cancelled or f.start or f.duration or f.extra]
            self.cards[digest] = content_key(chat.slug, chat.title, chat.status, chat.hashtag, chat.schedule,
                                             chat.topics, chat.added, moved)
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
            sessions_are_new = self._sessions_are_new(outputs, chat)
            if (page_is_new or feed_is_new or sessions_are_new or chat.slug not in known_events
                    or chat.slug not in self.exports or chat.description not in self.cache.descriptions):
                work.append((chat, page_is_new, feed_is_new, sessions_are_new))
        made = fork_map(lambda item: self._make_chat(outputs, feed_writer, *item), work)
        for (chat, *_), (page_key, description, events, exported) in zip(work, made):
            if page_key:
                outputs.record(self._page_name(chat), page_key[3])
                self.page_keys[self.catalog.digest(chat)] = page_key
            markup.remember({chat.description: description})
            feed_writer.made_events[chat.slug] = events
            self.exports[chat.slug] = exported
        return feed_writer

    def _page_name(self, chat) -> str:
        return self.urls.chat_page(chat.slug) + "index.html"

    def _page_key(self, chat) -> str:
        """The key of the chat's page: its files, what it shows that changes with time, its liveness badge."""
        return self._page_key_while(chat)[3]

    def _page_key_while(self, chat) -> tuple:
        """(liveness badge, from, until, page key): the key holds while now is in [from, until).
        Remembered: working it out for 5,000 chats was a tenth of a rebuild."""
        digest, now = self.catalog.digest(chat), self.now
        badge = badge_parts(self.liveness.get(chat.slug) or {})
        known = self.page_keys.get(digest)
        if known and known[0] == badge and known[1] <= now < known[2]:
            return known
        moment = pages.chat_page_moment(chat, now, self.settings["CHATCAL_STALE_MONTHS"])
        known = self.page_keys[digest] = (badge, now, pages.chat_page_moment_lasts(chat, now),
                                          content_key(digest, [*moment, badge]))
        return known

    def _sessions_are_new(self, outputs: Outputs, chat) -> bool:
        """Whether the pages of the chat's session files must be made; they are made from the chat's files alone."""
        if not chat.sessions:
            return False
        digest = self.catalog.digest(chat)
        names = [name for session in rules.archive(chat)
                 for name in [session.page + "index.html"] + ([] if session.file.cancelled else [session_ics(session.page)])]
        return not outputs.reuse_all(names, digest)

    def _make_sessions(self, outputs: Outputs, chat) -> None:
        for page in session_pages(chat, self.urls):
            file = page.session.file
            summary = f"{page.when}. " + (file.note + ". " if file.note else "") + markup.description_text(file.questions)
            meta = page_meta(self.urls, page.url, page.share_title, summary, "article")
            outputs.write(page.url + "index.html", self._render("session", page=page, chat=chat,
                                                               page_title=page.heading, meta=meta))
            if not file.cancelled:
                outputs.write(page.ics_url, session_calendar(chat, page.session, self.urls))

    def _make_chat(self, outputs: Outputs, feed_writer: feeds.FeedWriter, chat, page_is_new: bool, feed_is_new: bool,
                   sessions_are_new: bool = False):
        """Runs in a build worker: writes what is new; returns (`_page_key_while`, description, events,
        (chats.json fields, search words))."""
        page_key = None
        if page_is_new:
            settings = self.settings
            page = pages.chat_page(chat, self.now, self.urls, settings["CHATCAL_MASTODON_INSTANCE"],
                                   settings.get("CHATCAL_EDIT_URL"), settings["CHATCAL_STALE_MONTHS"])
            outputs.write(self._page_name(chat), self._render("chat", page=page, page_title=chat.title,
                                                              **self._chat_meta(chat, page)))
            page_key = self._page_key_while(chat)
        if feed_is_new:
            outputs.write(self.urls.chat_feed(chat.slug), feed_writer.chat_feed(chat))
        if sessions_are_new:
            self._make_sessions(outputs, chat)
        # The words as one text: a cache of one string per chat saves and loads far faster than of tuples.
        exported = (export.chat_fields_text(chat, self.urls), " ".join(export.description_words(chat.description)))
        return page_key, markup.rendered(chat.description), feed_writer.events(chat), exported

    def _chat_meta(self, chat, page: pages.ChatPage) -> dict:
        """What link previews and search engines read of a chat page."""
        summary = chat_summary(chat)
        description = shorten(f"{summary} {markup.description_text(chat.description)}")
        sessions = rules.upcoming(chat, self.now, EVENTS_IN_JSON_LD)
        return dict(liveness=badge_parts(self.liveness.get(chat.slug) or {}),
                    meta=page_meta(self.urls, page.url, f"#{chat.hashtag}: {chat.title}", description, "article"),
                    json_ld=Markup(events_json_ld(chat, sessions, self.urls, description)))

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
        count = f"{len(topic.chats)} chat{'s' if len(topic.chats) != 1 else ''}"
        meta = page_meta(self.urls, topic.url, f"Chats about {topic.topic.name}",
                         f"{count} about {topic.topic.name}, with their times in yours and a calendar feed.")
        outputs.write(topic.url + "index.html", self._render(
            "topic", topic=topic, page_title=topic.topic.name, topic_week=week.week_grid(topic.chats, start), meta=meta))

    def _listings_to_make(self, outputs: Outputs) -> Callable[[], None]:
        """The site's own pages (`SITE_PAGES`): each is kept while what it shows is unchanged;
        returns what makes the others."""
        start = week.week_start(self.now)
        seen = sorted(seen_recently(self.liveness, self.now.date()))  # cards show it
        cards = content_key([self.card_key(c) for c in self.listed], seen)
        keys = {"theme": "", "day": content_key(self.now.date()), "cards": cards,
                "week": content_key(cards, start, self.now.date()), "now": None}
        to_make = [page for page in SITE_PAGES
                   if keys[page.made_from] is None or not outputs.reuse(page.path, keys[page.made_from])]

        def make():
            for page in to_make:
                values = getattr(self, page.values)() if page.values else {}
                meta = page_meta(self.urls, page.path.removesuffix("index.html"), page.title or self.settings["SITENAME"],
                                 page.description)
                outputs.write(page.path, self._render(page.template, page_title=page.title, meta=meta, **values))
        return make

    def _home_values(self) -> dict:
        chats, now = self.catalog.chats, self.now
        return dict(happening=pages.happening_now(chats, now), soon=pages.starting_soon(chats, now),
                    newest_chats=pages.newest(chats))

    def _feeds_values(self) -> dict:
        return dict(all_feed_links=links.subscribe_links(self.urls.absolute(self.urls.ALL_FEED), "All chats"))

    def _calendar_values(self) -> dict:
        start = week.week_start(self.now)
        svg = heatmap_svg(week.busy_hours(self.catalog.chats, start),
                          f"Active chats per hour of the week of {start:%Y-%m-%d}, UTC")
        return dict(heatmap_svg=Markup(svg))

    def _week_values(self) -> dict:
        return dict(week=week.week_grid(self.catalog.chats, week.week_start(self.now)))

    def _write_feeds_and_open_data(self, outputs: Outputs, feed_writer: feeds.FeedWriter):
        urls, chats = self.urls, self.catalog.chats
        outputs.write(urls.ALL_FEED, feed_writer.combined_feed(chats))
        outputs.write(urls.NEW_CHATS_FEED, new_chats_feed(chats, urls))
        outputs.write(urls.SESSIONS_FEED, sessions_feed(chats, urls))
        fields = {slug: fields_text for slug, (fields_text, _) in self.exports.items()}
        seen = {slug: summary_of(record) for slug, record in self.liveness.items() if summary_of(record)}
        outputs.write(urls.CHATS_JSON, export.chats_json(chats, self.now, urls, fields, seen))
        outputs.write(urls.SCHEMA, json.dumps(json_schema(urls.base), indent=2, ensure_ascii=False))
        outputs.write(urls.SESSION_SCHEMA, json.dumps(session_json_schema(urls.base), indent=2, ensure_ascii=False))
        site_pages = [(page.path.removesuffix("index.html"), None) for page in SITE_PAGES if page.template != "404"]
        chat_pages = [(urls.chat_page(chat.slug), chat.modified) for chat in chats]
        topic_pages = [(topic.url, None) for topic in self.topic_pages]
        session_pages = [(session.page, None) for chat in chats for session in rules.archive(chat)]
        outputs.write(urls.SITEMAP, sitemap_xml(urls, site_pages + chat_pages + topic_pages + session_pages))
        outputs.write(urls.ROBOTS, robots_txt(urls))

    def _site_files_to_make(self, outputs: Outputs) -> Callable[[], None]:
        """The zones and the share picture: slow to make, rarely changed, so kept while their
        sources are the same; returns what makes them when they are not."""
        urls = self.urls
        used = sorted({entry.timezone for chat in self.catalog.chats for entry in chat.schedule})
        name, tagline = self.settings["SITENAME"], self.settings.get("SITESUBTITLE", "")
        zones_kept = outputs.reuse(urls.ZONES_JSON, content_key(TZDATA_VERSION, BABEL_VERSION, used))
        image_kept = outputs.reuse(urls.SHARE_IMAGE, content_key(name, tagline))

        def make():
            if not zones_kept:
                outputs.write(urls.ZONES_JSON, export.dumps(zones_json(set(used))))
            if not image_kept:
                outputs.write(urls.SHARE_IMAGE, share_image_png(name, tagline))
        return make

    def _write_browser_schedules(self, outputs: Outputs):
        """What the pages' scripts load: the rules for the calendar, and for search."""
        urls, chats = self.urls, self.catalog.chats
        outputs.write(urls.SCHEDULES_JSON, export.dumps(export.schedules_json(chats, self.now)))
        seen = seen_recently(self.liveness, self.now.date())
        outputs.write(urls.SEARCH_JSON, export.dumps(export.search_json(chats, self.now, seen)))

    def _write_search_words(self, outputs: Outputs):
        """The words search looks in, in shards by first character."""
        urls, chats = self.urls, self.catalog.chats
        words = {slug: tuple(words_text.split()) for slug, (_, words_text) in self.exports.items()}
        for key, shard in export.search_shards(chats, words).items():
            outputs.write(urls.search_shard(key), export.dumps(shard))

