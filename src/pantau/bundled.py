"""Files shipped inside the package (packs, the ontology, bundled data).

A plain path when pantau is installed as a folder, as it nearly always is; through
``importlib.resources`` only inside a zip, whose import would otherwise cost every start 20 ms.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_ROOT = Path(__file__).parent


def bundled(package: str, *parts: str) -> Traversable:
    """``parts`` inside the pantau package ``package`` (``"pantau.lang"``, ``"packs"``)."""
    here = _ROOT.joinpath(*package.split(".")[1:], *parts)
    if here.exists():
        return here
    from importlib import resources

    return resources.files(package).joinpath(*parts)
