"""The words of an HTML output, for tests that pin what a formatted output says."""

from __future__ import annotations

import html
import re

_INLINE = re.compile(r"</?(?:b|i|em|strong|small|span|a|abbr|code)\b[^>]*>")


def words(markup: str) -> str:
    """The text of ``markup`` as a reader sees it, on one line.

    Inline tags (``<b>``, ``<i>``, ``<small>``...) are dropped; every other tag
    (paragraphs, list items, table cells) leaves a space. Entities are decoded
    and runs of space made one.
    """
    text = re.sub(r"<[^>]+>", " ", _INLINE.sub("", markup))
    return " ".join(html.unescape(text).split())
