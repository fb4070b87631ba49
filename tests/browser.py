"""Headless Chromium for the view's tests and benchmark: Debian's ``chromium`` driven by Playwright.

The browser is the system's (``/usr/bin/chromium``, Debian package ``chromium``, installed on CI by
``.ci/install-servers``); Playwright's own browser downloads are never used. :func:`skip_reason`
says why the browser tests cannot run (no chromium, no playwright), or None when they can.

A page is opened with :func:`open_view`, which records everything the tests check: every request
the page makes, console errors, uncaught page errors and dialogs (dismissed at once). It waits until
the page sets ``data-kg-ready="true"`` on ``<body>`` (the layout is stable).

:func:`synthetic_graph` makes a seeded random actor graph of any size, shaped like the one
``kg.analysis.network.actor_network`` returns, for the big-graph test and ``bench/view.py``.

Imported by path (``tests/`` is not a package), as ``tests/servers.py`` is.
"""

from __future__ import annotations

import importlib.util
import random
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

#: Debian's chromium; any ``chromium`` on PATH otherwise.
CHROMIUM = "/usr/bin/chromium"
#: Flags for a quiet headless Chromium in a container: no sandbox (CI runs as root), no GPU, and none
#: of the browser's own background traffic (which would show up as requests unrelated to the page).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 900}
#: Seconds to wait for ``data-kg-ready`` (a 5,000-node page takes a few).
READY_TIMEOUT = 120.0
#: URL schemes a page may load from: itself and inline data. Anything else (http, https, ws, ...) is a fetch.
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")

#: Hostile data for the views' escaping tests: actor IRIs, and two attacks that set a window-level marker
#: (``window.kgPwned``) rather than open a dialog, so that a test sees whether anything from the data ran.
EX = "https://example.org/actor/"
IMG_MARKER = '<img src=x onerror="window.kgPwned=1">'
SCRIPT_MARKER = "</script><script>window.kgPwned=2</script>"


def chromium_executable() -> str | None:
    """Debian's chromium, or a ``chromium`` on PATH, or None."""
    if Path(CHROMIUM).is_file():
        return CHROMIUM
    return shutil.which("chromium")


def playwright_installed() -> bool:
    return importlib.util.find_spec("playwright") is not None


def skip_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not playwright_installed():
        return "the playwright package is not installed (pip install -e '.[test]')"
    if chromium_executable() is None:
        return "chromium is not installed (.ci/install-servers, Debian package chromium)"
    return None


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium (a Playwright ``Browser``), closed on exit, failures included."""
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    if executable is None:
        raise RuntimeError("chromium is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class PageLog:
    """What a page did: every request's URL, console errors, uncaught errors and dialogs' messages."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests for anything but the page itself and inline data (http, https, ...)."""
        return [url for url in self.requests if not url.lower().startswith(LOCAL_SCHEMES)]

    def errors(self) -> list[str]:
        return [f"console: {text}" for text in self.console_errors] + [f"page: {text}" for text in self.page_errors]


def new_page(chromium: Any, *, viewport: dict[str, int] | None = None) -> tuple[Any, PageLog]:
    """A new page (in its own context) whose requests, errors and dialogs are recorded."""
    context = chromium.new_context(viewport=viewport or VIEWPORT)
    page = context.new_page()
    log = PageLog()
    page.on("request", lambda request: log.requests.append(request.url))
    page.on("console", lambda message: log.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))

    def dialog(d: Any) -> None:
        log.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return page, log


def open_view(chromium: Any, path: str | Path, *, viewport: dict[str, int] | None = None,
              timeout: float = READY_TIMEOUT) -> tuple[Any, PageLog]:
    """Open the HTML file ``path`` in a new page and wait until its layout is ready."""
    page, log = new_page(chromium, viewport=viewport)
    page.goto(Path(path).resolve().as_uri())
    wait_ready(page, timeout)
    return page, log


def close(page: Any) -> None:
    page.context.close()


def wait_ready(page: Any, timeout: float = READY_TIMEOUT) -> None:
    page.wait_for_selector('body[data-kg-ready="true"]', state="attached", timeout=timeout * 1000)


def counts(page: Any) -> tuple[int, int]:
    """The nodes and edges vis-network holds (after the page's filters)."""
    return tuple(page.evaluate("[kgNetwork.body.data.nodes.length, kgNetwork.body.data.edges.length]"))


