"""The default templates that ship inside the package, found wherever it is installed."""

from __future__ import annotations

from importlib import resources

from ita_report.render.options import ReportKind

#: The default template of each kind, in ``ita_report/templates``. Two files, because Word
#: cannot leave table columns out conditionally: the plan has four columns, the results six.
DEFAULT_TEMPLATES = {ReportKind.RESULTS: "report.docx", ReportKind.PLAN: "plan.docx"}


def default_template(kind: ReportKind) -> bytes:
    """The bytes of the default template of ``kind`` (from a wheel or a checkout alike)."""
    return resources.files("ita_report").joinpath("templates", DEFAULT_TEMPLATES[kind]).read_bytes()


def default_templates() -> dict[str, bytes]:
    """File name → bytes of every default template, for ``ita-report template export``."""
    return {name: default_template(kind) for kind, name in DEFAULT_TEMPLATES.items()}
