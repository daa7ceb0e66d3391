"""Office Open XML plumbing every layer shares: names, two safe XML parsers, one zip writer.

A workbook (read) and a Word template (render) are zips of XML parts that come from users, and a
report and a blank workbook (write) are zips we make. So the namespaces are spelt once here, every
part is parsed entity-free and network-free (a billion-laughs part is refused), and every zip we
write goes through :func:`write_zip`, with fixed timestamps, so that the same input gives the
same bytes on every run.

Two parsers, for two jobs: a workbook's parts are streamed once through expat
(:func:`stream_parser`), which is in the standard library, so that ``check`` never loads lxml;
a Word part is edited as a tree with lxml (:func:`parse_part`), imported on first use.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar
from xml.parsers import expat

if TYPE_CHECKING:
    from lxml import etree

_Key = TypeVar("_Key")
_Value = TypeVar("_Value")

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
    from lxml import etree

    return etree.XMLParser(**SAFE_XML_OPTIONS, **extra)


@cache
def _tree_parser() -> etree.XMLParser:
    return safe_parser()


def parse_part(data: bytes) -> etree._Element:
    """A whole part parsed safely into a tree; lxml's XMLSyntaxError when it is no XML."""
    from lxml import etree

    return etree.fromstring(data, _tree_parser())


def parse_or_none(data: bytes | None) -> etree._Element | None:
    """A part parsed safely, or None when it is missing or is no XML (a part we only improve)."""
    from lxml import etree

    if data is None:
        return None
    try:
        return parse_part(data)
    except etree.XMLSyntaxError:
        return None


#: What expat raises for a part that is not well-formed XML (a DTD raises ValueError).
XML_ERROR: type[Exception] = expat.ExpatError


