"""Country outlines for the map of the actors view, from a file shipped with the package.

``kg/view/data/world-110m.json`` holds Natural Earth's 1:110m countries (public domain,
https://www.naturalearthdata.com/about/terms-of-use/) as a list of rings of ``[longitude, latitude]`` pairs rounded
to 0.1 degree, made by ``scripts/world_outlines.py``. When the file is missing the map has no outlines.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

_OUTLINES = ("data", "world-110m.json")


@functools.cache
def world_outlines() -> list[list[list[float]]]:
    """The rings of the world's country outlines (``[]`` when the file is not there)."""
    try:
        text = resources.files("kg.view").joinpath(*_OUTLINES).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        return []
    rings = json.loads(text)["rings"]
    return [[[float(x), float(y)] for x, y in ring] for ring in rings]
