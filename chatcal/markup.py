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


# Characters without which an inline pattern cannot match: each of its
# expressions needs one of them. Markdown tries every pattern on every piece
# of text, which is most of a description's rendering time.
INLINE_TRIGGERS = {
    "backtick": ("`",), "escape": ("\\",),
    "reference": ("[",), "link": ("[",), "short_reference": ("[",),
    "autolink": ("<",), "automail": ("<",),
    "linebreak": ("  \n",), "entity": ("&",), "em_strong": ("*", "_"),
}


class _PatternsInUse(markdown.Extension):
    """Inline patterns are tried only on descriptions that hold their characters.

    The same HTML, about an eighth faster (tests/test_markup.py checks the former).
    """

    def extendMarkdown(self, md):
        # After normalize_whitespace (30): it may turn tabs into the spaces of a line break.
        md.preprocessors.register(_ChoosePatterns(md), "choose_inline_patterns", 5)


class _ChoosePatterns(markdown.preprocessors.Preprocessor):
    def __init__(self, md):
        super().__init__(md)
        self._registries: dict[frozenset, markdown.util.Registry] = {}

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        patterns = self.md.inlinePatterns
        unused = frozenset(name for name, triggers in INLINE_TRIGGERS.items()
                           if name in patterns and not any(t in text for t in triggers))
        if unused not in self._registries:
            chosen = patterns[:]
            for name in unused:
                chosen.deregister(name)
            self._registries[unused] = chosen
        self.md.treeprocessors["inline"].inlinePatterns = self._registries[unused]
        return lines


# Each description is rendered once per process, whoever asks (page, feed,
# JSON, search): Markdown source -> (HTML, plain text). Build workers and the
# build cache hand their results over with `remember`.
_RENDERED: dict[str, tuple[str, str]] = {}


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[_NoRawHtml(), _PatternsInUse()], output_format="html")


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
