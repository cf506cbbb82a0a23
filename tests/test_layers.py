"""The package's layers, read from its imports: each layer imports only the layers below
it, the core no Streamlit, Plotly or nbformat, only the page Streamlit, and no module
imports itself round a circle. (docs/design.md, "Layers", says where each change goes.)"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "autoencoder"
# Lowest first: a module may import its own layer and the layers before it.
LAYERS = ("core", "io", "check", "session", "figures", "page", "")  # "": cli, __main__
OUTSIDE_ALLOWED = {  # third-party packages, by the layers that may import them
    "streamlit": {"page"},
    "plotly": {"figures", "page"},
    "nbformat": {"io"},
    "pandas": {"page"},
}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, package: Path = PACKAGE) -> set[str]:
    """The dotted modules ``path`` imports (relative imports resolved), at any depth."""
    name = module_name(path, package)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    tree = ast.parse(path.read_text())
    for block in [n for n in ast.walk(tree) if _type_checking_only(n)]:
        block.body = []  # imports for annotations only: no import at run time
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _type_checking_only(node) -> bool:
    """An ``if TYPE_CHECKING:`` block."""
    return isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """{module: the package's own modules it imports}, for every module of the package."""
    paths = sorted(package.rglob("*.py"))
    modules = {module_name(p, package) for p in paths}
    graph = {}
    for path in paths:
        imported = imports_of(path, package)
        name = module_name(path, package)
        graph[name] = {m for m in imported if m in modules}
        graph[name] |= {
            f"outside:{m.split('.')[0]}" for m in imported if m.split(".")[0] in OUTSIDE_ALLOWED
        }
    return graph


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else ""


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Each import that points up the layers, or at a third-party package its layer may not use."""
    bad = []
    for module, targets in graph.items():
        mine = LAYERS.index(layer(module))
        for target in sorted(targets):
            if target.startswith("outside:"):
                outside = target.split(":")[1]
                if layer(module) not in OUTSIDE_ALLOWED[outside]:
                    bad.append(f"{module} imports {outside}")
            elif LAYERS.index(layer(target)) > mine:
                bad.append(f"{module} ({layer(module) or 'top'}) imports {target}")
    return bad


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected groups of two or more modules (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_is_read():
    graph = import_graph()
    assert len(graph) > 50 and "autoencoder.core.phases" in graph["autoencoder.session.session"]


def test_each_layer_imports_only_the_layers_below():
    assert layer_violations(import_graph()) == []


def test_no_import_cycles():
    assert cycles(import_graph()) == []


TOP = {"autoencoder", "autoencoder.cli", "autoencoder.__main__"}  # the command line


def unplaced(graph: dict[str, set[str]]) -> list[str]:
    """The modules in no layer: in a folder LAYERS does not name, or at the top beside
    the command line."""
    return sorted(m for m in graph if layer(m) not in LAYERS or (layer(m) == "" and m not in TOP))


def test_every_module_is_in_a_layer():
    """A new folder must be placed in LAYERS (the top holds only the command line)."""
    assert unplaced(import_graph()) == []


def test_a_module_in_no_layer_is_found():
    graph = {
        "autoencoder.util.helpers": set(),
        "autoencoder.tools": set(),
        "autoencoder.cli": set(),
    }
    assert unplaced(graph) == ["autoencoder.tools", "autoencoder.util.helpers"]


@pytest.mark.parametrize(
    "graph, expected",
    [
        (
            {"autoencoder.core.a": {"autoencoder.page.b"}, "autoencoder.page.b": set()},
            ["autoencoder.core.a (core) imports autoencoder.page.b"],
        ),
        ({"autoencoder.core.a": {"outside:streamlit"}}, ["autoencoder.core.a imports streamlit"]),
        (
            {"autoencoder.figures.a": {"outside:streamlit", "outside:plotly"}},
            ["autoencoder.figures.a imports streamlit"],
        ),
        ({"autoencoder.page.a": {"autoencoder.core.b"}, "autoencoder.core.b": set()}, []),
    ],
)
def test_the_layer_check_finds_what_it_should(graph, expected):
    assert layer_violations(graph) == expected


def test_imports_for_annotations_only_are_not_counted(tmp_path):
    package = tmp_path / "autoencoder"
    (package / "core").mkdir(parents=True)
    (package / "core" / "a.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from autoencoder.core import b\n"
    )
    (package / "core" / "b.py").write_text("from autoencoder.core import a\n")
    graph = import_graph(package)
    assert graph["autoencoder.core.a"] == set() and cycles(graph) == []


def test_the_cycle_check_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
