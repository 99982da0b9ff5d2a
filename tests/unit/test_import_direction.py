"""The direction of our own imports (docs/architecture.md, "Map"): a module imports only
modules of its own layer or of a lower one, and no module-level import cycle joins two
of our modules. Modules are found by walking the package on disk; imports are read with
`ast`, including those inside functions (a lazy import still climbs if it goes upwards).
"""

from __future__ import annotations

import ast
from pathlib import Path

import ceocto_desktop

PACKAGE = "ceocto_desktop"
ROOT = Path(ceocto_desktop.__path__[0])

# Lowest first. A module may import its own layer and those before it, never one after.
# - The foundation imports nothing of ours: the package's `__version__`, `paths.py`
#   (platformdirs' folders) and `journal_identity.py` (the SQLite header's marks, read by
#   the shell before SQLAlchemy loads), so every layer may use them.
# - `sync/` applies the other laptop's change sets through the store and the services and
#   is used by the window and `ceocto sync`: above reports (which never need it), below ui.
# - The shell (`cli/`, `__main__.py`) sits on top: it may start the window.
LAYERS = (
    ("foundation", (PACKAGE, f"{PACKAGE}.paths", f"{PACKAGE}.journal_identity")),
    ("models", (f"{PACKAGE}.models",)),
    ("store", (f"{PACKAGE}.store",)),
    ("analytics", (f"{PACKAGE}.analytics",)),
    ("services", (f"{PACKAGE}.services",)),
    ("charts", (f"{PACKAGE}.charts",)),
    ("reports", (f"{PACKAGE}.reports",)),
    ("sync", (f"{PACKAGE}.sync",)),
    ("ui", (f"{PACKAGE}.ui",)),
    ("cli", (f"{PACKAGE}.cli", f"{PACKAGE}.__main__")),
)

# Imports allowed to climb, each with the reason it cannot simply be turned round.
ALLOWED_CLIMBS: frozenset[tuple[str, str]] = frozenset()


def module_files() -> dict[str, Path]:
    """Every module of the package, by dotted name, from the files on disk."""
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = module_files()


def layer_of(module: str) -> int:
    for rank, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if prefix.endswith("_") and module.startswith(prefix):
                return rank
            if module == prefix or module.startswith(prefix + "."):
                if prefix == PACKAGE and module != PACKAGE:
                    continue
                return rank
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """Our modules an import statement loads (a name imported from a package counts as
    its submodule when there is one)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            anchor = module.split(".")
            if MODULES[module].name != "__init__.py":
                anchor = anchor[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, *([base] if base else [])])
        names = [f"{base}.{alias.name}" for alias in node.names]
        names = [name if name in MODULES else base for name in names]
    ours = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name:
            ours.append(name)
    return ours


def is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(module: str) -> tuple[set[str], set[str]]:
    """(every import of ours anywhere in the module, those run when it is imported)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    everywhere = {
        target
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for target in targets(module, node)
    }
    at_import: set[str] = set()
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        statement = pending.pop()
        if isinstance(statement, ast.Import | ast.ImportFrom):
            at_import.update(targets(module, statement))
        elif isinstance(statement, ast.If):
            if not is_type_checking(statement.test):
                pending += statement.body
            pending += statement.orelse
        elif isinstance(statement, ast.Try):
            pending += statement.body + statement.orelse + statement.finalbody
            for handler in statement.handlers:
                pending += handler.body
        elif isinstance(statement, ast.ClassDef | ast.With):
            pending += statement.body
    return everywhere - {module}, at_import - {module}


GRAPH = {module: imports(module) for module in MODULES}


def test_the_walk_finds_every_layer_and_reads_lazy_imports():
    assert len(MODULES) > 200
    assert {layer_of(module) for module in MODULES} == set(range(len(LAYERS)))
    # cli/commands.py loads the window only for the window, inside a function.
    everywhere, at_import = GRAPH[f"{PACKAGE}.cli.commands"]
    assert f"{PACKAGE}.ui.start_shell" in everywhere - at_import


Graph = dict[str, tuple[set[str], set[str]]]


def climbs(graph: Graph) -> list[str]:
    """Imports, anywhere in a module, of a module of a higher layer."""
    return sorted(
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, (everywhere, _) in graph.items()
        for target in everywhere
        if layer_of(target) > layer_of(module) and (module, target) not in ALLOWED_CLIMBS
    )


def cycles(graph: Graph) -> list[str]:
    """Cycles of imports run when a module is imported (depth first, each cycle once)."""
    found = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, (set(), set()))[1]):
            if state.get(target) == 1:
                found.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


def test_no_import_climbs_from_a_lower_layer_to_a_higher_one():
    assert climbs(GRAPH) == []


def test_no_module_level_import_cycle_between_our_modules():
    assert cycles(GRAPH) == []


def test_a_lazy_climb_and_a_cycle_would_be_seen():
    source = "from ceocto_desktop.ui import app\ndef later():\n    from ceocto_desktop import cli\n"
    goal, ui_app, cli = f"{PACKAGE}.models.goal", f"{PACKAGE}.ui.app", f"{PACKAGE}.cli"
    tree = ast.parse(source)
    found = [
        target
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for target in targets(goal, node)
    ]
    assert sorted(found) == [cli, ui_app]
    graph: Graph = {goal: ({ui_app, cli}, {ui_app}), ui_app: ({goal}, {goal}), cli: (set(), set())}
    assert climbs(graph) == [
        f"{goal} (models) imports {cli} (cli)",
        f"{goal} (models) imports {ui_app} (ui)",
    ]
    assert cycles(graph) == [f"{goal} -> {ui_app} -> {goal}"]
    # A cycle through a lazy import is no cycle at import time.
    graph[ui_app] = ({goal}, set())
    assert cycles(graph) == []


# The pages' common bases; every other `*_page` module is a page of the window.
PAGE_BASES = {f"{PACKAGE}.ui.pages.record_page"}


def test_no_page_imports_a_sibling_page():
    # What two pages share lives in a shared module (ui/widgets/basic.py, ui/labels.py, …).
    pages = {m for m in MODULES if m.startswith(f"{PACKAGE}.ui.pages.") and m.endswith("_page")}
    assert f"{PACKAGE}.ui.pages.goals_page" in pages
    borrowed = sorted(
        f"{page} imports {target}"
        for page in pages - PAGE_BASES
        for target in GRAPH[page][0]
        if target in pages - PAGE_BASES
    )
    assert borrowed == []
