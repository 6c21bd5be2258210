"""Strict YAML for packs and bundled data: every scalar a string (so `no` stays "no"), duplicate
keys refused. Its own module so that PyYAML is imported only when YAML is read: a process whose
packs come from the disk cache never imports it."""

from __future__ import annotations

from typing import Any

import yaml

YAMLError = yaml.YAMLError

_BASE_LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)  # libyaml's parser when present: 10x faster


class StrictLoader(_BASE_LOADER):  # type: ignore[misc]  # yaml.CBaseLoader is untyped
    """BaseLoader keeps every scalar a string (so `no` stays "no"); this also refuses duplicate keys."""


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return dict(_BASE_LOADER.construct_mapping(loader, node, deep=True))


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_strict(text: str) -> Any:
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - strict loader keeps strings
