"""How every workbook ita-report writes is written (init's, init --from's, summary's).

- its bytes the same on every run (:func:`workbook_bytes`, :data:`FIXED_TIME`), so that a
  workbook made again from the same input is the same file;
- a text that came from a workbook or the command line kept as text (:func:`keep_as_text`).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.writer.excel import ExcelWriter

from ita_report.ooxml import write_zip

#: Fixed document time and zip entry time, so that the output bytes never change.
FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)

#: The types openpyxl gives a text it takes for something else: a formula (``=…``) or an error
#: code (``#N/A``, ``#REF!``).
_NOT_TEXT = frozenset({"f", "e"})


def keep_as_text(cell: Cell) -> Cell:
    """``cell``, a text in it kept as the text it is.

    openpyxl stores any text that starts with ``=`` as a formula and ``#N/A`` as an error: a
    method a clerk typed as ``=ประชุม…`` (Excel keeps it as text when typed after ``'``) would
    open in the summary or next year's workbook as a formula, its words lost. Every text that
    came from a workbook or the command line goes into a cell through here.
    """
    if isinstance(cell.value, str) and cell.data_type in _NOT_TEXT:
        cell.data_type = "s"
    return cell


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx bytes of ``workbook``, the same on every run.

    ``Workbook.save`` stamps the current time into the properties and every zip entry; this
    writes through openpyxl's ``ExcelWriter`` (which keeps the properties as set) and re-packs
    the zip with a fixed entry time. The first zip is stored, not compressed: ``write_zip``
    compresses every part anyway.
    """
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED)).save()
    with zipfile.ZipFile(raw) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    return write_zip(entries, date_time=FIXED_TIME.timetuple()[:6])
