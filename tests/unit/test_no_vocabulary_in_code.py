"""No event type, mode or context is named in a .py file: they live in ontology.yaml (issue 7,
STYLE.md rule 1). String literals of every module under src/pantau are read with ``ast``; docstrings
may name them, code may not."""

from __future__ import annotations

import ast
from pathlib import Path

from pantau.ontology import load_ontology

SRC = Path(__file__).resolve().parents[2] / "src" / "pantau"
# Strings that spell an ontology word but mean something else, each with its reason.
ALLOWED = {
    ("cli/__init__.py", "demo"): "the name of the `pantau demo` command, not the PROTEST mode",
    ("lang/schema.py", "troops"): "a count unit kind of the pack schema, not the MOBILIZE mode",
    ("alerts.py", "ceasefire"): "the `watch: ceasefire` kind of alert rule (a ceasefire object), not the RETREAT mode",
}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and \
                isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
            out.add(id(body[0].value))
    return out


def test_no_ontology_word_in_code() -> None:
    onto = load_ontology()
    words = set(onto.types) | {m for t in onto.types.values() for m in t.modes} | set(onto.contexts)
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        rel = path.relative_to(SRC).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs and \
                    node.value in words and (rel, node.value) not in ALLOWED:
                found.append(f"{rel}:{node.lineno} {node.value!r}")
    assert not found, "ontology words named in code (move them to ontology.yaml): " + ", ".join(found)
