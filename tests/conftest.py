from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

# the test helpers (servers.py, browser.py) are plain modules beside the tests: `import servers`
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A run filtered by ``-m`` (such as ``-m "not model"``, the quick run) leaves out the minute-long fuzz run of
    the readers unless its expression names ``fuzz``; a full run keeps it."""
    expression = config.getoption("markexpr")
    if not expression or "fuzz" in expression:
        return
    fuzz = [item for item in items if item.get_closest_marker("fuzz") is not None]
    if fuzz:
        config.hook.pytest_deselected(items=fuzz)
        items[:] = [item for item in items if item.get_closest_marker("fuzz") is None]


_MARK_IT = "mark it @pytest.mark.model (or build its Doc by hand, as tests/test_rules.py does)"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item):
    """Guard the tests not marked ``model``: from their setup (fixtures included) to their teardown, a pipeline that
    ``spacy.load`` loads, or one kg's ``load_pipeline`` gives (even from its cache), fails the test, so that
    ``pytest -m "not model"`` provably loads no pipeline. (Asking for a model that is not installed is allowed:
    nothing is loaded.)"""
    if item.get_closest_marker("model") is None:
        import spacy

        from kg.extract.nlp import load_pipeline

        real = spacy.load
        loaded: list[str] = []

        def guarded(name, *args, **kwargs):
            real(name, *args, **kwargs)
            loaded.append(str(name))
            raise AssertionError(f"this test loaded the spaCy pipeline {str(name)!r}: {_MARK_IT}")

        patch = pytest.MonkeyPatch()
        patch.setattr(spacy, "load", guarded)
        info = load_pipeline.cache_info()
        item.stash[_GUARD] = (patch, loaded, info.hits, info.currsize)
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield
    guard = item.stash.get(_GUARD, None)
    if guard is not None:
        patch, loaded, hits, size = guard
        patch.undo()
        from kg.extract.nlp import load_pipeline

        info = load_pipeline.cache_info()
        if loaded or info.hits != hits or info.currsize != size:
            pytest.fail(f"{item.nodeid} loaded a spaCy pipeline: {_MARK_IT}", pytrace=False)
    return result


_GUARD = pytest.StashKey[tuple]()


@pytest.fixture(scope="session")
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory, runner) -> Path:
    """The seeds built once for the session (loads the spaCy model)."""
    from kg.cli import cli

    out = tmp_path_factory.mktemp("seeds-build")
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out
