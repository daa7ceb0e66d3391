"""Open any workbook file by what it is, not by what it is called.

A clerk's ``plan.xls`` may be an .xlsx renamed, a web system's "Excel export" an HTML table, and a
LibreOffice file an .ods: the first bytes say which. An OLE2 file that is not encrypted goes to
the .xls reader (Excel 97–2003), an OpenDocument zip to the .ods reader, and everything else to
the .xlsx package, whose checks say in Thai what a file that is no workbook really is.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ita_report.read.sheet import SpreadsheetFile
from ita_report.read.xlsx.package import ENCRYPTED_MARK, OLE2_MAGIC, ZIP_ERRORS, read_head
from ita_report.read.xlsx.reader import open_xlsx

#: The mimetype an OpenDocument spreadsheet (and its template) stores first in its zip.
_ODS_MIMETYPES = (
    b"application/vnd.oasis.opendocument.spreadsheet",
    b"application/vnd.oasis.opendocument.spreadsheet-template",
)


def open_spreadsheet(path: Path) -> SpreadsheetFile:
    """The reader for ``path``'s format, opened; WorkbookUnreadable when it is no workbook."""
    head = read_head(path)
    if head.startswith(OLE2_MAGIC) and ENCRYPTED_MARK not in head:
        from ita_report.read.xls import open_xls  # loads xlrd only for an .xls

        return open_xls(path)
    archive = _zip_of(path, head)
    if archive is not None:
        try:
            ods = _is_ods(archive)
        except ZIP_ERRORS:  # the .xlsx package opens the file afresh and says what is wrong
            archive.close()
            archive = None
        else:
            if ods:
                archive.close()
                from ita_report.read.ods import open_ods

                return open_ods(path)
    # The zip opened to tell the format is the .xlsx package's: its directory is read once.
    return open_xlsx(path, head=head, archive=archive)


def _zip_of(path: Path, head: bytes) -> zipfile.ZipFile | None:
    """The file opened as a zip, or None when it is none (the .xlsx package says what it is)."""
    if not head.startswith(b"PK"):
        return None
    try:
        return zipfile.ZipFile(path)
    except ZIP_ERRORS:
        return None


def _is_ods(archive: zipfile.ZipFile) -> bool:
    if "mimetype" not in archive.namelist():
        return False
    return archive.read("mimetype").strip() in _ODS_MIMETYPES
