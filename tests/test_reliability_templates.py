"""Hostile and broken templates through ``ita-report build --template``: a clear refusal, exit 2.

A user's template runs in Jinja's sandbox (no reaching into the program), within a deadline (no
rendering forever) and a size bound; recursion, syntax errors, unknown variables and filters are
messages that quote the text around the tag. Nothing is written for a template that fails.
The render-level messages are in ``test_render_errors.py``; these tests go through the command.
"""

from __future__ import annotations

import _thread
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import Result

import ita_report.render.renderer as renderer_module
from ita_report.errors import TemplateError
from ita_report.render import RenderOptions
from ita_report.render.limits import RenderTimeout, check_deadline, deadline
from ita_report.render.options import RENDER_TIMEOUT_ENV
from tests.render_helpers import RENDERER, sample_plan, user_template

Cli = Callable[..., Result]
Make = Callable[..., Path]

ITA_REPORT = Path(sys.executable).with_name("ita-report")
NESTED_LOOP = "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
SILENT_LOOP = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
#: A loop that calls, prints and looks up nothing: only a timer can stop it.
UNSEEN_LOOP = "{% set rows = range(100000) | list %}{% for a in rows %}{% for b in rows %}{% endfor %}{% endfor %}"
RECURSION = "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}"
#: A guard, not a measurement: a stopped template ends in about a second.
GUARD = 120


def template_with(tmp_path: Path, text: str) -> Path:
    """A template a user made in Word: a heading, then a paragraph holding ``text``."""
    folder = tmp_path / "template"
    folder.mkdir(exist_ok=True)
    return user_template(folder, "รายงาน {{ agency }}", text)


def refused(result: Result, template: Path, report: Path) -> str:
    """The message of a build stopped by its template; nothing written.

    A template that does not compile stops the run before any workbook is read; one that fails
    while rendering a workbook's data fails that workbook, named before the template.
    """
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("ข้อผิดพลาด: "), result.stderr
    assert f"{template}: แม่แบบใช้ไม่ได้: " in first, result.stderr
    assert not report.exists()
    return result.stderr


# --- the sandbox -------------------------------------------------------------------------------

INJECTIONS = [
    "{{ cycler.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.system('echo owned') }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ agency.__class__.__base__.__subclasses__() }}",
    "{{ summary.__class__.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ range.__globals__ }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
    "{% set f = cycler.__init__ %}{{ f.__globals__ }}",
]


@pytest.mark.parametrize("injection", INJECTIONS)
def test_an_injection_is_refused_with_exit_2(
    cli: Cli, make_workbook: Make, tmp_path: Path, injection: str
) -> None:
    workbook = make_workbook()
    template = template_with(tmp_path, f"ก่อน {injection} หลัง")

    result = cli("build", workbook, "--template", template)

    message = refused(result, template, workbook.with_suffix(".docx"))
    assert "แม่แบบพยายามเข้าถึงส่วนภายในของโปรแกรม ซึ่งไม่อนุญาต" in message
    assert f"“ก่อน {injection} หลัง”" in message
    assert "owned" not in result.stdout


def test_text_from_the_workbook_is_never_run_as_template_code(
    cli: Cli, make_workbook: Make, tmp_path: Path
) -> None:
    from docx import Document

    code = "{{ cycler.__init__.__globals__ }} {% for i in range(9) %}x{% endfor %}"
    workbook = make_workbook(agency=(("ชื่อหน่วยงาน", code), ("ปีงบประมาณ", 2564)))

    result = cli("build", workbook, "--digits", "arabic")

    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in Document(str(workbook.with_suffix(".docx"))).paragraphs]
    assert code in paragraphs[1]


# --- templates that would run forever ------------------------------------------------------------


def run_cli(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ITA_REPORT), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **env, "COLUMNS": "300"},
        timeout=GUARD,
        check=False,
    )


