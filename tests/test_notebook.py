"""The notebooks in notebooks/ run from start to end, so they cannot rot."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
EXPLORE = NOTEBOOKS / "explore.ipynb"


class _Tables(HTMLParser):
    """The ``<table class="kg-results" data-query=...>`` tables of an HTML output: query -> rows of cells."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._query: str | None = None
        self._in_body = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "kg-results" in (attrs.get("class") or ""):
            self._query = attrs.get("data-query", "")
            self.tables[self._query] = []
        elif self._query is not None and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self._row = []
        elif self._row is not None and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._query].append(self._row)
            self._row = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._query = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _outputs(nb) -> list[dict]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _texts(nb, mime: str) -> list[str]:
    return [out["data"][mime] for out in _outputs(nb)
            if out.output_type in ("display_data", "execute_result") and mime in out.get("data", {})]


def test_notebooks_are_stored_without_outputs():
    """Executed outputs (and their build paths, article text, a megabyte of HTML) stay out of git."""
    paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    assert EXPLORE in paths
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        assert nb.metadata.kernelspec.name == "python3", path.name
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: {cell.source[:60]!r}"


def test_the_notebook_builds_into_a_folder_of_the_repository_not_a_temporary_one(tmp_path, monkeypatch):
    """Without KG_NOTEBOOK_OUT, the build goes to notebook-out/ of the repository (git ignores it), which the next
    run replaces: running the notebook leaves no temporary folder behind."""
    nb = nbformat.read(EXPLORE, as_version=4)
    setup = next(cell.source for cell in nb.cells if cell.cell_type == "code")
    repo = tmp_path / "repo"
    (repo / "seeds").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("", encoding="utf-8")
    (repo / "notebooks").mkdir()
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.delenv("KG_NOTEBOOK_OUT", raising=False)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)  # read TMPDIR again
    monkeypatch.chdir(repo / "notebooks")
    namespace: dict = {}
    exec(compile(setup, "explore.ipynb", "exec"), namespace)  # noqa: S102 - the notebook's own first cell
    assert namespace["OUT"] == repo / "notebook-out"
    assert list(temp.iterdir()) == []
    gitignore = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "notebook-out/" in gitignore


def test_make_notebook_installs_what_the_notebook_needs() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    needed = {re.split(r"[<>=]", requirement)[0] for requirement in extras["notebook"]}
    assert {"ipykernel", "nbclient", "nbformat"} <= needed
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^notebook: install-notebook$", makefile, re.MULTILINE)
    assert '-e ".[notebook]"' in makefile and "scripts/run_notebook.py" in makefile
    assert "make notebook" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.model
def test_explore_notebook_runs(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setenv("KG_NOTEBOOK_OUT", str(out))  # the kernel inherits the environment
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # the kernel's temporary files: none may be left
    nb = nbformat.read(EXPLORE, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600,
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError on the first cell that raises
    client = None  # the kernel stopped
    assert sorted(p.name for p in temp.iterdir()) == []  # no temporary folder left behind

    errors = [out for out in _outputs(nb) if out.output_type == "error"]
    assert not errors, errors
    stderr = "".join(out.text for out in _outputs(nb) if out.output_type == "stream" and out.name == "stderr")
    assert "Traceback" not in stderr, stderr

    # the build went to KG_NOTEBOOK_OUT, from the repository's seeds
    stdout = "".join(out.text for out in _outputs(nb) if out.output_type == "stream" and out.name == "stdout")
    assert str(out) in stdout and str(ROOT / "seeds") in stdout
    assert (out / "graph.trig").is_file() and (out / "graph.html").is_file()
    summary = dict(re.findall(r"^\s*(\w+): (\d+)$", stdout, re.MULTILINE))
    assert int(summary["articles"]) == len(list((ROOT / "seeds").iterdir()))
    assert int(summary["allegations"]) > 0 and int(summary["triples"]) > 0

    # the SPARQL tables have rows
    parser = _Tables()
    for text in _texts(nb, "text/html"):
        parser.feed(text)
    tables = parser.tables
    assert {"accusations", "unanswered", "count-per-type"} <= set(tables), sorted(tables)
    assert tables["accusations"] and all(len(row) == 3 and row[0] and row[1] and int(row[2]) >= 1
                                         for row in tables["accusations"])
    assert tables["unanswered"]
    per_type = {row[0]: int(row[1]) for row in tables["count-per-type"]}
    most_per_pair = max(int(row[2]) for row in tables["accusations"])
    assert per_type.get("Allegation") == int(summary["allegations"]) >= most_per_pair
    assert per_type.get("Article") == int(summary["articles"])

    # the analysis printed actors by label, and the most accused agree with the SPARQL table
    accused = {row[1] for row in tables["accusations"]}
    most_accused = stdout.split("Most accused:", 1)[1].split("Most central", 1)[0]
    listed = [line.strip().split(" (", 1)[0] for line in most_accused.splitlines() if line.strip()]
    assert listed and set(listed) <= accused, (listed, accused)
    central = stdout.split("Most central (PageRank):", 1)[1]
    assert re.search(r"^  \S.*: 0\.\d{3}$", central, re.MULTILINE), central
    assert "https://" not in most_accused + central  # labels, not IRIs

    reports = [text for text in _texts(nb, "text/markdown") if "# Actor network report" in text]
    assert len(reports) == 1 and "## Most accused" in reports[0] and listed[0] in reports[0]

    # the view, inline: the built page escaped into an iframe's srcdoc
    frames = [text for text in _texts(nb, "text/html") if text.startswith("<iframe srcdoc=")]
    pages = [p for p in ("graph.html", "allegations.html") if (out / p).is_file()]
    assert len(frames) == len(pages) >= 1
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert len(frames[0]) > len(page) > 1000
    assert "<script" not in frames[0] and "&lt;script" in frames[0]  # escaped, so the page stays whole
