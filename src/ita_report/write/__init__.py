"""Write: files out — every one complete or not at all.

- ``atomic``: a file replaced all at once, with Thai messages for a full disk, a file open in
  Word, a folder without permission;
- ``pdf``: PDFs of the reports through LibreOffice;
- ``workbook`` and ``instructions``: the fill-in workbook of ``init``.
"""
