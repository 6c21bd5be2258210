"""The import graph of src/pantau: no cycles between modules, and no import from a lower layer to
a higher one (docs/architecture.md, "Layers").

Read from the source with ``ast`` (nothing is imported), so every import counts: module level,
inside functions, and under ``TYPE_CHECKING``. ``from package import name`` is an import of the
module ``package.name`` when that is a module, else of ``package``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
ROOT = "pantau"

# Low to high: a module may import its own layer and the layers below it, never one above.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("pantau.model", "pantau.errors", "pantau.settings", "pantau.ontology", "pantau.version", "pantau.diskcache",
     "pantau.bundled"),
    ("pantau.lang",),
    ("pantau.text",),
    ("pantau.ingest",),
    ("pantau.extract",),
    ("pantau.dedup",),
    ("pantau.store",),
    ("pantau.export",),
    ("pantau", "pantau.run", "pantau.evaluation", "pantau.parallel", "pantau.frames",
     "pantau.alerts", "pantau.monitor"),  # the library's front door and use cases
    ("pantau.cli", "pantau.api", "pantau.web", "pantau.scale", "pantau.__main__"),
)

# Imports that break the layering today, each named exactly; a new one fails the test.
ALLOWED_UPWARD: frozenset[tuple[str, str]] = frozenset({
    # lang -> text: the pack's phrase index tokenises its phrases with the coder's tokenizer
    # (lang/phrases.py; the extraction rewrite owns lang/ and will settle where tokens belong).
    ("pantau.lang.phrases", "pantau.text.tokens"),
})
ALLOWED_CYCLES: frozenset[frozenset[str]] = frozenset()


def module_names() -> dict[str, Path]:
    out = {}
    for path in sorted((SRC / ROOT).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The pantau modules that module ``name`` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in modules else target)
    return {m for m in found if m == ROOT or m.startswith(ROOT + ".")}


def layer_of(name: str) -> int | None:
    """The layer of a module: that of the longest layer entry it is or lies in (``pantau`` itself
    is only the package's ``__init__``)."""
    best: tuple[int, int] | None = None
    for rank, entries in enumerate(LAYERS):
        for entry in entries:
            inside = name == entry or (entry != ROOT and name.startswith(entry + "."))
            if inside and (best is None or len(entry) > best[1]):
                best = (rank, len(entry))
    return None if best is None else best[0]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def test_every_module_has_a_layer(graph: dict[str, set[str]]) -> None:
    unplaced = sorted(m for m in graph if layer_of(m) is None)
    assert not unplaced, f"add these modules to a layer in LAYERS and docs/architecture.md: {unplaced}"


def test_imports_never_go_up_a_layer(graph: dict[str, set[str]]) -> None:
    upward = set()
    for src, targets in graph.items():
        for dst in targets:
            a, b = layer_of(src), layer_of(dst)
            if a is not None and b is not None and b > a:
                upward.add((src, dst))
    new = sorted(upward - ALLOWED_UPWARD)
    assert not new, ("these imports go from a lower layer to a higher one; move the code, or pass "
                     f"what it needs down: {new}")
    stale = sorted(ALLOWED_UPWARD - upward)
    assert not stale, f"these allowed imports are gone; remove them from ALLOWED_UPWARD: {stale}"


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components with more than one module, or a module importing itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph.get(v, ()):
                found.append(frozenset(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles(graph: dict[str, set[str]]) -> None:
    found = set(cycles(graph))
    new = [sorted(c) for c in found - ALLOWED_CYCLES]
    assert not new, f"import cycles (break them by moving the shared part down a layer): {new}"
    assert not ALLOWED_CYCLES - found, "an allowed cycle is gone; remove it from ALLOWED_CYCLES"


def test_the_checks_catch_a_cycle_and_an_upward_import() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [frozenset({"a", "b", "c"})]
    assert cycles({"a": {"a"}}) == [frozenset({"a"})] and cycles({"a": {"b"}, "b": set()}) == []
    assert layer_of("pantau.store.rollup") == layer_of("pantau.store") > layer_of("pantau.extract.pipeline")
    assert layer_of("pantau.run") == layer_of("pantau") < layer_of("pantau.cli.store")
    assert layer_of("pantau.ontology") == 0 and layer_of("pantau.nothing_like_this") is None
