"""Run a notebook of notebooks/ from start to end, headless, and keep the result beside the build it makes.

    python3 scripts/run_notebook.py [notebooks/explore.ipynb] [--out notebook-out]

The notebook builds into ``--out`` (passed as ``KG_NOTEBOOK_OUT``) and its executed copy, with every output, is
written there too (``OUT/explore.ipynb``: open it in Jupyter, VS Code or any notebook viewer), never beside the
notebook in ``notebooks/``, which stays without outputs. Nothing else is left behind. ``make notebook`` runs it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("notebook", nargs="?", default=str(ROOT / "notebooks" / "explore.ipynb"))
    parser.add_argument("--out", default=str(ROOT / "notebook-out"), help="the build's folder (default: %(default)s)")
    parser.add_argument("--timeout", type=int, default=900, help="seconds a cell may take (default: %(default)s)")
    args = parser.parse_args(argv)
    try:
        import nbclient
        import nbformat
    except ImportError:
        print("error: running a notebook needs nbclient, nbformat and ipykernel: make notebook installs them "
              "(pip install -c requirements.lock -e '.[notebook]')", file=sys.stderr)
        return 2
    notebook, out = Path(args.notebook).resolve(), Path(args.out).resolve()
    if not notebook.is_file():
        print(f"error: no notebook at {notebook}", file=sys.stderr)
        return 2
    os.environ["KG_NOTEBOOK_OUT"] = str(out)  # the kernel inherits the environment
    nb = nbformat.read(notebook, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=args.timeout,
                                     resources={"metadata": {"path": str(notebook.parent)}})
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:
        print(f"error: {notebook.name} failed:\n{exc}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, out / notebook.name)
    print(f"ran {notebook.name}: the build and the executed notebook are in {out}")
    print(f"  {out / notebook.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
