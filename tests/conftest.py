from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

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
