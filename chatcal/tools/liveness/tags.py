"""Hashtags compared as the platforms compare them: NFKC and case folding."""

from __future__ import annotations

import unicodedata


def fold_tag(tag: str) -> str:
    """The form two hashtags share when they are the same tag (`#BlogChat`, `ｂｌｏｇｃｈａｔ`)."""
    # Case folding can leave text unnormalized ("ǰ"), so normalize on both sides of it.
    bare = tag[1:] if tag.startswith("#") else tag
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", bare).casefold())


def asked_tag(tag: str) -> str:
    """The tag as sent to a server: composed and without width variants, but in its own case."""
    # Not case folded: folding turns "ß" into "ss", which a server's own normalization may not.
    bare = tag[1:] if tag.startswith("#") else tag
    return unicodedata.normalize("NFKC", bare)
