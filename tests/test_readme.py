"""README gives a new user exactly two set-up commands, and CI runs the test one."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_blocks(text: str) -> list[str]:
    return re.findall(r"^```\n(.*?)\n```$", text, flags=re.S | re.M)


def test_readme_has_a_run_command_and_a_test_command():
    section = (ROOT / "README.md").read_text().split("## Set up")[1].split("\n## ")[0]
    blocks = code_blocks(section)
    assert len(blocks) == 2
    run, test = blocks
    assert run.rstrip().endswith(".venv/bin/ceocto") and "pip install ." in run
    assert "pip install -e '.[test]'" in test and test.rstrip().endswith("-m pytest")


def test_ci_extracts_exactly_the_readme_test_command():
    script = (ROOT / ".ci" / "run").read_text()
    awk = re.search(r"awk '(.*?)' README.md", script, flags=re.S).group(1)
    extracted = subprocess.run(
        ["awk", awk, "README.md"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    section = (ROOT / "README.md").read_text().split("## Set up")[1]
    assert extracted == code_blocks(section)[1]
