"""Where a line of Thai may break: between words, found in a dictionary.

Thai puts no space between words, so a console that wraps only at spaces cuts words in half
(``ขั้นตอ|นการให้บริการ``). :func:`thai_breaks` finds the words of each run of Thai letters by
dictionary matching: of every way to cut the run into words of the dictionary, the one that
leaves the fewest letters unmatched and then has the fewest words, the longer word first where
two ways tie. Letters no word matches stay together as one piece, never cut. A word may only
end where a Thai character cluster ends: never before a vowel or tone mark written above or
below, never after a leading vowel (``เ แ โ ใ ไ``), never before ``ะ า ำ ๆ ฯ``.

The dictionary (``thai_words.tis620``, about 61,000 words, 540 kB) is PyThaiNLP's
public-domain word list; ``docs/make-thai-words.py`` writes it, in runs of the words that begin
with the same two letters. It is opened the first time a Thai run has to be cut, so that commands
which print no long Thai text never pay for it, and read as it is stored: a Thai run is encoded
to the same one byte a letter (TIS-620), and a word is looked for in its run's bytes. Making a
set of all 61,000 words cost ``check`` 20 ms, more than laying out its table; unpacking the list
from zlib and decoding it, 9 ms; the runs as bytes take about 1 ms to open.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from ita_report import package_file

#: Characters of the Thai block that are letters, vowels, tone marks and digits (not ``฿``).
_THAI_RUN = re.compile("[\u0e01-\u0e3a\u0e40-\u0e5b]+")
#: Nothing may break before these: vowels and marks written above or below, the vowels that
#: follow their consonant, and the repetition and abbreviation marks.
_NO_BREAK_BEFORE = frozenset(
    "\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e45\u0e46\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e\u0e2f"
)
#: Nothing may break after a vowel written before its consonant.
_NO_BREAK_AFTER = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")


#: Letters in the dictionary's longest word: no word is looked for past this. A property of
#: ``thai_words.tis620``, kept here so that no run measures 61,000 words (a test checks it).
LONGEST_WORD = 70


#: The word list, in TIS-620 (cp874): one byte a Thai letter, so a run's offsets are its bytes'.
WORD_FILE = "thai_words.tis620"


@cache
def dictionary() -> dict[bytes, bytes]:
    """The words by the first two letters they share (one for a one-letter word), in TIS-620.

    Each run is framed by newlines, one word a line, so that ``b"\\n" + word + b"\\n" in run``
    says whether the run holds ``word``: a run is a few hundred bytes, searched faster than a set
    of its words could be made.
    """
    data = package_file("cli", WORD_FILE)
    return {run[:2]: b"\n" + run + b"\n" for run in data.split(b"\n\n")}


def is_word(word: str) -> bool:
    """Whether ``word`` (Thai letters) is in the dictionary."""
    raw = word.encode("cp874", "replace")
    return b"\n" + raw + b"\n" in dictionary().get(raw[:2], b"")


def cluster_breaks(run: str) -> list[int]:
    """The offsets inside a Thai run where one character cluster ends and the next begins."""
    return [
        i
        for i in range(1, len(run))
        if run[i] not in _NO_BREAK_BEFORE and run[i - 1] not in _NO_BREAK_AFTER
    ]


def _word_ends(raw: bytes, start: int, ends: list[int]) -> list[int]:
    """Of ``ends`` (rising), those where a word of the dictionary that begins at ``start`` ends.

    The search stops at the first piece that no word of the run begins with: no longer piece
    can be a word either, so most starts look at two or three pieces, not all 70 letters.
    """
    runs = dictionary()
    words = runs.get(raw[start : start + 2], b"")
    found = []
    for end in ends:
        if end == start + 1:  # a one-letter piece: its own run of the dictionary
            if b"\n" + raw[start:end] + b"\n" in runs.get(raw[start:end], b""):
                found.append(end)
            continue
        piece = b"\n" + raw[start:end]
        if piece not in words:
            break
        if piece + b"\n" in words:
            found.append(end)
    return found


def thai_words(run: str) -> list[str]:
    """A run of Thai letters cut into words (unmatched letters kept together as one piece)."""
    if len(run) <= 1:
        return [run] if run else []
    # One byte a letter: the offsets in ``raw`` are those in ``run``.
    raw = run.encode("cp874", "replace")
    ends = [*cluster_breaks(run), len(run)]
    size = len(run)
    # best[i]: (letters unmatched, words) for run[i:], where its first piece ends, and whether
    # that piece is a word of the dictionary.
    best: dict[int, tuple[int, int, int, bool]] = {size: (0, 0, size, True)}
    for start in reversed([0, *ends[:-1]]):
        first = bisect_right(ends, start)
        step = ends[first]
        unmatched, count, _, _ = best[step]
        choice = (unmatched + step - start, count + 1, step, False)
        last = start + LONGEST_WORD
        for end in reversed(_word_ends(raw, start, ends[first : bisect_right(ends, last)])):
            unmatched, count, _, _ = best[end]
            if (unmatched, count + 1) < choice[:2]:
                choice = (unmatched, count + 1, end, True)
        best[start] = choice
    pieces: list[str] = []
    start, known_before = 0, True
    while start < size:
        end, known = best[start][2], best[start][3]
        if not known and not known_before and pieces:
            pieces[-1] += run[start:end]  # letters no word matches stay one piece
        else:
            pieces.append(run[start:end])
        start, known_before = end, known
    return pieces


def thai_breaks(text: str) -> list[int]:
    """The offsets in ``text`` between two Thai words of one run (spaces are not counted here)."""
    offsets: list[int] = []
    for match in _THAI_RUN.finditer(text):
        at = match.start()
        for word in thai_words(match.group())[:-1]:
            at += len(word)
            offsets.append(at)
    return offsets
