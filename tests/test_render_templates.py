"""The default templates: shipped, reproducible, editable, and saying what the context says."""

from __future__ import annotations

import importlib.util
import io
import sys
from importlib import resources
from pathlib import Path
from types import ModuleType

import docx
import pytest

from ita_report.render import (
    DEFAULT_TEMPLATES,
    RenderOptions,
    ReportKind,
    build_context,
    default_templates,
)
from ita_report.thai import to_thai_digits
from tests.render_helpers import body_paragraphs, render, sample_plan

SCRIPT = Path(__file__).resolve().parents[1] / "templates" / "make_report_template.py"


def template_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_report_template", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", list(ReportKind))
def test_shipped_template_is_exactly_what_the_script_makes(kind: ReportKind) -> None:
    shipped = resources.files("ita_report").joinpath("templates", DEFAULT_TEMPLATES[kind])
    assert template_script().build(kind) == shipped.read_bytes()


def test_export_gives_both_templates_as_word_documents_with_their_tags() -> None:
    templates = default_templates()
    assert set(templates) == {"report.docx", "plan.docx"}
    for name, data in templates.items():
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert "{{ agency_line }}" in text
        assert "{%p if signer %}" in text
        table = docx.Document(io.BytesIO(data)).tables[0]
        assert table.cell(1, 0).text == "{%tr for row in rows %}"
        assert "{% vmerge row.merge %}{{ row.measure.label }}" in table.cell(2, 0).text
        assert len(table.columns) == (6 if name == "report.docx" else 4)


@pytest.mark.parametrize("kind", list(ReportKind))
def test_template_wording_is_the_context_wording(kind: ReportKind) -> None:
    context = build_context(sample_plan(), RenderOptions(kind=kind))
    paragraphs = body_paragraphs(render(kind=kind))
    assert paragraphs[0].replace("\n", " ") == to_thai_digits(context["title"])
    assert paragraphs[2:4] == [to_thai_digits(text) for text in context["intro"]]
    assert to_thai_digits(context["summary_text"]) in paragraphs
