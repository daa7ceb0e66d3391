"""Office Open XML plumbing every layer shares: names, one safe XML parser, one zip writer.

A workbook (read) and a Word template (render) are zips of XML parts that come from users, and a
report and a blank workbook (write) are zips we make. So the namespaces are spelt once here, every
part is parsed with the same entity-free, network-free parser (a billion-laughs part is refused),
and every zip we write goes through :func:`write_zip`, with fixed timestamps, so that the same
input gives the same bytes on every run.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from typing import Any

from lxml import etree

SPREADSHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
OFFICE_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: No entities, no DTD, no network, no gigantic trees: what every parser here is built with.
SAFE_XML_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
}


def safe_parser(**extra: Any) -> etree.XMLParser:
    """A parser with :data:`SAFE_XML_OPTIONS` and ``extra`` (a ``target``, ``remove_blank_text``)."""
    return etree.XMLParser(**SAFE_XML_OPTIONS, **extra)


#: The parser for a whole part read with ``etree.fromstring``.
SAFE_PARSER = safe_parser()


def parse_or_none(data: bytes | None) -> etree._Element | None:
    """A part parsed safely, or None when it is missing or is no XML (a part we only improve)."""
    if data is None:
        return None
    try:
        return etree.fromstring(data, SAFE_PARSER)
    except etree.XMLSyntaxError:
        return None


def x(tag: str) -> str:
    """``x("row")`` → the Clark name ``{…/spreadsheetml/2006/main}row`` lxml uses."""
    return f"{{{SPREADSHEET_NS}}}{tag}"


def w(tag: str) -> str:
    """``w("p")`` → the Clark name ``{…/wordprocessingml/2006/main}p`` lxml uses."""
    return f"{{{WORD_NS}}}{tag}"


W_P = w("p")
W_PPR = w("pPr")
W_R = w("r")
W_T = w("t")
W_BR = w("br")
W_CR = w("cr")
W_TAB = w("tab")
W_TC = w("tc")
W_TCPR = w("tcPr")
W_VMERGE = w("vMerge")
W_VAL = w("val")
W_SECTPR = w("sectPr")
W_PGNUMTYPE = w("pgNumType")
W_FMT = w("fmt")

#: 1 January 1980, the earliest time a zip can record.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_zip(
    entries: Iterable[tuple[str, bytes]], *, date_time: tuple[int, ...] = ZIP_EPOCH
) -> bytes:
    """A deflated zip of ``entries`` (name, data), in their order, every entry stamped
    ``date_time`` and readable by all, so that the bytes depend on the content alone."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=date_time[:6])  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
