"""What a build hands the Pelican plugin: its objects, made once, in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from chatcal.build.cache import BuildCache
from chatcal.build.outputs import Outputs
from chatcal.chatfile.catalog import Catalog
from chatcal.urls import SiteUrls


@dataclass(frozen=True)
class BuildContext:
    """The checked catalog, the build's clock, the cache, where files go, the site's URLs,
    and what the last liveness run found (slug -> record of content/liveness.json)."""

    catalog: Catalog
    now: dt.datetime
    cache: BuildCache
    outputs: Outputs
    urls: SiteUrls
    liveness: Mapping[str, dict] = field(default_factory=dict)


# The Pelican setting that carries the build's context to the plugin.
SETTING = "CHATCAL_BUILD"
