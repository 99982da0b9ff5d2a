"""The programs outside Python that tests run, and the apt package that brings each.

The README's test command installs every one of these packages (tests/test_readme.py
checks), so on a fresh machine nothing is skipped for want of a tool; under CI a missing
tool fails the test that needs it instead of skipping it silently.
"""

from __future__ import annotations

import os
import shutil

import pytest

PACKAGES = {
    "Xvfb": "xvfb",
    "xwininfo": "x11-utils",
    "xdotool": "xdotool",
    "pdfinfo": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "dpkg-deb": "dpkg",
    "dpkg-shlibdeps": "dpkg-dev",
    "chattr": "e2fsprogs",
    "desktop-file-validate": "desktop-file-utils",
}


def require_tool(tool: str) -> str:
    """The tool's path; fails under CI when it is missing, else skips the test."""
    found = shutil.which(tool)
    if found is None:
        message = (
            f"{tool} is not installed (apt package {PACKAGES[tool]}, "
            "installed by the README's test command)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found
