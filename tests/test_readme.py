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


def test_the_test_command_installs_every_program_the_tests_run():
    from tests.system_tools import PACKAGES

    section = (ROOT / "README.md").read_text().split("## Set up")[1]
    test = code_blocks(section)[1]
    installed = set(re.search(r"apt-get install -y ([^&]*)&&", test).group(1).split())
    missing = {tool: package for tool, package in PACKAGES.items() if package not in installed}
    assert not missing, f"add to the README's apt-get list: {missing}"
    # Every program a test asks for is one of those: a new one needs its package named.
    asked = set()
    for path in (ROOT / "tests").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        asked |= set(re.findall(r"(?:require_tool|_require|shutil\.which)\(\"([^\"]+)\"\)", text))
        for tools in re.findall(r"for tool in \(([^)]*)\)", text):
            asked |= set(re.findall(r"\"([^\"]+)\"", tools))
    assert asked, "no test asks for a program: the scan above is broken"
    assert asked <= set(PACKAGES), sorted(asked - set(PACKAGES))


def test_a_missing_program_fails_a_test_under_ci_and_skips_it_elsewhere(monkeypatch):
    import pytest

    from tests.system_tools import require_tool

    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="xdotool is not installed"):
        require_tool("xdotool")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="apt package poppler-utils"):
        require_tool("pdftotext")
