"""A report's charts drawn by a second process while this one reads the journal.

Exporting the retrospective from the shell spends about 0.4 s importing matplotlib and
0.2 s drawing its two charts, and as long again importing SQLAlchemy and reading the
quarter. `ChartWorker.start()` forks a process at the command's start that imports
matplotlib (and warms its fonts) on the machine's other core meanwhile; once the report
knows its charts it hands them over in one message, the helper draws them side by side
(one more fork each) and the pixels come back as the PDF needs them. Where there is no
fork (Windows), or the helper fails or dies, `result()` says None and the caller draws
the chart itself, as before.

Nothing here imports matplotlib: only the child does.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import struct
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the parent forks before SQLAlchemy loads: nothing heavy at the top
    from ceocto_desktop.charts.style import Style
    from ceocto_desktop.services.review.trend_types import Chart, TrendFacts

_LENGTH = struct.Struct("!Q")
# How long the report waits for the helper to say anything before drawing its charts
# itself: two charts take it a fraction of a second; this is for a helper that hangs.
PATIENCE = 30.0
_early: ChartWorker | None = None  # forked by cli.launch, not yet taken by the export


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: what the Trends page would draw, at dpi, as "png" or "rgba"."""

    chart: Chart
    facts: TrendFacts
    style: Style
    dpi: int
    kind: str = "rgba"


def draw(job: ChartJob) -> Any:
    """The chart's PNG bytes, or (width, height, RGBA rows): the same in either process."""
    from ceocto_desktop.charts.render import png, rgba
    from ceocto_desktop.charts.trends import draw_chart

    render = rgba if job.kind == "rgba" else png
    return render(lambda figure: draw_chart(figure, job.chart, job.facts, job.style), dpi=job.dpi)


def _read_exactly(descriptor: int, size: int, patience: float | None = None) -> bytes | None:
    """size bytes from descriptor; None if the other end is gone, or says nothing for
    patience seconds (a helper that hangs: the report draws its charts itself)."""
    parts = []
    while size:
        if patience is not None and not select.select([descriptor], [], [], patience)[0]:
            return None
        part = os.read(descriptor, min(size, 1 << 20))
        if not part:
            return None  # the other end is gone
        parts.append(part)
        size -= len(part)
    return b"".join(parts)


def _receive(descriptor: int, patience: float | None = None) -> Any:
    head = _read_exactly(descriptor, _LENGTH.size, patience)
    if head is None:
        return None
    body = _read_exactly(descriptor, _LENGTH.unpack(head)[0], patience)
    return None if body is None else pickle.loads(body)


def _send(descriptor: int, message: Any) -> None:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(_LENGTH.pack(len(body)) + body)
    while view:
        view = view[os.write(descriptor, view) :]


def _warm_up() -> None:
    """Load matplotlib, and its fonts and text layout, before the report's charts arrive."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    import ceocto_desktop.charts.trends  # noqa: F401  (the charts' own code)

    figure = Figure(figsize=(2, 1), dpi=50, layout="constrained")
    FigureCanvasAgg(figure)
    figure.add_subplot().set_title("Warm 0.5")
    figure.canvas.draw()


def _draw_aside(number: int, job: ChartJob) -> tuple[int, int]:
    """Fork once more to draw job on its own (the report's charts side by side): the
    descriptor its one message arrives on, and its process id."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read_end)
            _send(write_end, (number, draw(job)))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return read_end, pid


def _serve(jobs: int, results: int) -> None:
    """The child: warm up, read the one list of jobs, draw the first while a process of
    its own draws each other one, and send every result on, one whole message at a time."""
    _warm_up()
    batch = list(_receive(jobs) or ())
    aside = [_draw_aside(number, job) for number, job in enumerate(batch) if number]
    if batch:
        _send(results, (0, draw(batch[0])))
    for descriptor, pid in aside:
        message = _receive(descriptor)
        os.close(descriptor)
        os.waitpid(pid, 0)
        if message is not None:  # else the parent draws that one itself
            _send(results, message)


class ChartWorker:
    """The forked process and the two pipes to it; see the module's text."""

    def __init__(self, pid: int, jobs: int, results: int):
        self.pid = pid
        self._jobs: int | None = jobs
        self._results: int | None = results
        self._done: dict[int, Any] = {}
        self._broken = False

    @classmethod
    def start_early(cls) -> None:
        """Fork the helper at the very start of the `ceocto` process, for take() to find."""
        global _early
        if _early is None:
            _early = cls.start()

    @classmethod
    def take(cls) -> ChartWorker | None:
        """The helper forked early for this command, or one forked now."""
        global _early
        found, _early = _early, None
        return found if found is not None else cls.start()

    @classmethod
    def drop_early(cls) -> None:
        """Stop the early helper if the command never took it (it failed before)."""
        global _early
        found, _early = _early, None
        if found is not None:
            found.close()

    @classmethod
    def start(cls) -> ChartWorker | None:
        """Fork the helper now (before threads or Qt); None where this system cannot."""
        if not hasattr(os, "fork"):
            return None
        jobs_in, jobs_out = os.pipe()
        results_in, results_out = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for descriptor in (jobs_in, jobs_out, results_in, results_out):
                os.close(descriptor)
            return None
        if pid == 0:  # the child: draws, then leaves without running the parent's exit code
            code = 1
            try:
                os.close(jobs_out)
                os.close(results_in)
                # It prints nothing, and holds no one's pipe open (`ceocto export … | tee`
                # ends when the command does, not when the helper does).
                quiet = os.open(os.devnull, os.O_WRONLY)
                os.dup2(quiet, 1)
                os.dup2(quiet, 2)
                _serve(jobs_in, results_out)
                code = 0
            except BaseException:
                pass
            os._exit(code)
        os.close(jobs_in)
        os.close(results_out)
        return cls(pid, jobs_out, results_in)

    def draw_all(self, jobs: list[ChartJob]) -> None:
        """Hand the helper every chart of the report in one message (then only read:
        a second message could wait on a pipe the helper no longer reads)."""
        if self._jobs is None:
            return
        try:
            _send(self._jobs, jobs)
        except OSError:
            self._broken = True
        os.close(self._jobs)
        self._jobs = None

    def result(self, number: int) -> Any:
        """Job number's drawing, waiting for it; None if the helper could not draw it."""
        while number not in self._done and not self._broken and self._results is not None:
            try:
                message = _receive(self._results, PATIENCE)
            except (OSError, pickle.UnpicklingError, EOFError):
                message = None
            if message is None:
                self._broken = True
                break
            self._done[message[0]] = message[1]
        return self._done.pop(number, None)

    def close(self) -> None:
        """Stop the helper, whatever it is doing, and reap it."""
        for name in ("_jobs", "_results"):
            descriptor = getattr(self, name)
            if descriptor is not None:
                os.close(descriptor)
                setattr(self, name, None)
        with contextlib.suppress(ProcessLookupError):  # still warming up: a command that failed
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