def node_point(page: Any, node_id: str) -> tuple[float, float]:
    """Where node ``node_id`` is drawn, in page coordinates."""
    return tuple(page.evaluate(
        """(id) => {
          const box = document.getElementById("graph").getBoundingClientRect();
          const at = kgNetwork.canvasToDOM(kgNetwork.getPositions([id])[id]);
          return [box.left + at.x, box.top + at.y];
        }""",
        node_id,
    ))


def loneliest(page: Any, node_ids: list[str]) -> str:
    """Of ``node_ids``, the node farthest from any other node (so hovering it cannot hit another)."""
    return page.evaluate(
        """(ids) => {
          const pos = kgNetwork.getPositions();
          const all = Object.keys(pos);
          let best = null, bestGap = -1;
          for (const id of ids) {
            let gap = Infinity;
            for (const other of all) {
              if (other === id) continue;
              gap = Math.min(gap, Math.hypot(pos[id].x - pos[other].x, pos[id].y - pos[other].y));
            }
            if (gap > bestGap) { best = id; bestGap = gap; }
          }
          return best;
        }""",
        node_ids,
    )


def tooltip_of(page: Any, node_id: str, timeout: float = 10.0) -> str:
    """Hover node ``node_id`` and return the text of vis-network's tooltip (``div.vis-tooltip``)."""
    page.mouse.move(5, 5)  # off any node, so the next move is a fresh hover
    x, y = node_point(page, node_id)
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    page.wait_for_function(
        """() => {
          const tip = document.querySelector("div.vis-tooltip");
          return tip !== null && getComputedStyle(tip).visibility === "visible" && tip.textContent !== "";
        }""",
        timeout=timeout * 1000,
    )
    return page.evaluate('document.querySelector("div.vis-tooltip").textContent')


# --- a synthetic actor graph ---------------------------------------------------------------------

ACTOR_TYPES = ("Person", "State", "ArmedGroup", "Organization", "Media", "Group")
_WORDS = ("army", "forces", "ministry", "council", "front", "brigade", "agency", "party", "network", "committee",
          "movement", "office", "union", "coalition", "press", "guard")
_VERBS = ("said", "told reporters", "claimed", "stated on Tuesday", "alleged in a statement", "wrote")


def synthetic_graph(n: int, *, edges_per_node: float = 2.0, seed: int = 7) -> nx.MultiDiGraph:
    """A seeded random actor graph of ``n`` nodes and about ``edges_per_node * n`` edges.

    Node types, relations and polarities are mixed (the relations and polarities of
    ``kg.analysis.network.RELATIONS``); targets are picked in proportion to their degree, so a few actors
    are hubs, as in real news. Every node and edge carries evidence sentences and every node facts,
    as the build's actor view does.
    """
    from kg.analysis.network import RELATIONS

    rng = random.Random(seed)
    relations = sorted(RELATIONS.items())
    graph = nx.MultiDiGraph()
    ids = [f"https://example.org/actor/a{i:05d}" for i in range(n)]
    for i, iri in enumerate(ids):
        kind = rng.choice(ACTOR_TYPES)
        label = f"{rng.choice(_WORDS).title()} {rng.choice(_WORDS)} {i}"
        evidence = [{"sentence": _sentence(rng, label), "article": f"article-{rng.randrange(10 * n + 1)}"}
                    for _ in range(rng.randint(1, 4))]
        graph.add_node(iri, label=label, type=kind, size_value=float(rng.randint(1, 50)), evidence=evidence,
                       facts=[("accuses", rng.randint(0, 9)), ("accused", rng.randint(0, 9))])
    targets = list(ids[:2])  # a node appears once per edge end: picking from it favours hubs
    for e in range(round(edges_per_node * n)):
        s = rng.randrange(n)
        source = ids[s]
        target = rng.choice(targets) if rng.random() < 0.7 else rng.choice(ids)
        if target == source:
            target = ids[(s + 1) % n]
        relation, (_, polarity) = rng.choice(relations)
        evidence = [{"assertion": f"https://example.org/assertion/s{e}-{k}",
                     "sentence": _sentence(rng, graph.nodes[source]["label"]),
                     "article": f"article-{rng.randrange(10 * n + 1)}"} for k in range(rng.randint(1, 3))]
        graph.add_edge(source, target, key=f"https://example.org/assertion/s{e}", relation=relation,
                       polarity=polarity, evidence=evidence)
        targets += [source, target]
    return graph


def _sentence(rng: random.Random, label: str) -> str:
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 24)))
    return f"The {label} {rng.choice(_VERBS)} that the {words}."
