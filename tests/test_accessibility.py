"""Accessibility of the charts: colour-blind-safe colours, readable text, alt text from the data.

Colour-vision deficiency is simulated with the matrices of Machado, Oliveira
and Fernandes (2009), "A Physiologically-based Model for Simulation of Color
Vision Deficiency", IEEE TVCG 15(6), severity 1.0 (full dichromacy), applied
to linear RGB. Distances are CIE 1976 L*a*b* differences (Delta E).
Text contrast follows WCAG 2.1 (1.4.3, level AA): 4.5:1, or 3:1 for large text.
The contrast of text in the notebooks' widget HTML, as the browser renders
it, is checked by the browser tests (tests/browser).
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect
import itertools
import pkgutil
import re

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

import explainer.charts as charts
from explainer.charts.base import PALETTE, TEXT_COLOUR, info
from explainer.model.fields import day_text

MACHADO_2009 = {
    "protanopia": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deuteranopia": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritanopia": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
# Smallest Delta E between any two palette colours, for any simulated deficiency.
# Okabe-Ito's closest pair (bluish green / sky blue under tritanopia) is about 16.
MIN_DELTA_E = 15.0
WCAG_AA_NORMAL, WCAG_AA_LARGE = 4.5, 3.0


# --- colour maths ------------------------------------------------------------


def _linear(rgb) -> np.ndarray:
    c = np.asarray(rgb, dtype=float)[:3]
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb) -> np.ndarray:
    xyz = np.array(
        [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
    ) @ np.clip(linear_rgb, 0, 1)
    n = xyz / np.array([0.95047, 1.0, 1.08883])  # D65 white
    f = np.where(n > 216 / 24389, np.cbrt(n), (24389 / 27 * n + 16) / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def simulate(colour, deficiency: str) -> np.ndarray:
    """L*a*b* of ``colour`` as seen with ``deficiency`` (Machado et al. 2009)."""
    return _lab(np.asarray(MACHADO_2009[deficiency]) @ _linear(to_rgba(colour)))


def luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour (0-1 components)."""
    r, g, b = _linear(rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg, bg) -> float:
    """WCAG contrast ratio of two opaque colours."""
    a, b = sorted((luminance(to_rgba(fg)), luminance(to_rgba(bg))), reverse=True)
    return (a + 0.05) / (b + 0.05)


def over(top, below) -> tuple[float, float, float]:
    """``top`` (RGBA) composited over the opaque colour ``below``."""
    r, g, b, a = to_rgba(top)
    br, bg, bb, _ = to_rgba(below)
    return (r * a + br * (1 - a), g * a + bg * (1 - a), b * a + bb * (1 - a))


def test_colour_maths_against_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-fails grey
    assert np.allclose(simulate("#ffffff", "deuteranopia"), _lab(np.ones(3)), atol=1.5)  # white stays white
    # Red and green collapse for a deuteranope: that is what the simulation is for.
    normal = np.linalg.norm(_lab(_linear(to_rgba("#d62728"))) - _lab(_linear(to_rgba("#2ca02c"))))
    deutan = np.linalg.norm(simulate("#d62728", "deuteranopia") - simulate("#2ca02c", "deuteranopia"))
    assert deutan < normal / 2


# --- the palette ---------------------------------------------------------------


def test_palette_is_okabe_ito():
    assert {c.upper() for c in PALETTE} <= OKABE_ITO
    assert len(set(PALETTE)) == len(PALETTE)


@pytest.mark.parametrize("deficiency", sorted(MACHADO_2009))
def test_palette_colours_stay_apart_for_colour_blind_readers(deficiency):
    seen = {c: simulate(c, deficiency) for c in PALETTE}
    close = [
        (a, b, round(float(np.linalg.norm(seen[a] - seen[b])), 1))
        for a, b in itertools.combinations(PALETTE, 2)
        if np.linalg.norm(seen[a] - seen[b]) < MIN_DELTA_E
    ]
    assert not close, f"{deficiency}: palette colours too close (Delta E < {MIN_DELTA_E}): {close}"


# --- every chart function ------------------------------------------------------


