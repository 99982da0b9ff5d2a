"""No function of ours runs past 60 lines (migrations aside): a longer one is two ideas."""

from __future__ import annotations

import ast
from pathlib import Path

import ceocto_desktop

LONGEST = 60
PACKAGE = Path(ceocto_desktop.__file__).parent
MIGRATIONS = PACKAGE / "store" / "migrations"


def long_functions(root: Path) -> list[str]:
    """Every function or method under root longer than LONGEST lines, as path:line name."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if MIGRATIONS in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > LONGEST:
                    where = path.relative_to(root.parent)
                    found.append(f"{where}:{node.lineno} {node.name} ({lines} lines)")
    return found


def test_no_function_is_longer_than_sixty_lines():
    assert long_functions(PACKAGE) == []


def test_the_check_sees_a_long_function(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    body = "\n".join(f"    x{n} = {n}" for n in range(LONGEST))
    (package / "long.py").write_text(f"def long():\n{body}\n")
    (package / "short.py").write_text("def short():\n    return 1\n")
    assert long_functions(package) == ["pkg/long.py:1 long (61 lines)"]
