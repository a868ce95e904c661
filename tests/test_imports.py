"""The package's import graph has no cycle: read from the source with ast, not by importing it.

Every import of a package module counts, at module level or inside a function (`from .x import y` in a
function is still a dependency, only a late one). Imports under `if TYPE_CHECKING:` are kept as a separate
kind of edge: a cycle made of TYPE_CHECKING imports alone is allowed (types may name each other), but a
cycle that needs even one real import is not, whatever other edges close it.
"""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "treatysite"
NAME = PACKAGE.name


def module_name(file: Path, root: Path = PACKAGE) -> str:
    parts = file.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking(test: ast.expr) -> bool:
    """`if TYPE_CHECKING:` or `if typing.TYPE_CHECKING:`."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _targets(node: ast.Import | ast.ImportFrom, module: str, is_package: bool, modules: set[str]) -> set[str]:
    """The package modules an import statement depends on."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            stem = ".".join(base + ([node.module] if node.module else []))
        else:
            stem = node.module or ""
        # `from . import registry` imports a module; `from .model import Source` imports from one.
        names = [f"{stem}.{alias.name}" if f"{stem}.{alias.name}" in modules else stem for alias in node.names]
    found = set()
    for name in names:
        while name and name not in modules:   # `import treatysite.a.b` depends on treatysite.a.b, or its package
            name = name.rpartition(".")[0]
        if name and name != NAME:
            found.add(name)
    return found


def import_graph(root: Path = PACKAGE) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(real imports, TYPE_CHECKING imports): module -> the package modules it imports."""
    files = {module_name(f, root): f for f in sorted(root.rglob("*.py"))}
    modules = set(files)
    real: dict[str, set[str]] = {m: set() for m in files}
    typing_only: dict[str, set[str]] = {m: set() for m in files}

    for module, file in files.items():
        is_package = file.name == "__init__.py"

        def visit(node: ast.AST, checking: bool) -> None:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                (typing_only if checking else real)[module].update(_targets(node, module, is_package, modules) - {module})
            if isinstance(node, ast.If) and _type_checking(node.test):
                for child in node.body:
                    visit(child, True)
                for child in node.orelse:
                    visit(child, checking)
                return
            for child in ast.iter_child_nodes(node):
                visit(child, checking)

        visit(ast.parse(file.read_text("utf-8"), str(file)), False)
    return real, typing_only


def _components(graph: dict[str, set[str]]) -> dict[str, int]:
    """Module -> the number of its strongly connected component (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    component: dict[str, int] = {}
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                number = len(set(component.values()))
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component[member] = number
                    if member == node:
                        break
    return component


def _path(graph: dict[str, set[str]], start: str, end: str) -> list[str]:
    """A shortest import path from start to end (breadth first)."""
    came_from = {start: start}
    queue = [start]
    while queue:
        node = queue.pop(0)
        if node == end:
            break
        for child in sorted(graph[node]):
            if child not in came_from:
                came_from[child] = node
                queue.append(child)
    path = [end]
    while path[-1] != start:
        path.append(came_from[path[-1]])
    return path[::-1]


def import_cycles(real: dict[str, set[str]], typing_only: dict[str, set[str]]) -> list[tuple[list[str], list[str]]]:
    """(the modules of a cycle, one cycle through them as an import path) for each group of modules that
    import each other through at least one real import; groups held together by TYPE_CHECKING imports alone
    are left out."""
    both = {m: real[m] | typing_only[m] for m in real}
    component = _components(both)
    found: dict[int, tuple[list[str], list[str]]] = {}
    for module in sorted(real):
        for target in sorted(real[module]):
            number = component[module]
            if component[target] == number and number not in found:
                members = sorted(m for m, n in component.items() if n == number)
                found[number] = (members, [module] + _path(both, target, module))
    return list(found.values())


def describe(cycle: tuple[list[str], list[str]], real: dict[str, set[str]]) -> str:
    members, path = cycle
    steps = " -> ".join(path[0:1] + [f"{b} (TYPE_CHECKING)" if b not in real[a] else b for a, b in zip(path, path[1:])])
    return f"modules importing each other: {', '.join(members)}; for example {steps}"


def test_the_package_has_no_import_cycle():
    real, typing_only = import_graph()
    cycles = import_cycles(real, typing_only)
    assert not cycles, "import cycles in treatysite/:\n" + "\n".join(describe(c, real) for c in cycles)


def _package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / NAME
    root.mkdir()
    for name, text in {"__init__.py": "", **files}.items():
        (root / name).write_text(text, "utf-8")
    return root


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    root = _package(tmp_path, {"a.py": "from .b import x\n",
                               "b.py": "def f():\n    from .a import y\n    return y\n", "c.py": "from . import a\n"})
    real, typing_only = import_graph(root)
    assert real[f"{NAME}.c"] == {f"{NAME}.a"}
    assert import_cycles(real, typing_only) == [([f"{NAME}.a", f"{NAME}.b"], [f"{NAME}.a", f"{NAME}.b", f"{NAME}.a"])]


def test_type_checking_imports_alone_make_no_cycle_but_close_one_with_a_real_import(tmp_path):
    checking = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .{} import T\n"
    root = _package(tmp_path, {"a.py": checking.format("b"), "b.py": checking.format("a"),
                               "c.py": "from .d import x\n", "d.py": checking.format("c")})
    real, typing_only = import_graph(root)
    assert typing_only[f"{NAME}.a"] == {f"{NAME}.b"} and not real[f"{NAME}.a"]
    cycles = import_cycles(real, typing_only)
    assert cycles == [([f"{NAME}.c", f"{NAME}.d"], [f"{NAME}.c", f"{NAME}.d", f"{NAME}.c"])]
    assert describe(cycles[0], real) == (f"modules importing each other: {NAME}.c, {NAME}.d; for example "
                                         f"{NAME}.c -> {NAME}.d -> {NAME}.c (TYPE_CHECKING)")


def test_absolute_imports_of_the_package_count(tmp_path):
    root = _package(tmp_path, {"a.py": f"import {NAME}.b\n", "b.py": f"from {NAME}.a import x\nimport json\n"})
    real, typing_only = import_graph(root)
    assert real == {NAME: set(), f"{NAME}.a": {f"{NAME}.b"}, f"{NAME}.b": {f"{NAME}.a"}}
    assert len(import_cycles(real, typing_only)) == 1
