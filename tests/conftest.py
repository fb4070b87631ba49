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
