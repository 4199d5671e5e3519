"""Untrusted Markdown descriptions to safe HTML and to plain text."""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3

ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "br", "hr",
                "h3", "h4", "h5", "h6"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


class _NoRawHtml(markdown.Extension):
    """Raw HTML in a description shows as text; images (other origins) become links."""

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        for name in ("image_link", "image_reference", "short_image_ref"):
            md.inlinePatterns.deregister(name)


def _renderer() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoRawHtml()], output_format="html")


@functools.lru_cache(maxsize=16384)
def description_html(text: str) -> str:
    """Markdown to HTML that can go into a page as it is.

    Remembered: pages, feeds, JSON and search all show the same description,
    and each body is rendered once.
    """
    rendered = _renderer().convert(text)
    # Headings of a description sit under the page's own h1 and h2.
    rendered = re.sub(r"<(/?)h[12]>", r"<\1h3>", rendered)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )


@functools.lru_cache(maxsize=16384)
def description_text(text: str) -> str:
    """Markdown to plain text, for calendar feeds and search."""
    rendered = description_html(text)
    rendered = re.sub(r"</(p|li|h\d|pre|blockquote)>", "\n\n", rendered)
    plain = html.unescape(nh3.clean(rendered, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", plain).strip()
