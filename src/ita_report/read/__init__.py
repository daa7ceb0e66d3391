"""Read: any workbook file → a typed :class:`~ita_report.model.Plan` and every problem found.

Nothing here prints or exits. The entry point is :func:`load`, which never raises for a bad
file: an unreadable one becomes an outcome with one error, so that a batch goes on.

- ``files``: which files a command takes (a folder stands for the workbooks under it);
- ``spreadsheet``: a file opened by what it is: ``xlsx/`` (the package checked, each sheet
  streamed), ``xls`` (Excel 97–2003, through xlrd), ``ods`` (LibreOffice);
- ``sheet``: a sheet's cells as any format gives them, addressed as ``มาตรการ!C4``;
- ``cells``: a cell's value as the text the report shows;
- ``agency``, ``layout``, ``measures``: the sheets of SPEC §1 into the model;
- ``workbook``: the whole workbook, sheets found, problems collected, the Plan made.
"""

from ita_report.read.files import NO_WORKBOOKS, Inputs, find_inputs
from ita_report.read.workbook import Loaded, load, load_workbook

__all__ = ["NO_WORKBOOKS", "Inputs", "Loaded", "find_inputs", "load", "load_workbook"]
