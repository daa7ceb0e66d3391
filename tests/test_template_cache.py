"""The default templates' compiled form, kept between runs: used when it may be, never when not.

A kept form is planted by hand in some tests: compiled from an *edited* template but stored
under the key of the real one. A report that shows the edit proves the cache was used; one
that does not proves it was passed over. Every other test compares report bytes.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import Result

import ita_report
from ita_report.render import (
    RenderOptions,
    ReportKind,
    ReportRenderer,
    cache,
    compiler,
    default_template,
)
from ita_report.render import renderer as renderer_module
from ita_report.render.environment import make_environment
from tests.render_helpers import all_text, edited_default, sample_plan
from tests.workbook_helpers import EXAMPLE

ORIGINAL = "ดังต่อไปนี้"
PLANTED = "ข้อความจากแคช"


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # reports compared across a second
    yield folder


def fresh_render(template: Path | None = None, kind: ReportKind = ReportKind.RESULTS) -> bytes:
    """A report from a new renderer: what a new process makes, the cache its only memory."""
    return ReportRenderer().render(sample_plan(), RenderOptions(kind=kind, template=template))


def plant(under: bytes, edited: bytes, name: str = "report.docx") -> None:
    """Keep the compiled form of ``edited`` as if it had been compiled from ``under``."""
    compiled = compiler.compile_template(edited, make_environment(), None)
    cache.store(name, cache.template_key(under), compiler._kept_form(compiled))


def edited_bytes(tmp_path: Path, new: str = PLANTED) -> bytes:
    return edited_default(tmp_path, ORIGINAL, new).read_bytes()


# --- the kept form is used, and gives the very same report ------------------------------------


def test_a_report_from_the_kept_form_is_the_same_report(cache_dir: Path) -> None:
    cold = fresh_render()
    assert (cache_dir / "report.docx.compiled").exists()
    warm = fresh_render()
    for kind in ReportKind:
        assert fresh_render(kind=kind) == fresh_render(kind=kind)
    assert warm == cold


def test_the_same_report_without_any_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    with_cache = fresh_render()
    monkeypatch.setenv(cache.CACHE_DIR_ENV, "")
    assert fresh_render() == with_cache


def test_the_kept_form_is_what_a_run_uses(tmp_path: Path) -> None:
    plant(default_template(ReportKind.RESULTS), edited_bytes(tmp_path))
    assert PLANTED in all_text(fresh_render())


def test_a_build_with_a_kept_form_loads_neither_docxtpl_nor_python_docx(cache_dir: Path) -> None:
    code = (
        "import sys\n"
        "from ita_report.cli import app\n"
        f"try:\n    app(['build', {str(EXAMPLE)!r}, '-o', sys.argv[1]])\n"
        "except SystemExit as done:\n    assert not done.code, done.code\n"
        "print('LOADED', sorted(m for m in ('docx', 'docxtpl') if m in sys.modules))\n"
    )
    env = {"PATH": "", cache.CACHE_DIR_ENV: str(cache_dir), "SOURCE_DATE_EPOCH": "1"}

    def build(output: Path) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code, str(output)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=120,
            check=True,
        )
        return done.stdout.splitlines()[-1]

    assert build(cache_dir.parent / "first.docx") == "LOADED ['docx', 'docxtpl']"
    assert build(cache_dir.parent / "second.docx") == "LOADED []"
    assert (cache_dir.parent / "first.docx").read_bytes() == (
        cache_dir.parent / "second.docx"
    ).read_bytes()


# --- when it must not be used -----------------------------------------------------------------


def test_another_template_is_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The default template changed (a new release, a packager's patch): the kept form is stale."""
    plant(default_template(ReportKind.RESULTS), edited_bytes(tmp_path))
    changed = edited_bytes(tmp_path, "ตามรายการต่อไปนี้")
    monkeypatch.setattr(renderer_module, "default_template", lambda kind: changed)

    text = all_text(fresh_render())

    assert "ตามรายการต่อไปนี้" in text
    assert PLANTED not in text