def discovered_chart_functions():
    """Public functions in explainer.charts modules that take (content, fig=None, ...)."""
    found = []
    for module_info in pkgutil.iter_modules(charts.__path__):
        module = importlib.import_module(f"explainer.charts.{module_info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or name.startswith("_"):
                continue
            params = list(inspect.signature(fn).parameters.values())
            if len(params) >= 2 and params[0].name == "content" and params[1].name == "fig":
                found.append(fn)
    return found


CHARTS = discovered_chart_functions()


def test_every_chart_function_is_registered():
    registered = set(getattr(charts, "CHART_FUNCTIONS", ()))
    missing = [f"{f.__module__}.{f.__name__}" for f in CHARTS if f not in registered]
    assert CHARTS, "no chart functions found"
    assert not missing, f"chart functions missing from explainer.charts.CHART_FUNCTIONS: {missing}"


@pytest.fixture(scope="module")
def drawn(content):
    figures = {fn.__name__: fn(content) for fn in CHARTS}
    for fig in figures.values():
        FigureCanvasAgg(fig).draw()  # lay out, so text positions are final
    return figures


def _data_words(data) -> tuple[set[str], list[float]]:
    """Texts, dates (as written in prose) and numbers in a chart's data, and its row counts."""
    words, numbers = set(), []
    frames = data.values() if isinstance(data, dict) else [data]
    for frame in frames:
        if frame is None or not hasattr(frame, "columns"):
            continue
        numbers.append(float(len(frame)))
        for column in frame.columns:
            for value in frame[column].tolist():
                if isinstance(value, str) and len(value) >= 3:
                    words.add(value.lower())
                elif isinstance(value, dt.date):
                    words |= {day_text(value, "long").lower(), day_text(value).lower(), value.isoformat()}
                elif isinstance(value, int | float) and not isinstance(value, bool) and np.isfinite(value):
                    numbers.append(float(value))
    return words, numbers


def _mentions_a_number(text: str, numbers: list[float]) -> bool:
    shown = {float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
    return any(any(abs(n - s) <= max(0.051 * abs(n), 0.051) for s in shown) for n in numbers)


@pytest.mark.parametrize("fn", CHARTS, ids=lambda f: f.__name__)
def test_chart_has_alt_text_generated_from_its_data(fn, drawn):
    fig = drawn[fn.__name__]
    assert isinstance(fig, Figure)
    meta = info(fig)
    alt = meta.alt_text.strip()
    assert len(alt) >= 40, f"{fn.__name__}: alt text too short to describe the chart: {alt!r}"
    assert meta.title.strip() and meta.source_note.startswith(("Source", "Sources"))
    words, numbers = _data_words(meta.data)
    assert words or numbers, f"{fn.__name__}: ChartInfo.data holds no data"
    from_data = any(w in alt.lower() for w in words) or _mentions_a_number(alt, numbers)
    assert from_data, f"{fn.__name__}: the alt text mentions nothing from the chart's data: {alt!r}"


def _is_neutral_or_tint(rgba) -> bool:
    """Greys, black, white and pale tints (backgrounds, bands) carry no category."""
    lab = _lab(_linear(over(rgba, "white")))
    chroma = float(np.hypot(lab[1], lab[2]))
    return chroma < 12 or lab[0] > 85


def _mark_colours(fig) -> set[str]:
    colours = set()
    for artist in fig.findobj():
        if isinstance(artist, Patch):
            rgba = [artist.get_facecolor()]
        elif isinstance(artist, Line2D):
            rgba = [to_rgba(artist.get_color())]
        elif isinstance(artist, Collection):
            rgba = list(artist.get_facecolors()) + list(artist.get_edgecolors())
        else:
            continue
        colours |= {to_hex(c).upper() for c in rgba if to_rgba(c)[3] > 0 and not _is_neutral_or_tint(c)}
    return colours


@pytest.mark.parametrize("fn", CHARTS, ids=lambda f: f.__name__)
def test_chart_colours_come_from_the_safe_palette(fn, drawn):
    used = _mark_colours(drawn[fn.__name__])
    stray = sorted(used - {c.upper() for c in PALETTE})
    assert not stray, f"{fn.__name__} draws marks in colours outside the palette: {stray}"


@pytest.mark.parametrize("fn", CHARTS, ids=lambda f: f.__name__)
def test_chart_colour_is_never_the_only_key(fn, drawn):
    """A chart with several mark colours names its categories in words too."""
    fig = drawn[fn.__name__]
    if len(_mark_colours(fig)) < 2:
        return
    words = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and re.search(r"[A-Za-z]{3}", t.get_text())]
    has_legend = any(ax.get_legend() is not None for ax in fig.axes) or bool(fig.legends)
    labelled_ticks = any(
        any(re.search(r"[A-Za-z]{3}", t.get_text()) for t in ax.get_yticklabels() + ax.get_xticklabels())
        for ax in fig.axes
    )
    assert has_legend or labelled_ticks or len(words) > 3, f"{fn.__name__}: colours are not explained in words"


def _background(fig, text: Text, renderer):
    """The colour behind the middle of ``text``: its own box, else the topmost patch there."""
    box = text.get_bbox_patch()
    if box is not None and to_rgba(box.get_facecolor())[3] > 0:
        return over(box.get_facecolor(), "white")
    extent = text.get_window_extent(renderer)
    x, y = (extent.x0 + extent.x1) / 2, (extent.y0 + extent.y1) / 2
    layers = [fig.patch]
    for ax in fig.axes:
        if ax.bbox.contains(x, y):
            layers.append(ax.patch)
            under = [
                p
                for p in ax.patches
                if p.get_visible()
                and to_rgba(p.get_facecolor())[3] > 0
                and p.get_window_extent(renderer).contains(x, y)
            ]
            layers += sorted(under, key=lambda p: p.get_zorder())
    colour = (1.0, 1.0, 1.0)
    for layer in layers:
        colour = over(layer.get_facecolor(), colour)
    return colour


@pytest.mark.parametrize("fn", CHARTS, ids=lambda f: f.__name__)
def test_chart_text_meets_wcag_aa_contrast(fn, drawn):
    fig = drawn[fn.__name__]
    renderer = fig.canvas.get_renderer()
    failures = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip() or text.get_alpha() == 0:
            continue
        bg = _background(fig, text, renderer)
        fg = over(text.get_color(), bg)
        large = text.get_fontsize() >= 18 or (text.get_fontsize() >= 14 and text.get_fontweight() in ("bold", 700))
        need = WCAG_AA_LARGE if large else WCAG_AA_NORMAL
        ratio = contrast(fg, bg)
        if ratio < need:
            failures.append(f"{text.get_text()[:40]!r}: {to_hex(fg)} on {to_hex(bg)} = {ratio:.2f} < {need}")
    assert not failures, f"{fn.__name__}: text below WCAG AA contrast:\n" + "\n".join(failures)


def test_text_colours_of_the_chart_base_meet_wcag_aa():
    assert contrast(TEXT_COLOUR, "white") >= WCAG_AA_NORMAL
    # The source note's grey, set in charts.base.title_block.
    assert contrast("#333333", "white") >= WCAG_AA_NORMAL