@pytest.mark.parametrize("loop", [NESTED_LOOP, SILENT_LOOP], ids=["printing", "silent"])
def test_a_template_that_loops_for_hours_is_stopped_at_its_timeout(
    make_workbook: Make, tmp_path: Path, loop: str
) -> None:
    workbook = make_workbook()
    template = template_with(tmp_path, f"ตาราง {loop}")

    done = run_cli("build", workbook, "--template", template, env={RENDER_TIMEOUT_ENV: "1"})

    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"ข้อผิดพลาด: {workbook}: {template}: แม่แบบใช้ไม่ได้: "), done.stderr
    assert "แม่แบบใช้เวลานานเกิน 1 วินาที" in done.stderr
    assert f"ที่ข้อความ “ตาราง {loop}”" in done.stderr
    assert "ตรวจคำสั่งวนซ้ำ {% for %} ในแม่แบบ" in done.stderr
    assert RENDER_TIMEOUT_ENV in done.stderr  # how to allow more time if the template is right
    assert not workbook.with_suffix(".docx").exists()


def test_worker_processes_stop_a_looping_template_too(make_workbook: Make, tmp_path: Path) -> None:
    first = make_workbook("a.xlsx")
    second = make_workbook("b.xlsx")
    template = template_with(tmp_path, NESTED_LOOP)

    done = run_cli(
        "build", first, second, "--jobs", "2", "--template", template, env={RENDER_TIMEOUT_ENV: "1"}
    )

    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    # The first workbook to time out is named; the run stops there (one timeout, not one each).
    assert f"{template}: แม่แบบใช้ไม่ได้: แม่แบบใช้เวลานานเกิน 1 วินาที" in done.stderr
    timeouts = [
        line
        for line in done.stderr.splitlines()
        if line.startswith("ข้อผิดพลาด:") and "แม่แบบใช้เวลานานเกิน" in line
    ]
    assert 1 <= len(timeouts) <= 2  # at most the two workbooks already running
    assert list(tmp_path.glob("*.docx")) == []


def render_in_a_thread(options: RenderOptions) -> TemplateError:
    """Render off the main thread, where no timer can be used; the test fails if it never ends."""
    caught: list[BaseException] = []

    def run() -> None:
        try:
            RENDERER.render(sample_plan(), options)
        except BaseException as error:
            caught.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(GUARD)
    assert not worker.is_alive(), "the template was not stopped"
    (error,) = caught
    assert isinstance(error, TemplateError), error
    return error


@pytest.mark.parametrize("loop", [NESTED_LOOP, SILENT_LOOP], ids=["printing", "silent"])
def test_the_timeout_holds_off_the_main_thread(tmp_path: Path, loop: str) -> None:
    template = template_with(tmp_path, loop)
    error = render_in_a_thread(RenderOptions(template=template, timeout=0.5))
    assert error.path == template
    assert "แม่แบบใช้เวลานานเกิน 0.5 วินาที" in error.message
    assert f"“{loop}”" in error.message


def test_the_timer_is_put_back_as_it_was(tmp_path: Path) -> None:
    before = signal.getsignal(signal.SIGALRM)
    template = template_with(tmp_path, NESTED_LOOP)
    with pytest.raises(TemplateError, match="นานเกิน"):
        render_on_the_main_thread(template)
    RENDERER.render(sample_plan())  # and after a report that renders in time
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_host_programs_own_alarm_handler_is_left_alone(tmp_path: Path) -> None:
    calls: list[int] = []

    def host_handler(signum: int, frame: FrameType | None) -> None:
        calls.append(signum)

    previous = signal.signal(signal.SIGALRM, host_handler)
    try:
        template = template_with(tmp_path, NESTED_LOOP)
        with pytest.raises(TemplateError, match="นานเกิน"):  # stopped by the checks instead
            render_on_the_main_thread(template)
        assert signal.getsignal(signal.SIGALRM) is host_handler
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert calls == []


