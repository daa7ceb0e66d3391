"""The .xlsx (and .xlsm) format: the zip checked, its workbook-wide parts, each sheet streamed.

``package`` refuses what is no sane .xlsx before anything parses it, ``parts`` reads the shared
strings and the number formats once, and ``scan`` streams one sheet into a
:class:`~ita_report.read.sheet.Grid` in bounded memory.
"""
