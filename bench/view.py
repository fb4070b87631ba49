"""The HTML view at scale: render time, file size, and how long headless Chromium takes to open it.

    .venv/bin/python bench/view.py [--sizes 100 1000 5000] [--repeat 3] [--keep DIR]
    .venv/bin/python bench/view.py --screenshot BUILD_DIR PNG

For each size, a seeded random actor graph (``synthetic_graph`` in tests/browser.py: about 2 edges per
node, mixed types, relations and polarities, evidence sentences on every node and edge) is rendered with
``kg.view.render.render_view``, and the page is opened in Debian's chromium (headless, through Playwright) REPEAT
times. Figures: the render time (one run), the file size, "open": from navigation start to the page's
``data-kg-ready`` (its layout is stable: after stabilisation up to kg.view.render.PHYSICS_MAX_NODES nodes, after
the first draw of the precomputed layout above), the median of the runs, measured inside the page; and
two interactive figures, the median time of one full redraw (a frame when panning or zooming) and of
hiding then showing the most common node type with its redraws. Target: a 5,000-node page opens in under
10 s.

``--screenshot BUILD_DIR PNG`` instead saves a 1400x900 screenshot of BUILD_DIR/graph.html once it is
ready (docs/seeds-view.png is ``kg build seeds --out BUILD_DIR`` then this).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_NODES = 5000
TARGET_SECONDS = 10.0


sys.path.insert(0, str(ROOT / "tests"))
import browser  # noqa: E402  tests/browser.py, the browser harness the tests use

# Records when <body> gets data-kg-ready, in ms since navigation start.
_READY_CLOCK = """
new MutationObserver(function (changes, observer) {
  if (document.body && document.body.getAttribute("data-kg-ready") === "true") {
    window.kgReadyAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { attributes: true, attributeFilter: ["data-kg-ready"], subtree: true });
"""
_REDRAW = """() => {
  const times = [];
  for (let i = 0; i < 5; i++) { const t = performance.now(); kgNetwork.redraw(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  return times[2];
}"""
_FILTER = """() => {
  const counts = {};
  kgNodes.forEach(function (n) { counts[n.kgType] = (counts[n.kgType] || 0) + 1; });
  const kind = Object.keys(counts).sort((a, b) => counts[b] - counts[a])[0];
  const box = document.querySelector('input.kg-type-filter[value="' + kind + '"]');
  const times = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    box.click(); kgNetwork.redraw(); box.click(); kgNetwork.redraw();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[1];
}"""


def open_once(chromium, path: Path) -> tuple[float, float, float]:
    """Seconds from navigation start to data-kg-ready, then ms of one redraw and of a filter round trip."""
    page, log = browser.new_page(chromium)
    try:
        page.add_init_script(_READY_CLOCK)
        page.goto(path.resolve().as_uri())
        browser.wait_ready(page)
        ready_ms = page.evaluate("window.kgReadyAt")
        redraw_ms = page.evaluate(_REDRAW)
        filter_ms = page.evaluate(_FILTER)
    finally:
        browser.close(page)
    problems = log.errors() + log.dialogs + log.foreign_requests()
    if problems:
        raise SystemExit(f"{path.name}: {problems[:5]}")
    return ready_ms / 1000, redraw_ms, filter_ms


def bench(sizes: list[int], repeat: int, folder: Path) -> int:
    from kg.view.render import PHYSICS_MAX_NODES, render_view

    print(f"{'nodes':>6} {'edges':>6} {'layout':>8} {'render s':>9} {'file MB':>8} {'open s':>7} {'redraw ms':>10} "
          f"{'filter ms':>10}")
    opened: dict[int, float] = {}
    with browser.browser() as chromium:
        for n in sizes:
            graph = browser.synthetic_graph(n)
            path = folder / f"view-{n}.html"
            start = time.perf_counter()
            render_view(graph, path, title=f"synthetic {n}")
            render_s = time.perf_counter() - start
            runs = [open_once(chromium, path) for _ in range(repeat)]
            opened[n] = statistics.median(r[0] for r in runs)
            layout = "python" if n > PHYSICS_MAX_NODES else "physics"
            print(f"{n:>6} {graph.number_of_edges():>6} {layout:>8} {render_s:>9.2f} "
                  f"{path.stat().st_size / 1e6:>8.2f} {opened[n]:>7.2f} "
                  f"{statistics.median(r[1] for r in runs):>10.1f} {statistics.median(r[2] for r in runs):>10.1f}",
                  flush=True)
    if TARGET_NODES in opened:
        met = "met" if opened[TARGET_NODES] < TARGET_SECONDS else "NOT met"
        print(f"target: a {TARGET_NODES}-node page opens in under {TARGET_SECONDS:.0f} s: {met} "
              f"({opened[TARGET_NODES]:.2f} s)")
    return 0


def screenshot(build: Path, png: Path) -> int:
    page_path = build / "graph.html"
    if not page_path.is_file():
        raise SystemExit(f"{page_path} not found: run `kg build seeds --out {build}` first")
    with browser.browser() as chromium:
        page, log = browser.open_view(chromium, page_path, viewport={"width": 1400, "height": 900})
        try:
            page.mouse.move(0, 0)
            page.wait_for_timeout(300)  # the last frame after stabilisation and the fit
            png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png))
        finally:
            browser.close(page)
    if log.errors() or log.dialogs or log.foreign_requests():
        raise SystemExit(f"{page_path}: {log.errors() + log.dialogs + log.foreign_requests()}")
    print(f"wrote {png} (1400x900) from {page_path}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="opens of each page (the median is shown)")
    parser.add_argument("--keep", type=Path, help="write the pages into this folder (default: a temporary one)")
    parser.add_argument("--screenshot", nargs=2, type=Path, metavar=("BUILD_DIR", "PNG"),
                        help="save a screenshot of BUILD_DIR/graph.html to PNG instead")
    args = parser.parse_args()
    reason = browser.skip_reason()
    if reason:
        print(f"skipped: {reason}")
        return 0
    if args.screenshot:
        return screenshot(*args.screenshot)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return bench(args.sizes, args.repeat, args.keep)
    with tempfile.TemporaryDirectory() as tmp:
        return bench(args.sizes, args.repeat, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