def test_an_alarm_after_a_check_has_stopped_the_template_stays_quiet() -> None:
    """A check can raise a moment before the timer goes off; the alarm must not raise again.

    Else the second error lands in the code handling the first (Jinja rewriting its traceback),
    and the message loses the template text it was running (seen on a loaded CI machine).
    """
    with deadline(GUARD) as current:
        current.at = time.monotonic() - 1  # past due, but the timer is still GUARD s away
        with pytest.raises(RenderTimeout):
            check_deadline()
        signal.raise_signal(signal.SIGALRM)  # the timer going off just after: nothing raised
        with pytest.raises(RenderTimeout):  # while every later check still stops the template
            check_deadline()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("loop", [NESTED_LOOP, UNSEEN_LOOP], ids=["printing", "unseen"])
def test_without_sigalrm_a_timer_thread_stops_the_template(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, loop: str
) -> None:
    """Windows has no SIGALRM: a timer thread interrupts the main thread instead."""
    monkeypatch.delattr(signal, "setitimer")
    monkeypatch.delattr(signal, "SIGALRM")
    before = signal.getsignal(signal.SIGINT)
    template = template_with(tmp_path, loop)
    with pytest.raises(TemplateError) as raised:
        render_on_the_main_thread(template)
    assert "แม่แบบใช้เวลานานเกิน 0.5 วินาที" in raised.value.message
    assert f"ที่ข้อความ “{loop}”" in raised.value.message
    assert signal.getsignal(signal.SIGINT) is before
    RENDERER.render(sample_plan())  # and a report that renders in time is not interrupted
    time.sleep(0.6)
    assert signal.getsignal(signal.SIGINT) is before


