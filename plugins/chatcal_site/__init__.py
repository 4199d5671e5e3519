"""Pelican glue: chats are their own content type, with their own generator.

Everything the site says about chats is computed by the `chatcal` package;
this plugin only reads the catalog, hands page data to the theme's templates
and writes the feeds and JSON next to the pages.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from markupsafe import Markup

from chatcal import export, feeds, pages, week
from chatcal.assets import minify_tree
from chatcal.heatmap import heatmap_svg
from chatcal.catalog import Catalog, load_catalog
from chatcal.format import json_schema
from chatcal.report import errors
from chatcal.links import PLATFORM_NAMES
from chatcal.newfeed import new_chats_feed
from chatcal.tz import TZDATA_VERSION
from chatcal.urls import SiteUrls
from chatcal.wording import language_name, schedule_in_words


class ChatErrors(Exception):
    """The chats have errors: nothing is generated."""


class ChatGenerator(Generator):
    def generate_context(self):
        self.catalog: Catalog = self.settings.get("CHATCAL_CATALOG") or load_catalog(
            Path(self.path) / self.settings["CHATCAL_CHATS_DIR"], Path(self.path).parent
        )
        if not self.catalog.ok:
            raise ChatErrors("\n".join(str(p) for p in errors(self.catalog.problems)))
        self.now: dt.datetime = self.settings.get("CHATCAL_NOW") or dt.datetime.now(dt.timezone.utc)
        self.urls = SiteUrls(self.settings["CHATCAL_PUBLIC_URL"].rstrip("/"))
        chats = pages.sort_for_listing(self.catalog.chats)
        self.context.update(
            chats=chats,
            topic_pages=pages.topics(chats, self.urls),
            urls=self.urls,
            build_now=self.now,
            schedule_in_words=schedule_in_words,
            platform_names=PLATFORM_NAMES,
            language_name=language_name,
            tzdata_version=TZDATA_VERSION,
        )

    def generate_output(self, writer):
        self._write_pages(writer)
        self._write_data()

    def _page(self, writer, path: str, template: str, **values):
        writer.write_file(path + "index.html" if path.endswith("/") or not path else path,
                          self.get_template(template), self.context, relative_urls=False, **values)

    def _write_pages(self, writer):
        settings = self.settings
        for chat in self.catalog.chats:
            page = pages.chat_page(chat, self.now, self.urls, settings["CHATCAL_MASTODON_INSTANCE"],
                                   settings.get("CHATCAL_EDIT_URL"), settings["CHATCAL_STALE_MONTHS"])
            self._page(writer, page.url, "chat", page=page, page_title=chat.title)
        start = week.week_start(self.now)
        for topic in self.context["topic_pages"]:
            self._page(writer, topic.url, "topic", topic=topic, page_title=topic.topic.name,
                       topic_week=week.week_grid(topic.chats, start))
        svg = heatmap_svg(week.busy_hours(self.catalog.chats, start),
                          f"Active chats per hour of the week of {start:%Y-%m-%d}, UTC")
        self._page(writer, self.urls.CALENDAR_PAGE, "calendar", page_title="Weekly calendar",
                   week=week.week_grid(self.catalog.chats, start), heatmap_svg=Markup(svg))
        self._page(writer, "topics/", "topics", page_title="Topics")
        self._page(writer, self.urls.MY_PAGE, "my", page_title="My chats")
        self._page(writer, self.urls.SEARCH_PAGE, "search", page_title="Search")
        self._page(writer, "chats/", "chats", page_title="All chats")
        self._page(writer, "", "index", page_title=None,
                   happening=pages.happening_now(self.catalog.chats, self.now),
                   soon=pages.starting_soon(self.catalog.chats, self.now),
                   newest_chats=pages.newest(self.catalog.chats))

    def _write_data(self):
        out, urls, chats = Path(self.output_path), self.urls, self.catalog.chats
        writer = feeds.FeedWriter(urls)
        files = {urls.ALL_FEED: writer.combined_feed(chats)}
        for chat in chats:
            files[urls.chat_feed(chat.slug)] = writer.chat_feed(chat)
        for topic in self.context["topic_pages"]:
            files[topic.feed_url] = writer.topic_feed(topic.topic.name, topic.topic.slug, topic.chats)
        files[urls.NEW_CHATS_FEED] = new_chats_feed(chats, urls)
        files[urls.SCHEDULES_JSON] = export.dumps(export.schedules_json(chats, self.now)).encode()
        files[urls.SEARCH_JSON] = export.dumps(export.search_json(chats, self.now)).encode()
        for key, shard in export.search_shards(chats).items():
            files[urls.search_shard(key)] = export.dumps(shard).encode()
        files[urls.CHATS_JSON] = export.dumps(export.chats_json(chats, self.now, urls)).encode()
        files[urls.SCHEMA] = json.dumps(json_schema(urls.base), indent=2, ensure_ascii=False).encode()
        for name, data in files.items():
            target = out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def get_generators(pelican):
    return ChatGenerator


def minify_theme(pelican):
    # Runs once every generator, the theme's static files included, has written.
    minify_tree(Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"])


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(minify_theme)
