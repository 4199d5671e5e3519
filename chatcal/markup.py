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


# Each description is rendered once per process, whoever asks (page, feed,
# JSON, search): Markdown source -> (HTML, plain text). Build workers and the
# build cache hand their results over with `remember`.
_RENDERED: dict[str, tuple[str, str]] = {}


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoRawHtml()], output_format="html")


def description_html(text: str) -> str:
    """Markdown to HTML that can go into a page as it is."""
    return rendered(text)[0]


def description_text(text: str) -> str:
    """Markdown to plain text, for calendar feeds and search."""
    return rendered(text)[1]


def rendered(text: str) -> tuple[str, str]:
    """The description as (HTML, plain text)."""
    pair = _RENDERED.get(text)
    if pair is None:
        html_text = render_html(text)
        pair = _RENDERED[text] = (html_text, _plain(html_text))
    return pair


def remember(pairs: dict[str, tuple[str, str]]) -> None:
    """Adopt descriptions rendered elsewhere: by build workers, or a previous build."""
    _RENDERED.update(pairs)


def render_html(text: str) -> str:
    rendered_html = _markdown().reset().convert(text)
    # Headings of a description sit under the page's own h1 and h2.
    rendered_html = re.sub(r"<(/?)h[12]>", r"<\1h3>", rendered_html)
    return nh3.clean(
        rendered_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )


def _plain(html_text: str) -> str:
    spaced = re.sub(r"</(p|li|h\d|pre|blockquote)>", "\n\n", html_text)
    plain = html.unescape(nh3.clean(spaced, tags=set()))
    return re.sub(r"\n{3,}", "\n\n", plain).strip()
