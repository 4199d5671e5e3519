"""Pelican glue: chats are their own content type, with their own generator.

Everything the site says about chats is computed by the `chatcal` package;
this plugin reads the catalog, sets up the templates' context and hands
`chatcal.sitewriter` a way to render them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from chatcal import pages
from chatcal.assets import minify_tree
from chatcal.buildcache import BuildCache
from chatcal.catalog import Catalog, load_catalog
from chatcal.links import PLATFORM_NAMES
from chatcal.outputs import Outputs
from chatcal.report import errors
from chatcal.sitewriter import SiteWriter
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
        outputs = self.settings.get("CHATCAL_OUTPUTS") or Outputs(Path(self.output_path), Path(self.output_path))
        cache = self.settings.get("CHATCAL_CACHE") or BuildCache()
        SiteWriter(self.catalog, self.now, self.urls, self.settings, self._render, cache,
                   self.context["topic_pages"]).write(outputs)

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
