"""Charts as PNG bytes for the reports, drawn with the Agg canvas (no Qt, no pyplot)."""

from __future__ import annotations

import io
from collections.abc import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure


def png(
    draw: Callable[[Figure], None], width_in: float = 7.5, height_in: float = 3.2, dpi: int = 200
) -> bytes:
    """Run draw on a fresh figure and return it as a PNG at print resolution."""
    figure = Figure(figsize=(width_in, height_in), dpi=dpi, layout="constrained")
    FigureCanvasAgg(figure)
    draw(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()
