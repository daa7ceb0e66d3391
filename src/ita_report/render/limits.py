"""A deadline and a size bound on evaluating a template, so that no template runs forever.

A template is a file a user edited. Two ``{% for %}`` loops nested inside each other over
``range(100000)`` run for hours and print gigabytes; a macro that calls itself never ends. Jinja's
sandbox stops a template reaching into the program, not running too long. So:

* **A deadline** for evaluating one report (every part of its template). When the renderer
  runs on the main thread (the CLI, and each worker process of ``build --jobs``), a timer
  interrupts the template wherever it is: ``SIGALRM`` on POSIX; on Windows, which has no
  ``SIGALRM``, a timer thread that interrupts the main thread as Ctrl+C would
  (``_thread.interrupt_main``), caught by a ``SIGINT`` handler of ours for that time which tells
  the timer from a real Ctrl+C. Everywhere (a renderer used from a thread has no timer), as a
  second guard, the deadline is checked by the sandbox at every call, attribute, item and
  intercepted operator, and by the renderer between chunks of output, which together cover
  every loop that does or prints anything.
* **A size bound** on the text one part produces (:data:`MAX_RENDERED_CHARS`), checked as the
  text is produced, so that a loop printing a character a time fails long before it fills the
  memory (Jinja would hold every piece in one list first).

The timer belongs to whoever set it: if a ``SIGALRM`` handler or timer is already in place (a
host program's), it is left alone and only the checks apply. A host's ``SIGINT`` handler, on
Windows, still hears every real Ctrl+C: ours hands those on.
"""

from __future__ import annotations

import _thread
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import FrameType

#: Characters one rendered part may hold: the document part of a 20,000-method report is about
#: 30 million; past this, a template is printing in a loop, not writing a report.
MAX_RENDERED_CHARS = 128 * 1024 * 1024
#: Output chunks between two checks of the clock (a chunk is often a single character).
CHECK_EVERY = 4096


class RenderTimeout(Exception):
    """Evaluating a template took longer than its deadline allows."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"template evaluation exceeded {seconds:g} s")
        self.seconds = seconds


@dataclass
class Deadline:
    """The moment (``time.monotonic``) a template's evaluation must have ended by."""

    seconds: float
    at: float
    active: bool = True
    #: Set once a RenderTimeout has been raised for this deadline, by the timer or a check.
    expired: bool = False


_current: ContextVar[Deadline | None] = ContextVar("ita_report_render_deadline", default=None)


def check_deadline() -> None:
    """Raise RenderTimeout if the evaluation under way has run past its deadline.

    The one check of the clock: the sandbox calls it for every attribute a template reads,
    hundreds of times a report, and the output is checked through it every CHECK_EVERY chunks.
    """
    deadline = _current.get()
    if deadline is not None and deadline.active and time.monotonic() >= deadline.at:
        deadline.expired = True
        raise RenderTimeout(deadline.seconds)


@contextmanager
def deadline(seconds: float) -> Iterator[Deadline]:
    """Evaluate templates inside this block for at most ``seconds``, or RenderTimeout."""
    current = Deadline(seconds, time.monotonic() + seconds)
    token = _current.set(current)
    disarm = _arm_alarm(current)
    try:
        yield current
    finally:
        current.active = False
        if disarm is not None:
            disarm()
        _current.reset(token)


def _arm_alarm(current: Deadline) -> Callable[[], None] | None:
    """Start a timer for ``current`` where that is possible and ours to use; its disarm."""
    if threading.current_thread() is not threading.main_thread():
        return None  # signal handlers run on the main thread only
    if hasattr(signal, "setitimer"):
        return _arm_sigalrm(current)
    return _arm_interrupt(current)


def _arm_sigalrm(current: Deadline) -> Callable[[], None] | None:
    """POSIX: a ``SIGALRM`` timer, unless a host program's timer or handler is in place."""
    if signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0):
        return None  # someone else's timer is running
    previous = signal.getsignal(signal.SIGALRM)
    if previous not in (signal.SIG_DFL, signal.SIG_IGN):
        return None  # someone else handles SIGALRM

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        _expire(current)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, current.seconds)

    def disarm() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return disarm


def _arm_interrupt(current: Deadline) -> Callable[[], None] | None:
    """Windows: a timer thread that interrupts the main thread with a simulated ``SIGINT``.

    Our ``SIGINT`` handler raises RenderTimeout for the timer's interrupt and hands a real
    Ctrl+C to the handler that was there before (Python's, which raises KeyboardInterrupt).
    """
    fired = threading.Event()
    previous = signal.getsignal(signal.SIGINT)
    if previous is None:
        return None  # a handler set outside Python: not ours to replace, nor could we restore it

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        if fired.is_set():
            fired.clear()
            _expire(current)  # ours: a timeout while the template runs, else nothing
        elif callable(previous):
            previous(signum, frame)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    def fire() -> None:
        if current.active:
            fired.set()
            _thread.interrupt_main(signal.SIGINT)

    signal.signal(signal.SIGINT, on_interrupt)
    timer = threading.Timer(current.seconds, fire)
    timer.daemon = True
    timer.start()

    def disarm() -> None:
        timer.cancel()
        timer.join()  # a fire() under way has ended: its interrupt is pending or handled ...
        # ... and a pending one is handled before the handler changes (signal.signal checks
        # for pending signals first), by on_interrupt, which ignores it once inactive.
        signal.signal(signal.SIGINT, previous)

    return disarm


def _expire(current: Deadline) -> None:
    """The timer went off: stop the template, unless it has ended or a check already did.

    A check may have raised a moment before the timer went off: then the timer would land in the
    code handling that first error (Jinja rewriting its traceback), not in the template, and
    replace the error that says where the template stood.
    """
    if current.active and not current.expired:
        current.expired = True
        raise RenderTimeout(current.seconds)