def test_without_sigalrm_a_real_ctrl_c_still_stops_the_program(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delattr(signal, "setitimer")
    monkeypatch.delattr(signal, "SIGALRM")
    before = signal.getsignal(signal.SIGINT)
    template = template_with(tmp_path, UNSEEN_LOOP)
    ctrl_c = threading.Timer(0.3, _thread.interrupt_main)
    ctrl_c.start()
    with pytest.raises(KeyboardInterrupt):
        RENDERER.render(sample_plan(), RenderOptions(template=template, timeout=GUARD))
    assert signal.getsignal(signal.SIGINT) is before


def render_on_the_main_thread(template: Path) -> None:
    """A render that must stop within 0.5 s; a backstop alarm fails the test if it does not."""
    # If the deadline failed, the test would hang for hours: interrupt it instead.
    guard = threading.Timer(GUARD, _thread.interrupt_main)
    guard.start()
    try:
        RENDERER.render(sample_plan(), RenderOptions(template=template, timeout=0.5))
    finally:
        guard.cancel()


# --- tags that would fill the memory in one go -------------------------------------------------

MEMORY_BOMBS = [
    "{{ 'ก' * 1000000000 }}",
    "{{ '%999999999d' % 1 }}",
    "{{ '%*d' % (999999999, 1) }}",
    "{{ '%999999999s' | format(agency) }}",
    "{{ agency.center(999999999) }}",
    "{{ agency.ljust(999999999) }}",
    "{{ '1'.zfill(999999999) }}",
    "{{ agency | center(999999999) }}",
    "{{ agency | indent(999999999, true) }}",
    "{{ '{:>999999999}'.format(agency) }}",
    "{{ '{:{w}}'.format(agency, w=999999999) }}",
    "{{ 2 ** 99999999 }}",
]


@pytest.mark.parametrize("bomb", MEMORY_BOMBS)
def test_a_tag_that_would_build_gigabytes_is_refused(tmp_path: Path, bomb: str) -> None:
    template = template_with(tmp_path, f"ก่อน {bomb} หลัง")
    with pytest.raises(TemplateError) as caught:
        RENDERER.render(sample_plan(), RenderOptions(template=template))
    assert "คำสั่งในแม่แบบสร้างข้อความหรือตัวเลขที่ใหญ่เกินไป" in caught.value.message
    assert f"“ก่อน {bomb} หลัง”" in caught.value.message


def test_padding_and_formatting_of_a_sensible_size_still_work(tmp_path: Path) -> None:
    from tests.render_helpers import body_paragraphs

    text = (
        "[{{ '%.2f' % 3.14159 }}][{{ '%5s' % 'ab' }}][{{ 'ab'.center(6) }}]"
        "[{{ '{:>4}'.format('ab') }}][{{ '%03d' | format(7) }}][{{ 'ab' | center(6) }}]"
    )
    template = template_with(tmp_path, text)
    data = RENDERER.render(sample_plan(), RenderOptions(template=template))
    assert body_paragraphs(data)[1] == "[๓.๑๔][   ab][  ab  ][  ab][๐๐๗][  ab  ]"


# --- recursion, size, syntax, unknown names ----------------------------------------------------


def test_recursion_is_a_clear_message_not_a_traceback(
    cli: Cli, make_workbook: Make, tmp_path: Path
) -> None:
    workbook = make_workbook()
    template = template_with(tmp_path, RECURSION)

    message = refused(
        cli("build", workbook, "--template", template), template, workbook.with_suffix(".docx")
    )

    assert "คำสั่งในแม่แบบเรียกตัวเองซ้ำไม่รู้จบ" in message
    assert f"“{RECURSION}”" in message


def test_a_template_printing_more_than_any_report_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(renderer_module, "MAX_RENDERED_CHARS", 1_000_000)
    text = "{% for i in range(100000) %}ข้อความยาว{% endfor %}"
    template = template_with(tmp_path, text)
    with pytest.raises(TemplateError) as caught:
        RENDERER.render(sample_plan(), RenderOptions(template=template))
    assert "คำสั่งในแม่แบบสร้างข้อความหรือตัวเลขที่ใหญ่เกินไป" in caught.value.message
    assert f"“{text}”" in caught.value.message


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("ปี {{ fiscal_yaer }}", "ไม่รู้จักตัวแปร “fiscal_yaer”"),
        ("หน่วย {{ summary.unit }}", "ไม่รู้จักชื่อ “unit” หลังจุด"),
        ("ปี {{ fiscal_year | buddhist }}", "ไม่รู้จักตัวกรอง (filter) “buddhist”"),
        ("{% if agency is thai %}ไทย{% endif %}", "ไม่รู้จักการทดสอบ (test) “thai”"),
        ("ถ้ามี {% if %} แสดง", "คำสั่งในแม่แบบเขียนไม่ถูกต้อง"),
        ("{% for x in rows %}ไม่ปิด", "มีคำสั่ง {% for %} ที่ไม่มีคำสั่งปิด {% endfor %}"),
        ("{% frobnicate %}", "ไม่รู้จักคำสั่ง “{% frobnicate %}”"),
        ("{{ agency_line }", "ไม่มี “}}” ปิดในย่อหน้าเดียวกัน"),
        ("{{ 1 / 0 }}", "คำสั่งในแม่แบบทำงานไม่สำเร็จ"),
    ],
    ids=[
        "unknown variable",
        "unknown attribute",
        "unknown filter",
        "unknown test",
        "syntax error",
        "unclosed block",
        "unknown tag",
        "unclosed tag",
        "division by zero",
    ],
)
def test_a_broken_template_says_what_and_where(
    cli: Cli, make_workbook: Make, tmp_path: Path, text: str, says: str
) -> None:
    workbook = make_workbook()
    template = template_with(tmp_path, text)

    message = refused(
        cli("build", workbook, "--template", template), template, workbook.with_suffix(".docx")
    )

    assert says in message
    assert f"“{text}”" in message  # where: the paragraph as the user sees it in Word


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "inf"])
def test_a_bad_timeout_setting_is_an_error_naming_it(
    cli: Cli, make_workbook: Make, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    workbook = make_workbook()
    monkeypatch.setenv(RENDER_TIMEOUT_ENV, value)

    result = cli("build", workbook)

    assert result.exit_code == 2, result.output
    assert f"ตัวแปร {RENDER_TIMEOUT_ENV} ต้องเป็นจำนวนวินาทีที่มากกว่า 0 เช่น 120 (พบ '{value}')" in (
        result.stderr
    )
    assert not workbook.with_suffix(".docx").exists()


def test_a_longer_timeout_setting_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(RENDER_TIMEOUT_ENV, "300")
    assert RenderOptions().timeout == 300
    monkeypatch.delenv(RENDER_TIMEOUT_ENV)
    assert RenderOptions().timeout == 60
