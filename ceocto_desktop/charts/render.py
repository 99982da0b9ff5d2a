"""Charts as PNG bytes for the reports, drawn with the Agg canvas (no Qt, no pyplot)."""

from __future__ import annotations

import io
from collections.abc import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def _drawn(draw: Callable[[Figure], None], width_in: float, height_in: float, dpi: int) -> Figure:
    figure = Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    draw(figure)
    return figure


def png(
    draw: Callable[[Figure], None], width_in: float = 7.5, height_in: float = 3.2, dpi: int = 200
) -> bytes:
    """Run draw on a fresh figure and return it as a PNG at print resolution."""
    figure = _drawn(draw, width_in, height_in, dpi)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()


def rgba(
    draw: Callable[[Figure], None], width_in: float = 7.5, height_in: float = 3.2, dpi: int = 200
) -> tuple[int, int, bytes]:
    """The same pixels as png(), unencoded (width, height, RGBA rows): for Qt, which would
    only decode the PNG again (the PDF and the preview skip encoding and decoding it)."""
    figure = _drawn(draw, width_in, height_in, dpi)
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    return width, height, bytes(canvas.buffer_rgba())
