"""Descriptions render the same whichever inline patterns are skipped.

`markup` skips the inline patterns whose characters a description lacks
(`INLINE_TRIGGERS`); these tests compare it with Markdown trying every pattern.
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatcal import markup
from chatcal.chatfile.frontmatter import read_chat_source
from tests.support.xss_payloads import MARKDOWN_PAYLOADS, PAYLOADS

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import generate_chats  # noqa: E402

EVERY_PATTERN = markdown.Markdown(extensions=[markup._NoRawHtml()], output_format="html")
TRICKY = [
    "plain words only",
    "a line break  \nafter two spaces", "a tab\t\nthen more", "  \n  \n",
    "`code` and \\*escaped\\* and [link](https://example.org) and <https://example.org>",
    "<someone@example.org> &amp; &#35; &nope", "*em* _em_ **strong** __strong__ ***both***",
    "[ref][1]\n\n[1]: https://example.org", "> quote  \n> more", "- item  \n  continued",
    "    code block with [brackets] and *stars*", "# Heading with `code`", "snake_case_words and 2*3*4",
]


def stock(text: str) -> str:
    return EVERY_PATTERN.reset().convert(text)


def ours(text: str) -> str:
    return markup._markdown().reset().convert(text)


def bodies(paths) -> list[str]:
    return [read_chat_source(path.read_bytes()).body for path in sorted(paths)]


@pytest.mark.parametrize("text", TRICKY + PAYLOADS + MARKDOWN_PAYLOADS)
def test_same_html_as_with_every_pattern(text):
    assert ours(text) == stock(text)


def test_same_html_for_the_directory_and_synthetic_descriptions(tmp_path):
    texts = bodies((ROOT / "content" / "chats").glob("*.md")) + bodies((ROOT / "tests/fixture_site").rglob("*.md"))
    texts += bodies(generate_chats(tmp_path, 300, seed=3))
    assert len(texts) > 300
    assert [ours(text) for text in texts] == [stock(text) for text in texts]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("ab \n\t*_`\\[]()<>&#;:/@!-.1h")), max_size=200))
def test_same_html_for_random_markdown(text):
    assert ours(text) == stock(text)


def test_patterns_a_description_cannot_use_are_skipped():
    ours("Just words, with no markup at all.")
    used = markup._markdown().treeprocessors["inline"].inlinePatterns
    assert "link" not in used and "em_strong" not in used
    ours("A [link](https://example.org) and *emphasis*.")
    used = markup._markdown().treeprocessors["inline"].inlinePatterns
    assert "link" in used and "em_strong" in used and "backtick" not in used