def test_another_version_of_ita_report_compiles_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ita_report, "__version__", "0.0.1")
    plant(default_template(ReportKind.RESULTS), edited_bytes(tmp_path))
    assert PLANTED in all_text(fresh_render())  # the same version: it is used

    monkeypatch.setattr(ita_report, "__version__", "0.0.2")
    assert PLANTED not in all_text(fresh_render())


def test_a_user_template_is_never_taken_from_the_cache(tmp_path: Path) -> None:
    """Even named report.docx like the default, even with a form kept under its own bytes."""
    mine = tmp_path / "mine" / "report.docx"
    mine.parent.mkdir()
    mine.write_bytes(edited_bytes(tmp_path, "ตามตารางของสำนักงาน"))
    plant(mine.read_bytes(), edited_bytes(tmp_path))
    plant(default_template(ReportKind.RESULTS), edited_bytes(tmp_path))

    text = all_text(fresh_render(template=mine))

    assert "ตามตารางของสำนักงาน" in text
    assert PLANTED not in text


# --- a cache that cannot help never hurts -----------------------------------------------------


def test_a_folder_that_cannot_be_made_fails_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]
) -> None:
    expected = fresh_render()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker / "cache"))

    assert fresh_render() == fresh_render() == expected
    result = cli("build", EXAMPLE, "-o", tmp_path / "plan.docx")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_a_read_only_folder_fails_nothing(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Written as the tests' user can (root writes anywhere), refused as a read-only disk would."""
    expected = fresh_render()
    for kept in cache_dir.iterdir():
        kept.unlink()

    def refuse(self: Path, data: bytes) -> int:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "write_bytes", refuse)

    assert fresh_render() == expected
    assert list(cache_dir.iterdir()) == []


def test_an_unreadable_kept_file_fails_nothing(cache_dir: Path) -> None:
    expected = fresh_render()
    kept = cache_dir / "report.docx.compiled"
    kept.unlink()
    kept.mkdir()  # reading it raises IsADirectoryError

    assert fresh_render() == expected


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # cut short
        lambda blob: blob[:-100] + bytes(b ^ 0xFF for b in blob[-100:]),  # bits flipped
        lambda blob: b"",
        lambda blob: b"PK\x03\x04" + blob,  # something else entirely
    ],
    ids=["truncated", "flipped", "empty", "foreign"],
)
def test_a_damaged_kept_file_is_ignored_and_made_again(
    cache_dir: Path, damage: Callable[[bytes], bytes]
) -> None:
    expected = fresh_render()
    kept = cache_dir / "report.docx.compiled"
    good = kept.read_bytes()
    kept.write_bytes(damage(good))

    assert fresh_render() == expected
    assert kept.read_bytes() != damage(good)
    assert cache.load("report.docx", cache.template_key(default_template(ReportKind.RESULTS)))


# --- where the cache lives --------------------------------------------------------------------


def test_the_cache_folder_of_each_platform(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.CACHE_DIR_ENV)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_folder() == tmp_path / "xdg" / "ita-report"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    assert cache.cache_folder() == tmp_path / ".cache" / "ita-report"

    monkeypatch.setattr(sys, "platform", "darwin")
    assert cache.cache_folder() == tmp_path / "Library" / "Caches" / "ita-report"

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert cache.cache_folder() == tmp_path / "Local" / "ita-report" / "Cache"
    monkeypatch.delenv("LOCALAPPDATA")
    assert cache.cache_folder() is None

    monkeypatch.setenv(cache.CACHE_DIR_ENV, "")
    assert cache.cache_folder() is None


def test_the_default_templates_are_found_without_their_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A package imported from a zip has no folder to read: importlib.resources finds them."""
    import ita_report

    expected = {kind: default_template(kind) for kind in ReportKind}
    words = ita_report.package_file("cli", "thai_words.tis620")
    monkeypatch.setattr(ita_report, "_PACKAGE_FOLDER", str(tmp_path / "nowhere"))
    assert {kind: default_template(kind) for kind in ReportKind} == expected
    assert all(data.startswith(b"PK\x03\x04") for data in expected.values())
    assert ita_report.package_file("cli", "thai_words.tis620") == words
