"""One build of the site: check every chat, render into a staging directory, publish, keep a cache.

What tasks.py and the Pelican plugin use:

- `build_site`, `check`, `build_clock`, `print_problems`, `skip_collection_at_exit` (run.py)
- `BuildContext`, the build's objects handed to the plugin (context.py)
- `SiteWriter`, every file of the site (site_writer.py)
- `WarmCache`, the build cache kept in memory by a process that rebuilds (warm.py)
"""

from chatcal.build.context import BuildContext
from chatcal.build.run import (
           build_clock,
           build_site,
           check,
           print_problems,
           skip_collection_at_exit,
)
from chatcal.build.site_writer import SiteWriter
from chatcal.build.warm import WarmCache

__all__ = ["BuildContext", "SiteWriter", "WarmCache", "build_clock", "build_site", "check", "print_problems",
           "skip_collection_at_exit"]
