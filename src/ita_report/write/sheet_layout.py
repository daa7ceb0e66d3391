"""How the workbooks ita-report writes sit on screen and on paper: fonts, row heights, printing.

Thai at 16 pt in TH SarabunPSK needs rows far taller than a spreadsheet's default 15 pt, and
Calc does not fit the rows of an .xlsx when it opens one (Excel fits only some), so the heights
must be written. Any openpyxl worksheet can be laid out here, whoever filled it:

- :func:`use_thai_font` makes TH SarabunPSK the workbook's default font (the ``Normal`` style).
  Column widths are counted in widths of the digit ``0`` of that font, in Excel and Calc alike,
  so a width means the same room for Thai text in both programs, whatever size the font is
  drawn at on a given machine.
- :func:`fit_row_heights` writes each row's height from its text: the lines a cell wraps to are
  estimated from the text's width against the column's (:func:`text_lines`), and each line takes
  :func:`line_height`. Heights are written as Excel writes a height it fitted itself (no
  ``customHeight``), so Excel and Calc fit the row again as soon as the clerk types in it.
- :func:`set_print_layout` prints a sheet on A4 fitted to the page width, its header rows on
  every page, its title in the page header and the page number in the footer.

The estimate errs on the side of room: an extra line leaves white space, a missing one draws
the last line over the next row. Its constants were measured with LibreOffice Calc, where TH
SarabunPSK is Laksaman (the TLWG font made from it), and checked on paper by
``tests/test_workbook_print.py``; ``docs/decisions.md`` says how.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from copy import copy
from datetime import date, datetime, time

from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

#: A cell's (row, column).
Coordinate = tuple[int, int]

FONT_NAME = "TH SarabunPSK"
FONT_SIZE = 16

#: A line of TH SarabunPSK, in points per point of font size: Calc draws a line of 16 pt every
#: 26.1 pt (Laksaman's ascender and descender, 1.655 em) and 20 pt every 33.6 pt; 1.68 covers
#: both with a little to spare.
LINE_HEIGHT = 1.68
#: Room above and below the lines of a row, in points (Calc adds 1.5).
ROW_PADDING = 2.0
#: The tallest row Excel accepts, in points.
MAX_ROW_HEIGHT = 409.0

#: Advance of the digit ``0``, the unit of column widths, in em of TH SarabunPSK.
_DIGIT_EM = 0.544
#: Of a column's width, the part text cannot use (the cell's inner margins), in digits.
_CELL_MARGIN = 1.0
#: A line is not filled to the end: Thai breaks only between words, which the estimate cannot
#: see, so up to this much of each line (em; a fifth of a narrow column) is left for the word
#: that did not fit.
_WORD_SLACK = 1.0
_WORD_SLACK_SHARE = 0.2
#: Bold TH SarabunPSK is about 4 % wider.
_BOLD_WIDTH = 1.04
#: Digits of TH SarabunPSK 16 in a unit of column width where the default font is another:
#: Excel's unit for Calibri 11 (7 pixels, 5.25 pt), the narrowest a width can mean, so that
#: rows are never short (call :func:`use_thai_font` first for widths that are exact).
_OTHER_FONT_DIGITS = 5.25 / (_DIGIT_EM * FONT_SIZE)
_DEFAULT_COLUMN_WIDTH = 8.43

#: Thai vowels and tone marks written above or below a letter: they take no width.
_THAI_MARKS = "\u0e31" + "".join(map(chr, (*range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))))
_THAI_LEADING = "เแโใไ"
#: Advances in em of TH SarabunPSK by class of character, measured on Laksaman (within a few
#: per cent of each letter); any other Thai letter 0.62, Latin 0.64 (capitals) or 0.55.
_EM = {
    **dict.fromkeys(_THAI_MARKS, 0.0),
    **dict.fromkeys(_THAI_LEADING, 0.34),
    **dict.fromkeys("งราำะธวฐ", 0.50),
    **dict.fromkeys("ฌญฒณ๚๛", 0.82),
    **dict.fromkeys("๐๑๒๓๔๕๖๗๘๙", 0.68),
    **dict.fromkeys("0123456789", _DIGIT_EM),
    **dict.fromkeys("ijlftrI.,:;'!|()[]{}-\"` ", 0.30),
    **dict.fromkeys("mwMW@%…", 0.90),
}

#: Margins in inches (Excel's unit): 1.3 cm at the sides, room above and below for the page
#: header and footer.
_MARGINS = PageMargins(left=0.5, right=0.5, top=0.8, bottom=0.7, header=0.3, footer=0.3)
_HEADER_FONT = f"{FONT_NAME},Bold"
_FOOTER = "หน้า &P / &N"


def use_thai_font(workbook: Workbook, size: int = FONT_SIZE) -> Font:
    """Make TH SarabunPSK ``size`` the default font of ``workbook``; returns that font.

    Call it on a new workbook, before any cell is styled: the default is font 0 of the
    stylesheet, which unstyled cells and the ``Normal`` style (whose digit sets the width unit
    of every column) refer to. openpyxl has no public call for it.
    """
    font = Font(name=FONT_NAME, size=size)
    workbook._fonts = IndexedList([font])
    workbook._named_styles["Normal"].font = font
    return font


def line_height(size: float) -> float:
    """The height in points of one line of TH SarabunPSK at ``size`` points."""
    return LINE_HEIGHT * size


def row_height(lines: int, size: float = FONT_SIZE) -> float:
    """The height in points of a row showing ``lines`` lines of text at ``size`` points, up to
    a whole pixel (0.75 pt, as Excel stores heights)."""
    return min(MAX_ROW_HEIGHT, math.ceil((lines * line_height(size) + ROW_PADDING) / 0.75) * 0.75)


def text_lines(text: str, width: float, *, size: float = FONT_SIZE, bold: bool = False) -> int:
    """The lines ``text`` takes in a wrapping cell ``width`` digits wide (a column width).

    Each explicit line break starts a line; within a paragraph lines break at spaces and, in a
    run of Thai, between syllables, with room left for the Thai word that did not fit.
    """
    scale = size / FONT_SIZE * (_BOLD_WIDTH if bold else 1.0)
    room = (width - _CELL_MARGIN) * _DIGIT_EM / scale  # in em of the cell's font
    room = max(room - min(_WORD_SLACK, _WORD_SLACK_SHARE * room), 1.0)
    return sum(_paragraph_lines(paragraph, room) for paragraph in text.split("\n"))


def fit_row_heights(ws: Worksheet, first_row: int = 1, last_row: int | None = None) -> None:
    """Write the height of rows ``first_row`` to ``last_row`` (default: the last used row).

    A row is as tall as its tallest cell: the lines of a wrapping cell (the width of a merged
    cell is that of all its columns), one line for any other, at the cell's font size. A row
    with no text gets the height of one line, as does any row below (the sheet's default). A
    cell merged over several rows makes the last of them taller when together they are short.
    Call it again after changing cells: rows keep no memory of their text.
    """
    last = ws.max_row if last_row is None else last_row
    normal = _thai_default_size(ws)
    digits = normal / FONT_SIZE if normal else _OTHER_FONT_DIGITS
    one_line = row_height(1, normal or FONT_SIZE)
    merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
    covered = {cell for m in ws.merged_cells.ranges for cell in m.cells} - set(merged)
    heights = dict.fromkeys(range(first_row, last + 1), one_line)
    spans: list[tuple[int, int, float]] = []
    styles = _TextStyles()
    widths: dict[int, float] = {}  # a column's, in digits of the Normal font
    stop = min(last, ws.max_row)
    for key, cell in _cells_in_rows(ws, first_row, stop):
        value = cell.value
        if value is None or key in covered:
            continue
        span = merged.get(key)
        column = key[1]
        if span is not None:
            columns = range(column, span.max_col + 1)
            width = sum(_column_width(ws, each) for each in columns) * digits
        elif (known := widths.get(column)) is not None:
            width = known
        else:
            width = widths[column] = _column_width(ws, column) * digits
        height = styles.of(cell).height(value, width)
        if span is not None and span.max_row > span.min_row:
            spans.append((span.min_row, span.max_row, height))
        else:
            heights[key[0]] = max(heights[key[0]], height)
    for top, bottom, height in spans:
        rows = [row for row in range(top, bottom + 1) if row in heights]
        short = height - sum(heights[row] for row in rows)
        if rows and short > 0:
            heights[rows[-1]] = min(MAX_ROW_HEIGHT, heights[rows[-1]] + short)
    for row, height in heights.items():
        _set_fitted_height(ws, row, height)
    ws.sheet_format.defaultRowHeight = one_line
    ws.sheet_format.customHeight = True


def set_print_layout(
    ws: Worksheet, *, title: str, header_rows: str | None = None, landscape: bool = True
) -> None:
    """Print ``ws`` on A4 fitted to the page width (as many pages down as it takes).

    ``header_rows`` (``"3:3"``) are printed at the top of every page; ``title`` is the page
    header, the page number and count (``หน้า 1 / 3``) the footer.
    """
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = copy(_MARGINS)
    if header_rows:
        ws.print_title_rows = header_rows
    header = ws.oddHeader.center
    header.text, header.font, header.size = title.replace("&", "&&"), _HEADER_FONT, 14
    footer = ws.oddFooter.center
    footer.text, footer.font, footer.size = _FOOTER, FONT_NAME, 12


# --- the estimate -----------------------------------------------------------------------------


def _cells_in_rows(
    ws: Worksheet, first_row: int, last_row: int
) -> Iterator[tuple[Coordinate, Cell]]:
    """The cells of rows ``first_row`` to ``last_row`` that exist, row by row, left to right.

    ``ws.iter_rows`` would make every cell of the rows it passes, to hand back empty ones,
    most of a summary's time in this module. The sheet's own cells are sorted instead (a sheet
    filled row by row sorts in one pass). The cells ``iter_rows`` made left one trace in the
    file, the sheet's extent (``<dimension ref="A1:…">``, from column A and from ``first_row``);
    the first of them is made here so that the extent, and the workbook, stay what they were.
    """
    if first_row > last_row:
        return
    ws.cell(first_row, 1)
    cells = ws._cells
    keys = sorted(cells)
    for key in keys[bisect_left(keys, (first_row, 0)) : bisect_right(keys, (last_row + 1, 0))]:
        yield key, cells[key]


class _TextStyle:
    """What of a cell's style its height depends on, and the heights of text found in it.

    A summary repeats its texts (statuses, measures, the same figures), row after row and
    agency after agency: each text is measured once for each width it is shown at.
    """

    __slots__ = ("_heights", "bold", "size", "wrap")

    def __init__(self, size: float, bold: bool, wrap: bool) -> None:
        self.size, self.bold, self.wrap = size, bold, wrap
        self._heights: dict[tuple[str, float], float] = {}

    def height(self, value: object, width: float) -> float:
        """The height of a row showing ``value`` in a cell ``width`` digits wide."""
        text = value if type(value) is str else _shown(value)
        key = (text, width)
        height = self._heights.get(key)
        if height is None:
            if self.wrap:
                lines = text_lines(text, width, size=self.size, bold=self.bold)
            else:
                lines = text.count("\n") + 1
            height = self._heights[key] = row_height(lines, self.size)
        return height


class _TextStyles:
    """The :class:`_TextStyle` of cells, found once for each style the cells share.

    A cell's ``font`` and ``alignment`` are proxies openpyxl makes afresh on every read, and a
    summary of 1,000 agencies has 50,000 cells in a handful of styles. A cell's style array
    holds the indices of its font, alignment and the rest among the workbook's; a cell without
    one has the first of each (the defaults). The style is read from the first cell with those
    indices, which are told apart by their bytes (reading them one by one costs more).
    """

    def __init__(self) -> None:
        self._seen: dict[bytes, _TextStyle] = {}

    def of(self, cell: Cell) -> _TextStyle:
        ids = cell._style
        key = ids.tobytes() if ids is not None else b""
        style = self._seen.get(key)
        if style is None:
            font = cell.font
            style = _TextStyle(
                float(font.sz or FONT_SIZE), bool(font.b), bool(cell.alignment.wrap_text)
            )
            self._seen[key] = style
        return style


def _shown(value: object) -> str:
    """The text a value shows; a date as the widest ``d/m/yyyy``."""
    if isinstance(value, datetime | date | time):
        return "30/12/2568"
    return str(value)


def _thai_default_size(ws: Worksheet) -> float | None:
    """The size of the workbook's default font if it is TH SarabunPSK (:func:`use_thai_font`):
    a unit of column width is then a digit of it."""
    normal = ws.parent._fonts[0] if ws.parent is not None else None
    if normal is not None and normal.name == FONT_NAME and normal.sz:
        return float(normal.sz)
    return None


def _column_width(ws: Worksheet, column: int) -> float:
    dimension = ws.column_dimensions.get(get_column_letter(column))
    if dimension is not None and dimension.customWidth and dimension.width:
        return float(dimension.width)
    return float(ws.sheet_format.defaultColWidth or _DEFAULT_COLUMN_WIDTH)


def _paragraph_lines(paragraph: str, room: float) -> int:
    """Greedy line filling: a piece goes to the next line when it does not fit; a piece wider
    than a line is broken inside, as Calc and Excel do.

    A paragraph no wider than a line is one line, whatever its pieces: most cells (numbers,
    names, statuses) are, and are not cut into syllables. The filling below adds the same
    widths (the spaces between words at most), so it would find one line too; the margin only
    keeps a rounding difference in the sums from deciding otherwise.
    """
    if _text_em(paragraph) <= room - _ROUNDING:
        return 1
    lines, used = 1, 0.0
    space = _ADVANCES[" "]
    for word in paragraph.split(" "):
        for index, piece in enumerate(_syllables(word) or [""]):
            width = _text_em(piece)
            gap = space if index == 0 and used > 0 else 0.0
            if used + gap + width <= room:
                used += gap + width
                continue
            if used > 0:
                lines += 1
            while width > room:
                lines += 1
                width -= room
            used = width
    return lines


def _syllables(word: str) -> list[str]:
    """``word`` cut where a Thai syllable surely starts: before a leading vowel, after ะ or ำ
    (or ๆ ฯ), before a letter carrying ั, and between Thai and other characters."""
    return _SYLLABLE_START.split(word) if word else []


#: Where :func:`_syllables` cuts, never before the first character nor after the last: one
#: regular expression, as the estimate cuts every long cell of a summary of 1,000 agencies.
_SYLLABLE_START = re.compile(
    rf"""
    (?<=.)(?=[{_THAI_LEADING}])                 # before a leading vowel
    | (?<=[ะำๆฯ])(?=.)                          # after ะ ำ ๆ ฯ
    | (?<=[^{_THAI_LEADING}])(?=[ก-ฮ]\u0e31)     # before a letter carrying ั
    | (?<=[\u0e00-\u0e7f])(?=[^\u0e00-\u0e7f])  # from Thai to other characters
    | (?<=[^\u0e00-\u0e7f])(?=[\u0e00-\u0e7f])  # and back
    """,
    re.VERBOSE | re.DOTALL,
)


def _text_em(text: str) -> float:
    return sum(map(_ADVANCES.__getitem__, text))


def _char_em(ch: str) -> float:
    if ch in _EM:
        return _EM[ch]
    if ch.isascii() and ch.isalpha():
        return 0.64 if ch.isupper() else 0.55
    return 0.62


class _Advances(dict[str, float]):
    """Each character's advance (:func:`_char_em`), worked out once, when first met: the
    estimate looks up every character of every cell."""

    def __missing__(self, ch: str) -> float:
        self[ch] = em = _char_em(ch)
        return em


_ADVANCES = _Advances(_EM)
#: Em a sum of advances may be off by when added in another order (see _paragraph_lines).
_ROUNDING = 1e-9


def _set_fitted_height(ws: Worksheet, row: int, height: float) -> None:
    """Replace the row's dimension with a :class:`_FittedRow`, keeping its style and outline.

    A row that has none yet (most) gets only the new one, not a default made to be replaced.
    """
    old = ws.row_dimensions.get(row)
    if old is None:
        ws.row_dimensions[row] = _FittedRow(ws, index=row, ht=height)
        return
    new = _FittedRow(ws, index=row, ht=height, hidden=old.hidden, outlineLevel=old.outlineLevel)
    new._style = copy(old._style)
    ws.row_dimensions[row] = new


class _FittedRow(RowDimension):  # type: ignore[misc]  # openpyxl is untyped
    """A row whose height is written as fitted, not set by hand: without ``customHeight``,
    Excel and Calc fit the row again when its text changes, and use the height until then."""

    @property
    def customHeight(self) -> bool:
        return False