def stream_parser() -> expat.XMLParserType:
    """An expat parser for streaming a part that came from a user.

    Names come as ``"namespace local"`` (:func:`stream_name`); the text between two tags comes
    in one piece, however many character references spell it; and a part with a DTD is refused
    with ValueError before any entity could be declared, let alone expanded (an undeclared
    entity is an :data:`XML_ERROR`). No part of an Office file has a DTD.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    return parser


def _refuse_dtd(*_: object) -> None:
    raise ValueError("a DTD in an Office part")


def stream_part(
    archive: zipfile.ZipFile,
    member: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    data: Callable[[str], None] | None = None,
) -> None:
    """Stream ``member`` of ``archive`` through a :func:`stream_parser` with these handlers, a
    megabyte at a time: memory follows what the handlers keep, not the part's size."""
    parser = _handled(start, end, data)
    with archive.open(member) as stream:
        while chunk := stream.read(_STREAM_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _handled(
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None,
    data: Callable[[str], None] | None,
) -> expat.XMLParserType:
    """A :func:`stream_parser` with these handlers."""
    parser = stream_parser()
    parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if data is not None:
        parser.CharacterDataHandler = data
    return parser


#: Bytes of a part fed to the parser at a time.
_STREAM_CHUNK = 1024 * 1024


def parse_bytes(
    data: bytes,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
) -> None:
    """:func:`stream_part` for a part already read whole: the same parser, the same handlers."""
    _handled(start, end, None).Parse(data, True)


#: Largest part :func:`small_part` reads whole: a workbook's own workbook.xml, relationships
#: and styles are a few kilobytes.
SMALL_PART_BYTES = 64 * 1024


def small_part(archive: zipfile.ZipFile, member: str) -> bytes | None:
    """The bytes of ``member`` if it is small (:data:`SMALL_PART_BYTES`), else None.

    For a part whose meaning is kept by its bytes (:class:`KeptByBytes`). Raises KeyError for a
    missing member and a zip error for a damaged one, as :func:`stream_part`.
    """
    if archive.getinfo(member).file_size > SMALL_PART_BYTES:
        return None
    return archive.read(member)


class KeptByBytes(Generic[_Key, _Value]):
    """What was read from small parts, kept for the process under the parts' bytes.

    The workbooks of a batch made from one template share their workbook.xml, relationships
    and styles, so what is read from them is worked out once. At most :data:`KEPT_PARTS`
    answers are kept, each from parts of :data:`SMALL_PART_BYTES` at most: a batch of unrelated
    workbooks keeps about two megabytes at worst.
    """

    def __init__(self) -> None:
        self._kept: dict[_Key, _Value] = {}

    def get(self, key: _Key, read: Callable[[], _Value]) -> _Value:
        """The answer kept under ``key``, or ``read()``'s, kept while there is room."""
        found = self._kept.get(key)
        if found is None:
            found = read()
            if len(self._kept) < KEPT_PARTS:
                self._kept[key] = found
        return found


#: Answers a :class:`KeptByBytes` keeps.
KEPT_PARTS = 16


def stream_name(namespace: str, tag: str) -> str:
    """``stream_name(SPREADSHEET_NS, "row")`` → the name :func:`stream_parser` gives that tag."""
    return f"{namespace} {tag}"


def x(tag: str) -> str:
    """``x("row")`` → a SpreadsheetML tag as :func:`stream_parser` names it."""
    return stream_name(SPREADSHEET_NS, tag)


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


class Deflated(NamedTuple):
    """A part compressed once, to be copied into many zips: a template's unchanged parts.

    A report copies most of its template unchanged (354 KB of styles alone), and compressing
    them again for every report of a batch was an eighth of the batch's time.
    """

    #: The part's length and CRC-32 uncompressed, as the zip records them.
    size: int
    crc: int
    #: The raw deflate stream, exactly as :mod:`zipfile` would have written it.
    data: bytes


def deflate(data: bytes) -> Deflated:
    """``data`` compressed as :func:`write_zip` writes every part (zlib's default level)."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return Deflated(len(data), zlib.crc32(data), compressor.compress(data) + compressor.flush())


# The zip's own records, as zipfile writes them (PKWARE's APPNOTE, sections 4.3.7, 4.3.12, 4.3.16).
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
_END_OF_CENTRAL = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate: what zipfile writes as the version made by and needed to extract
_UTF8_NAME = 0x800
#: 3 (Unix) everywhere but Windows (0), as zipfile records it: today's reports, byte for byte.
_MADE_ON = zipfile.ZipInfo().create_system
_ALL_READ = 0o644 << 16
#: Past this zipfile writes Zip64 records; :func:`write_zip` then leaves the writing to it.
_ZIP64_FROM = zipfile.ZIP64_LIMIT


def write_zip(
    entries: Iterable[tuple[str, bytes | Deflated]], *, date_time: tuple[int, ...] = ZIP_EPOCH
) -> bytes:
    """A deflated zip of ``entries`` (name, data), in their order, every entry stamped
    ``date_time`` and readable by all, so that the bytes depend on the content alone.

    An entry given as :class:`Deflated` is copied as it is. The records are the ones
    :mod:`zipfile` writes for the same entries, byte for byte (``tests/test_template_cache.py``
    compares them), so that reports stay what they were; only a zip too large for plain records
    (2 GB) is handed to zipfile itself, with its Zip64 records.
    """
    items = [(name, deflate(data) if isinstance(data, bytes) else data) for name, data in entries]
    dt = date_time[:6]
    dos_date = (dt[0] - 1980) << 9 | dt[1] << 5 | dt[2]
    dos_time = dt[3] << 11 | dt[4] << 5 | (dt[5] // 2)
    out = bytearray()
    central = bytearray()
    for name, part in items:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        offset = len(out)
        if part.size * 1.05 > _ZIP64_FROM or len(part.data) > _ZIP64_FROM or offset > _ZIP64_FROM:
            return _write_zip64(items, dt)
        record = (
            flags,
            zipfile.ZIP_DEFLATED,
            dos_time,
            dos_date,
            part.crc,
            len(part.data),
            part.size,
            len(encoded),
        )
        out += _LOCAL_HEADER.pack(b"PK\x03\x04", _VERSION, 0, *record, 0)
        out += encoded
        out += part.data
        # made by, needed, *record, then no extra field or comment, disk 0, attributes, offset
        central += _CENTRAL_HEADER.pack(
            b"PK\x01\x02", _VERSION, _MADE_ON, _VERSION, 0, *record, 0, 0, 0, 0, _ALL_READ, offset
        )
        central += encoded
    if len(items) > 0xFFFF or len(out) > _ZIP64_FROM or len(central) > _ZIP64_FROM:
        return _write_zip64(items, dt)
    count = len(items)
    end = _END_OF_CENTRAL.pack(b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
    return bytes(out + central + end)


def _write_zip64(items: list[tuple[str, Deflated]], date_time: tuple[int, ...]) -> bytes:
    """What zipfile writes for a zip past the plain records' limits (never a report)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in items:
            info = zipfile.ZipInfo(name, date_time=date_time)  # type: ignore[arg-type]
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = _ALL_READ
            archive.writestr(info, zlib.decompress(part.data, -15))
    return out.getvalue()
