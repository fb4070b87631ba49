"""The HTML view at scale: render time, file size, and how long headless Chromium takes to open it.

    .venv/bin/python bench/view.py [--sizes 100 1000 5000] [--repeat 3] [--keep DIR]
    .venv/bin/python bench/view.py --screenshot BUILD_DIR PNG
    .venv/bin/python bench/view.py --corpus 300 792 5000 [--repeat 3] [--keep DIR]
    .venv/bin/python bench/view.py --corpus-screenshots BUILD_DIR FOLDER

For each size, a seeded random actor graph (``synthetic_graph`` in tests/browser.py: about 2 edges per
node, mixed types, relations and polarities, evidence sentences on every node and edge) is rendered with
``kg.view.render.render_view``, and the page is opened in Debian's chromium (headless, through Playwright) REPEAT
times. Figures: the render time (one run), the file size, "open": from navigation start to the page's
``data-kg-ready`` (its layout is stable: after stabilisation up to kg.view.render.PHYSICS_MAX_NODES nodes, after
the first draw of the precomputed layout above), the median of the runs, measured inside the page; and
two interactive figures, the median time of one full redraw (a frame when panning or zooming) and of
hiding then showing the most common node type with its redraws. Target: a 5,000-node page opens in under
10 s.

``--corpus N ...``: the actors view (``graph.html``) of real builds: the first N articles of
../shared/corpus/fakes-syria-news.jsonl (repeated with distinct ids past its 792, as bench/throughput.py does) built
with ``kg build --workers 2``, then its page rendered again from the store: the time to read the network and the
view's context from the store, the render time (``kg.view.actors.render_actor_view``), the page size, and the open
time in Chromium (navigation start to ``data-kg-ready``: the default view laid out), the median of REPEAT opens.
Target: the page opens in under 3 s (TARGET_OPEN_SECONDS).

``--corpus-screenshots BUILD_DIR FOLDER`` saves the actors view, the timeline and the map of BUILD_DIR/graph.html
as FOLDER/corpus-actors.png, corpus-timeline.png and corpus-map.png (the README's, from the 792-article build).

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
TARGET_OPEN_SECONDS = 3.0
CORPUS = ROOT.parent / "shared" / "corpus" / "fakes-syria-news.jsonl"


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


def write_corpus(n: int, path: Path) -> None:
    """The first ``n`` articles of the corpus, repeated with distinct ids past its end (as bench/throughput.py)."""
    import json

    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            record = dict(records[i % len(records)])
            if i >= len(records):
                record["id"] = f"{record['id']}-r{i // len(records)}"
            fh.write(json.dumps(record) + "\n")


def open_ready(chromium, path: Path) -> float:
    """Seconds from navigation start to data-kg-ready of the page at ``path`` (clean: no request, no error)."""
    page, log = browser.new_page(chromium)
    try:
        page.add_init_script(_READY_CLOCK)
        page.goto(path.resolve().as_uri())
        browser.wait_ready(page)
        ready_ms = page.evaluate("window.kgReadyAt")
    finally:
        browser.close(page)
    problems = log.errors() + log.dialogs + log.foreign_requests()
    if problems:
        raise SystemExit(f"{path.name}: {problems[:5]}")
    return ready_ms / 1000


def bench_corpus(sizes: list[int], repeat: int, folder: Path) -> int:
    import subprocess

    import pyoxigraph as ox

    from kg.analysis.context import view_context
    from kg.analysis.measures import analyze
    from kg.analysis.network import actor_network
    from kg.view.actors import render_actor_view

    if not CORPUS.is_file():
        raise SystemExit(f"{CORPUS} not found: the corpus is in ../shared beside the project")
    kg = Path(sys.executable).with_name("kg")
    print(f"{'articles':>8} {'actors':>7} {'links':>7} {'events':>7} {'build s':>8} {'read s':>7} {'render s':>9} "
          f"{'page MB':>8} {'open s':>7}", flush=True)
    verdicts = []
    with browser.browser() as chromium:
        for n in sizes:
            source, out = folder / f"corpus-{n}.jsonl", folder / f"out-{n}"
            write_corpus(n, source)
            start = time.perf_counter()
            subprocess.run([str(kg), "build", str(source), "--out", str(out), "--workers", "2"], check=True,
                           stdout=subprocess.DEVNULL)
            build_s = time.perf_counter() - start
            store = ox.Store.read_only(str(out / "store"))
            start = time.perf_counter()
            network, context = actor_network(store), view_context(store)
            read_s = time.perf_counter() - start
            result = analyze(network)
            page = folder / f"graph-{n}.html"
            start = time.perf_counter()
            render_actor_view(network, result, context, page)
            render_s = time.perf_counter() - start
            del store
            opened = statistics.median(open_ready(chromium, page) for _ in range(repeat))
            print(f"{n:>8} {network.number_of_nodes():>7} {network.number_of_edges():>7} {len(context.events):>7} "
                  f"{build_s:>8.1f} {read_s:>7.2f} {render_s:>9.2f} {page.stat().st_size / 1e6:>8.2f} "
                  f"{opened:>7.2f}", flush=True)
            verdicts.append(f"{n}: {'met' if opened < TARGET_OPEN_SECONDS else 'NOT met'} ({opened:.2f} s)")
    print(f"target: the actors view opens in under {TARGET_OPEN_SECONDS:.0f} s: " + "; ".join(verdicts))
    return 0


def corpus_screenshots(build: Path, folder: Path) -> int:
    page_path = build / "graph.html"
    if not page_path.is_file():
        raise SystemExit(f"{page_path} not found: run `kg build ../shared/corpus/fakes-syria-news.jsonl --out {build}`")
    folder.mkdir(parents=True, exist_ok=True)
    with browser.browser() as chromium:
        page, log = browser.open_view(chromium, page_path, viewport={"width": 1400, "height": 900})
        try:
            page.mouse.move(0, 0)
            page.wait_for_timeout(300)
            page.screenshot(path=str(folder / "corpus-actors.png"))
            for pane in ("timeline", "map"):
                page.click(f"#tab-{pane}")
                page.wait_for_timeout(300)
                page.screenshot(path=str(folder / f"corpus-{pane}.png"))
        finally:
            browser.close(page)
    if log.errors() or log.dialogs or log.foreign_requests():
        raise SystemExit(f"{page_path}: {log.errors() + log.dialogs + log.foreign_requests()}")
    print(f"wrote corpus-actors.png, corpus-timeline.png and corpus-map.png (1400x900) into {folder}")
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
    parser.add_argument("--corpus", type=int, nargs="+", metavar="N",
                        help="bench the actors view of builds of N corpus articles instead")
    parser.add_argument("--corpus-screenshots", nargs=2, type=Path, metavar=("BUILD_DIR", "FOLDER"),
                        help="save screenshots of BUILD_DIR/graph.html's network, timeline and map into FOLDER")
    args = parser.parse_args()
    reason = browser.skip_reason()
    if reason:
        print(f"skipped: {reason}")
        return 0
    if args.screenshot:
        return screenshot(*args.screenshot)
    if args.corpus_screenshots:
        return corpus_screenshots(*args.corpus_screenshots)
    run = (lambda folder: bench_corpus(args.corpus, args.repeat, folder)) if args.corpus else \
        (lambda folder: bench(args.sizes, args.repeat, folder))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        return run(args.keep)
    with tempfile.TemporaryDirectory() as tmp:
        return run(Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
