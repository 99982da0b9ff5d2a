"""The PDF and the preview take a chart's pixels unencoded (issue 21): they must be the very
pixels of the PNG the HTML export embeds."""

from __future__ import annotations

import io

from PIL import Image as PILImage

from ceocto_desktop.charts.render import png, rgba


def _draw(figure):  # type: ignore[no-untyped-def]
    axes = figure.add_subplot()
    axes.plot([1, 2, 3, 4], [3, 1, 4, 1], color="#c0392b")
    axes.set_title("Cooperation index by week")


def test_the_unencoded_pixels_are_the_png_s_pixels():
    width, height, pixels = rgba(_draw, 4, 2, dpi=100)
    decoded = PILImage.open(io.BytesIO(png(_draw, 4, 2, dpi=100))).convert("RGBA")
    assert (width, height) == decoded.size == (400, 200)
    assert pixels == decoded.tobytes()
    assert len(set(pixels)) > 2  # something was drawn
