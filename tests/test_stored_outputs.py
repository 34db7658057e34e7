"""What the notebooks' stored outputs hold, read from the committed ``.ipynb`` files (no notebook is run).

GitHub's notebook view has long dropped SVG images in notebooks while it shows
PNG, so no stored output may carry SVG in any form: an ``image/svg+xml``
output, an SVG data URI, or an inline ``<svg>`` element. Every stored image
carries its description in ``alt`` for screen readers.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from tests.paths import notebook_paths

PATHS = notebook_paths()


def _outputs(path):
    """(cell index, output) for every stored output of the notebook at ``path``."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            yield i, out


def _text(value) -> str:
    """An output's data: a string, or the list of lines nbformat may store it as."""
    return "".join(value) if isinstance(value, list) else str(value)


class _Images(HTMLParser):
    """The attributes of every ``<img>`` in some HTML."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.found.append(dict(attrs))


def images(html: str) -> list[dict]:
    """The attributes of every ``<img>`` in ``html``."""
    parser = _Images()
    parser.feed(html)
    parser.close()
    return parser.found


def svg_in(out: dict) -> list[str]:
    """Where ``out`` holds SVG: a MIME type, a data URI or an inline element (empty when none)."""
    found = []
    for mime, value in out.get("data", {}).items():
        if mime == "image/svg+xml":
            found.append("an image/svg+xml output")
            continue
        text = _text(value)
        if re.search(r"data:image/svg\+xml", text, re.IGNORECASE):
            found.append(f"an SVG data URI in {mime}")
        if mime == "text/html" and re.search(r"<svg\b", text, re.IGNORECASE):
            found.append("an inline <svg> element in text/html")
    return found


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_no_svg_anywhere_in_stored_outputs(path):
    found = [(i, where) for i, out in _outputs(path) for where in svg_in(out)]
    assert found == [], f"{path.name}: SVG in stored outputs (cell, what): {found}; store charts as PNG"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_every_stored_image_has_alt_text(path):
    missing = [
        (i, attrs.get("src", "")[:40])
        for i, out in _outputs(path)
        for attrs in images(_text(out.get("data", {}).get("text/html", "")))
        if not (attrs.get("alt") or "").strip()
    ]
    assert missing == [], f"{path.name}: <img> without alt text (cell, src): {missing}"


def test_the_stored_charts_are_png_shown_at_half_their_pixel_width():
    """Every chart image is a PNG data URI drawn at twice the width it is shown at (crisp on dense screens)."""
    import base64
    import struct

    charts = [
        attrs
        for path in PATHS
        for _, out in _outputs(path)
        for attrs in images(_text(out.get("data", {}).get("text/html", "")))
        if "explainer-chart-image" in attrs.get("class", "")
    ]
    assert len(charts) >= 10
    for attrs in charts:
        head, _, data = attrs["src"].partition(",")
        assert head == "data:image/png;base64"
        png = base64.b64decode(data)
        width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk: the image's size in pixels
        shown = int(attrs["width"]), int(attrs["height"])
        assert abs(width - 2 * shown[0]) <= 1 and abs(height - 2 * shown[1]) <= 1, (attrs["alt"][:60], shown)


def test_the_checks_see_each_kind_of_svg_and_a_missing_alt():
    """The checks above fail on what they are meant to catch (so a green run means something)."""
    assert svg_in({"data": {"image/svg+xml": "<svg/>", "text/plain": "x"}})
    assert svg_in({"data": {"text/html": '<img alt="a" src="data:image/svg+xml;base64,AAAA">'}})
    assert svg_in({"data": {"text/html": ["<div>", '<svg width="1"></svg>', "</div>"]}})
    assert svg_in({"data": {"text/markdown": "![a](data:image/svg+xml;utf8,<svg/>)"}})
    assert not svg_in({"data": {"text/html": '<img alt="a" src="data:image/png;base64,AAAA">'}})
    assert [a.get("alt") for a in images('<p><img src="x.png"><img alt=" " src="y.png"></p>')] == [None, " "]
