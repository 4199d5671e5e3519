"""The theme's scripts and stylesheet, minified as they are published.

The sources stay readable, with their comments; readers download only what
the browser needs (see the page budgets in chatcal/budgets.py).
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify_tree(directory: Path) -> None:
    for path in sorted(directory.rglob("*")):
        minify = MINIFIERS.get(path.suffix)
        if minify and path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")
