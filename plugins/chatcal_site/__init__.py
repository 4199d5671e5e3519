"""Pelican glue: chats are their own content type, with their own generator.

Everything the site says about chats is computed by the `chatcal` package.
A build (`chatcal.build.build_site`) checks the chats first and hands this
plugin its objects as one `BuildContext`; the plugin sets up the templates'
context and hands `SiteWriter` a way to render them.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from chatcal.build import BuildContext, SiteWriter
from chatcal.build.context import SETTING
from chatcal.chatfile.format import PLATFORM_NAMES
from chatcal.schedule.tz import TZDATA_VERSION
from chatcal.schedule.wording import language_name, schedule_in_words
from chatcal.site import pages
from chatcal.site.assets import minify_tree
from chatcal.site.liveness import seen_recently


class NotAChatcalBuild(Exception):
    """Pelican was run without a chatcal build: use `invoke build` (or `make build`)."""


class ChatGenerator(Generator):
    def generate_context(self):
        build: BuildContext | None = self.settings.get(SETTING)
        if build is None:
            raise NotAChatcalBuild("build the site with `invoke build` or `make build`, which check the chats first")
        self.build = build
        chats = pages.sort_for_listing(build.catalog.chats)
        self.topic_pages = pages.topics(chats, build.urls)
        self.context.update(
            chats=chats,
            topic_pages=self.topic_pages,
            urls=build.urls,
            build_now=build.now,
            schedule_in_words=schedule_in_words,
            platform_names=PLATFORM_NAMES,
            language_name=language_name,
            tzdata_version=TZDATA_VERSION,
            share_image=build.urls.absolute(build.urls.SHARE_IMAGE),
            seen_recently=seen_recently(build.liveness, build.now.date()),
        )

    def generate_output(self, writer):
        build = self.build
        SiteWriter(build.catalog, build.now, build.urls, self.settings, self._render, build.cache,
                   self.topic_pages, build.liveness).write(build.outputs)

    def _render(self, template: str, **values) -> str:
        return self.get_template(template).render({**self.context, **values})


def get_generators(pelican):
    return ChatGenerator


def minify_theme(pelican):
    # Runs once every generator, the theme's static files included, has written.
    minify_tree(Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"])


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(minify_theme)
