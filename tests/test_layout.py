"""The shape of the code: stage packages, a small top level, a composer that only composes, extractors that do not
lean on each other. Read from the source (ast), not by importing it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

#: The modules of kg/extract that read a Doc and give records: none of them imports another.
EXTRACTORS = {"mentions", "statements", "claims", "events", "affiliations", "coreference", "cameo_verbs", "repeats"}
#: The one module of kg/extract that runs them all, in order.
COMPOSER = "run"


def imported_modules(path: Path) -> set[str]:
    """The dotted names of the kg modules ``path`` imports (``from kg.extract import claims`` counts as
    ``kg.extract.claims``), anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "kg" or name.startswith("kg.")}


def test_imported_modules_reads_every_form_of_import(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("import kg.extract.claims\nfrom kg.extract import events as e\n"
                      "def f():\n    from kg.extract.statements import speaker_of\n", encoding="utf-8")
    found = imported_modules(source)
    assert {"kg.extract.claims", "kg.extract.events", "kg.extract.statements"} <= found


def test_every_extractor_is_a_module_of_kg_extract() -> None:
    assert {p.stem for p in (KG / "extract").glob("*.py")} >= EXTRACTORS | {COMPOSER, "syntax"}


def test_no_module_of_kg_extract_imports_an_extractor_but_the_composer() -> None:
    offences = []
    for path in sorted((KG / "extract").glob("*.py")):
        if path.stem == COMPOSER:
            continue
        for name in sorted(imported_modules(path)):
            if name.startswith("kg.extract.") and name.split(".")[2] in EXTRACTORS - {path.stem}:
                offences.append(f"{path.name} imports {name}")
    assert not offences, offences


def test_nothing_outside_kg_extract_imports_an_extractor_but_the_composer_and_the_tests() -> None:
    offences = []
    for path in sorted(KG.rglob("*.py")):
        if path.parent.name == "extract":
            continue
        for name in sorted(imported_modules(path)):
            if name.startswith("kg.extract.") and name.split(".")[2] in EXTRACTORS:
                offences.append(f"{path.relative_to(KG)} imports {name}")
    assert not offences, offences


def test_the_top_level_holds_at_most_eight_modules_beside_the_stage_packages() -> None:
    modules = sorted(p.name for p in KG.glob("*.py"))
    assert len(modules) <= 8, modules
    packages = {p.name for p in KG.iterdir() if (p / "__init__.py").is_file()}
    assert packages == {"readers", "extract", "resolve", "rdf", "sparql", "analysis", "view"}


def test_the_pipeline_only_composes() -> None:
    lines = (KG / "pipeline.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 300


def test_data_iris_are_minted_only_by_the_minter() -> None:
    offences = []
    for path in sorted(KG.rglob("*.py")):
        if path == KG / "rdf" / "iris.py":
            continue
        text = path.read_text(encoding="utf-8")
        for mark in ("w3id.org/conflict-kg/id/", "iris.BASE", "span_iri(", 'URIRef(f"'):
            if mark in text:
                offences.append(f"{path.relative_to(KG)}: {mark}")
    assert not offences, offences


GUARDED = '''
import pytest

from kg.extract.nlp import load_pipeline


def test_unmarked_loads():
    load_pipeline()


@pytest.mark.model
def test_marked_loads():
    load_pipeline()


def test_unmarked_asks_for_a_missing_model():
    from kg.errors import ModelNotFound

    with pytest.raises(ModelNotFound):
        load_pipeline("en_core_web_nonexistent")
'''


@pytest.mark.model
def test_the_guard_fails_an_unmarked_test_that_loads_a_pipeline(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys

    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_guarded.py").write_text(GUARDED, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", "test_guarded.py"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    report = done.stdout
    assert "PASSED test_guarded.py::test_marked_loads" in report, report
    assert "PASSED test_guarded.py::test_unmarked_asks_for_a_missing_model" in report, report
    assert "test_guarded.py::test_unmarked_loads" in report and "loaded a spaCy pipeline" in report, report
    assert "PASSED test_guarded.py::test_unmarked_loads" not in report, report
