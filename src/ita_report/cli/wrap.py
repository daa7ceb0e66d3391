"""Text laid out in lines that break only where Thai may break: at spaces and between words.

rich and click wrap at spaces only; Thai has none between words, so they cut words in half
(``อยู่ระหว่างดำเนิน|การ``). Here a line may end:

- after a space (never before ``ๆ`` or ``ฯ``, which belong to the word before them);
- between two Thai words (``segment``), when ``words`` is asked for;
- after ``/`` followed by a Thai letter (``งานการเจ้าหน้าที่/งานนิติการ``).

Widths are the console's cells (rich's ``cell_len``: a vowel or tone mark above or below its
consonant takes none). A piece wider than the whole line is folded between character clusters,
the last resort. :class:`Wrapped` is that text as a rich renderable, for the cells of a table;
:func:`fit_widths` shares a table's width among its columns without going below the widest
word of any column while there is room.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import pairwise

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

_SPACES = re.compile(r"[ \t]+")
_THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
#: A line never starts with these: the repetition and abbreviation marks.
_NEVER_FIRST = frozenset("ๆฯ")


def break_offsets(text: str, *, words: bool = True) -> list[int]:
    """Where a line of ``text`` (no newline) may start, besides 0, in order."""
    offsets = {
        match.end()
        for match in _SPACES.finditer(text)
        if match.start() > 0 and match.end() < len(text)
    }
    offsets |= {
        i + 1 for i, char in enumerate(text) if char == "/" and _THAI_LETTER.match(text, i + 1)
    }
    if words:
        from ita_report.cli.segment import thai_breaks

        offsets |= set(thai_breaks(text))
    return sorted(i for i in offsets if text[i] not in _NEVER_FIRST)


@lru_cache(maxsize=4096)
def pieces(text: str, *, words: bool = True) -> tuple[tuple[int, int], ...]:
    """``text`` (no newline) cut where a line may break: (start, end), spaces at the end.

    Kept for each text: a table measures a cell's text to size its column, rich measures it
    again, then lays it out, and cutting Thai into words is the costly part of all three.
    """
    starts = [0, *break_offsets(text, words=words), len(text)]
    return tuple((start, end) for start, end in pairwise(starts) if end > start)


def _trimmed(text: str, start: int, end: int) -> int:
    """``end`` moved back over the spaces that end ``text[start:end]``."""
    while end > start and text[end - 1] in " \t":
        end -= 1
    return end


Spans = list[tuple[int, int]]
Fallback = Callable[[str, int, int, int], Spans]


def _fill(text: str, spans: Iterable[tuple[int, int]], width: int, wider: Fallback | None) -> Spans:
    """Pieces put on lines as long as they fit; a piece wider than a line goes to ``wider``."""
    lines: Spans = []
    line: tuple[int, int] | None = None
    for start, end in spans:
        stop = _trimmed(text, start, end)
        if line is not None and cell_len(text[line[0] : stop]) <= width:
            line = (line[0], stop)
            continue
        if line is not None:
            lines.append(line)
        line = (start, stop)
        if wider is not None and cell_len(text[start:stop]) > width:
            *whole, line = wider(text, start, stop, width)
            lines.extend(whole)
    if line is not None:
        lines.append(line)
    return lines


def _by_clusters(text: str, start: int, end: int, width: int) -> Spans:
    """The last resort for a piece wider than a line: cut between character clusters."""
    from ita_report.cli.segment import cluster_breaks

    cuts = [start, *(start + i for i in cluster_breaks(text[start:end])), end]
    return _fill(text, pairwise(cuts), width, None)


def _by_words(text: str, start: int, end: int, width: int) -> Spans:
    """A piece wider than a line, cut between its Thai words (then between clusters)."""
    from ita_report.cli.segment import thai_breaks

    cuts = [start, *(start + i for i in thai_breaks(text[start:end])), end]
    return _fill(text, pairwise(cuts), width, _by_clusters)


def line_spans(text: str, width: int, *, words: bool = True) -> Spans:
    """Each line of ``text`` laid out in ``width`` cells: (start, end) offsets into ``text``.

    A newline in ``text`` always ends a line; spaces at the end of a line are left out. With
    ``words`` false, lines break at spaces, and between words only inside a piece wider than
    a line (help pages: the dictionary is then loaded only for such a piece).
    """
    spans: Spans = []
    offset = 0
    for paragraph in text.split("\n"):
        found = _fill(paragraph, pieces(paragraph, words=words), width, _by_words)
        spans.extend((offset + start, offset + end) for start, end in found or [(0, 0)])
        offset += len(paragraph) + 1
    return spans


def wrap(text: str, width: int, *, words: bool = True) -> list[str]:
    """``text`` as lines of at most ``width`` cells (unless one piece is wider)."""
    return [text[start:end] for start, end in line_spans(text, width, words=words)]


def measure(text: str, *, words: bool = True) -> tuple[int, int]:
    """The narrowest a text can be laid out without cutting a piece, and its widest line."""
    narrowest = widest = 0
    for paragraph in text.split("\n"):
        widest = max(widest, cell_len(paragraph.rstrip()))
        for start, end in pieces(paragraph, words=words):
            narrowest = max(narrowest, cell_len(paragraph[start : _trimmed(paragraph, start, end)]))
    return narrowest, widest


class Wrapped:
    """A rich renderable: styled text that breaks only between words, for a table's cell."""

    def __init__(self, text: Text | str, style: str = "") -> None:
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        narrowest, widest = measure(self.text.plain)
        return Measurement(narrowest, widest).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        spans = line_spans(self.text.plain, options.max_width)
        lines = Text("\n").join(self.text[start:end] for start, end in spans)
        lines.overflow = "fold"
        yield lines


def fit_widths(ranges: Iterable[tuple[int, int]], available: int) -> list[int]:
    """Column widths within ``available`` cells, from each column's (narrowest, widest).

    Every column gets its widest line when they all fit. Otherwise each gets its narrowest
    (its widest unbreakable piece) and the cells left are shared in proportion to how much
    wider each column could be, so that the long texts get the room; when not even the
    narrowest widths fit, they are returned as they are (rich then folds).
    """
    ranges = [(min(narrowest, widest), widest) for narrowest, widest in ranges]
    if sum(widest for _, widest in ranges) <= available:
        return [widest for _, widest in ranges]
    widths = [narrowest for narrowest, _ in ranges]
    spare = available - sum(widths)
    slack = [widest - narrowest for narrowest, widest in ranges]
    if spare <= 0 or not any(slack):
        return widths
    shares = [spare * room / sum(slack) for room in slack]
    widths = [width + int(share) for width, share in zip(widths, shares, strict=True)]
    left = available - sum(widths)
    by_remainder = sorted(range(len(shares)), key=lambda i: int(shares[i]) - shares[i])
    for i in by_remainder[:left]:
        widths[i] += 1
    return widths
