"""``{% vmerge EXPR %}``: a table cell merged down over the rows that belong together.

docxtpl's own ``{% vm %}`` merges a cell over every row of its loop, i.e. one measure cell down
the whole table. Here each row says what its cell does (``row.merge`` is ``restart`` on the
first method of a measure with several, ``continue`` on the methods below it, empty for a
measure with one method), so a measure cell covers exactly its own methods.

Before compiling, the tag becomes a processing instruction carrying the rendered value; after
rendering, :func:`apply_vmerge` turns each one into ``w:vMerge`` on its cell (python-docx puts
the element where the schema wants it, or Word calls the file damaged) and empties the cells that continue a merge, whose
text Word would hide anyway.
"""

from __future__ import annotations

import re

from lxml import etree

from ita_report.ooxml import W_P, W_PPR, W_TC, W_TCPR, W_VAL, W_VMERGE, w

PI_TARGET = "ita-vmerge"
VALUES = ("restart", "continue", "")
#: What may follow ``w:vMerge`` inside ``w:tcPr`` (schema order), to insert it in its place.
_AFTER_VMERGE = tuple(
    w(tag)
    for tag in (
        "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign",
        "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange",
    )
)  # fmt: skip
_TAG = re.compile(r"\{%-?\s*vmerge\s+((?:(?!%\}).)+?)\s*-?%\}", re.DOTALL)


class MergeError(Exception):
    """A ``{% vmerge %}`` that cannot be applied; ``str()`` says why in Thai."""


def patch_vmerge(source: str) -> str:
    """Replace each ``{% vmerge EXPR %}`` in a part's source by a marker holding EXPR's value."""
    return _TAG.sub(lambda match: f"<?{PI_TARGET} {{{{ {match.group(1)} }}}}?>", source)


def apply_vmerge(root: etree._Element) -> None:
    """Set ``w:vMerge`` on each cell that holds a marker, and remove the markers."""
    for marker in list(root.iter(etree.ProcessingInstruction)):
        if marker.target != PI_TARGET:
            continue
        value = (marker.text or "").strip()
        cell = next(marker.iterancestors(W_TC), None)
        _remove_keeping_tail(marker)
        if cell is None:
            raise MergeError("คำสั่ง {% vmerge %} ต้องอยู่ในเซลล์ของตาราง")
        if value not in VALUES:
            raise MergeError(
                f"คำสั่ง {{% vmerge %}} ได้ค่า “{value}” แต่ต้องเป็น restart, continue หรือค่าว่าง"
            )
        if value:
            _set_vmerge(cell, value)
        if value == "continue":
            _empty(cell)


def _set_vmerge(cell: etree._Element, value: str) -> None:
    # One look at the cell's properties, which the schema puts first, and one pass over their
    # children: ``find``, ``findall`` and a new element with its attribute given at once each
    # cost several times that, for every row of a report's table.
    first = cell[0] if len(cell) else None
    properties = first if first is not None and first.tag == W_TCPR else cell.find(W_TCPR)
    if properties is None:
        properties = cell.makeelement(W_TCPR, {})
        cell.insert(0, properties)
    following = None
    for child in list(properties):
        tag = child.tag
        if tag == W_VMERGE:
            properties.remove(child)
        elif following is None and tag in _AFTER_VMERGE:
            following = child
    if following is None:
        merge = etree.SubElement(properties, W_VMERGE)
    else:
        merge = properties.makeelement(W_VMERGE)
        following.addprevious(merge)
    merge.set(W_VAL, value)


def _remove_keeping_tail(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def _empty(cell: etree._Element) -> None:
    """Leave a continuing cell one empty paragraph (a cell must end in one), formatting kept."""
    keep = next(cell.iterchildren(W_P), None)
    for child in list(cell):
        if child is not keep and child.tag != W_TCPR:
            cell.remove(child)
    if keep is None:
        etree.SubElement(cell, W_P)
        return
    for child in list(keep):
        if child.tag != W_PPR:
            keep.remove(child)
