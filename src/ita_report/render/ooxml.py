"""WordprocessingML names used by the passes over a rendered part."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    """``w(\"p\")`` → the Clark name ``{…/main}p`` lxml uses."""
    return f"{{{W_NS}}}{tag}"


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
