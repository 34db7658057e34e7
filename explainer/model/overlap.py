"""Long runs of words that two texts share: how the class summary makes copying visible.

A written position that shares a run of eight words or more with a model
answer, a rubric example or another student's position is worth a teacher's
look. Words inside quotation marks are left out on both sides: students who
quote the same speaker from the same source share those words honestly, and a
run does not continue across a quotation. Case, punctuation and the kind of
apostrophe or dash do not matter, so a copy with a changed comma is still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

#: The shortest run of shared words that is flagged (issue #20: "8 words or more").
MIN_WORDS = 8

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
#: Opening and closing quotation marks; a straight double quote toggles.
_OPEN, _CLOSE, _TOGGLE = "“«„", "”»", '"'


@dataclass(frozen=True)
class Overlap:
    """One run of words a text shares with another.

    Attributes
    ----------
    passage : str
        The run as it stands in the first text (its own punctuation and case).
    words : int
        How many words the run has.
    """

    passage: str
    words: int


@dataclass(frozen=True)
class CopyFlag:
    """A written position that shares a long run with another text.

    Attributes
    ----------
    author : str
        Whose text it is (a student's name or id).
    other : str
        The text it shares the run with: another student, or a model answer's or rubric example's id.
    overlap : Overlap
        The longest run the two share.
    """

    author: str
    other: str
    overlap: Overlap


def _segments(text: str) -> list[list[tuple[str, int, int]]]:
    """The text's words outside quotation marks, as runs that a quotation or paragraph break ends.

    Each word is ``(normalised word, start, end)`` with its place in ``text``.
    """
    segments, current, quoted, pos = [], [], False, 0
    marks = re.compile(rf"[{_OPEN}{_CLOSE}{_TOGGLE}]|\n\s*\n")
    for piece in [*marks.finditer(text), None]:
        stop = piece.start() if piece else len(text)
        if not quoted:
            for m in _WORD.finditer(text, pos, stop):
                current.append((m.group().lower().replace("’", "'"), m.start(), m.end()))
        if piece is None:
            break
        mark = piece.group()
        if mark in _OPEN:
            quoted = True
        elif mark in _CLOSE:
            quoted = False
        elif mark == _TOGGLE:
            quoted = not quoted
        else:  # a blank line: a quotation left open does not run on into the next paragraph
            quoted = False
        if current:
            segments.append(current)
            current = []
        pos = piece.end()
    if current:
        segments.append(current)
    return segments


def _grams(segments, n: int) -> set[tuple[str, ...]]:
    return {tuple(w for w, _, _ in seg[i : i + n]) for seg in segments for i in range(len(seg) - n + 1)}


def shared_runs(text: str, other: str, min_words: int = MIN_WORDS) -> list[Overlap]:
    """The runs of at least ``min_words`` words that ``text`` shares with ``other``, longest first.

    Parameters
    ----------
    text, other : str
        Two pieces of writing. Words in quotation marks are left out of both.
    min_words : int
        The shortest run reported.

    Returns
    -------
    list of Overlap
        Each maximal run once, as it stands in ``text``.
    """
    theirs = _grams(_segments(other), min_words)
    runs = []
    for seg in _segments(text):
        hit = [tuple(w for w, _, _ in seg[i : i + min_words]) in theirs for i in range(len(seg) - min_words + 1)]
        i = 0
        while i < len(hit):
            if not hit[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(hit) and hit[j + 1]:
                j += 1
            first, last = seg[i], seg[j + min_words - 1]
            runs.append(Overlap(text[first[1] : last[2]], j - i + min_words))
            i = j + 1
    return sorted(runs, key=lambda r: -r.words)


def copy_flags(positions: dict[str, str], references: dict[str, str], min_words: int = MIN_WORDS) -> list[CopyFlag]:
    """Every position sharing a run of ``min_words`` words or more with a reference text or another position.

    Parameters
    ----------
    positions : dict
        ``{author: text}``: the students' written positions.
    references : dict
        ``{id: text}``: the model answers and rubric examples they must not copy.
    min_words : int
        The shortest run flagged.

    Returns
    -------
    list of CopyFlag
        One flag per pair, with the longest run the two share: first each position against the
        references, then each pair of positions once, under the first of the two.
    """
    flags = []
    for author, text in positions.items():
        for ref_id, ref in references.items():
            if runs := shared_runs(text, ref, min_words):
                flags.append(CopyFlag(author, ref_id, runs[0]))
    for (a, text_a), (b, text_b) in combinations(positions.items(), 2):
        if runs := shared_runs(text_a, text_b, min_words):
            flags.append(CopyFlag(a, b, runs[0]))
    return flags
