"""What the shell tests share: one way to run `python -m ceocto_desktop` (this checkout's
code, not an installed copy). Files that run it differently (the installed script, another
user, another time zone) keep their own runner."""

from __future__ import annotations

import subprocess
import sys
from typing import Any


def ceocto(*args: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run `ceocto ARGS…` in a fresh interpreter; its output is captured as text unless
    `options` (passed to subprocess.run) say otherwise."""
    settings: dict[str, Any] = {"capture_output": True, "text": True, "timeout": 180}
    if "stdout" in options or "stderr" in options:
        settings.pop("capture_output")
    settings.update(options)
    return subprocess.run([sys.executable, "-m", "ceocto_desktop", *args], **settings)
