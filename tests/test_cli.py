"""The command line: help everywhere, documented in the README, clear errors (no model needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_top_level_help_has_an_example(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "kg build" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(runner, command):
    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output
    assert f"kg {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command):
    assert f"kg {command}" in README


def test_python_dash_m_kg_works():
    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "build" in result.stdout


def test_missing_data_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(cli, ["query", "actors", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "nowhere" in result.output and "graph.trig" in result.output
    assert "Traceback" not in result.output


def test_unknown_query_is_a_clear_error(runner, tmp_path):
    (tmp_path / "g.ttl").write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    result = runner.invoke(cli, ["query", "who-knows", "--data", str(tmp_path / "g.ttl")])
    assert result.exit_code == 2
    assert "who-knows" in result.output and "actors" in result.output


def test_invalid_sparql_is_a_clear_error(runner, tmp_path):
    (tmp_path / "g.ttl").write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    result = runner.invoke(cli, ["query", "SELECT ?s WHERE { ?s ", "--data", str(tmp_path / "g.ttl")])
    assert result.exit_code == 2
    assert "not valid SPARQL" in result.output


def test_inline_query_on_a_turtle_file(runner, tmp_path):
    (tmp_path / "g.ttl").write_text("<http://a> <http://b> <http://c> .\n", encoding="utf-8")
    result = runner.invoke(
        cli,
        ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--data", str(tmp_path / "g.ttl"), "--format", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "1"]


def test_rq_file_query(runner, tmp_path):
    (tmp_path / "g.nt").write_text('<http://a> <http://b> "x" .\n', encoding="utf-8")
    (tmp_path / "q.rq").write_text("SELECT ?o WHERE { ?s ?p ?o }", encoding="utf-8")
    result = runner.invoke(cli, ["query", str(tmp_path / "q.rq"), "--data", str(tmp_path / "g.nt"), "-f", "table"])
    assert result.exit_code == 0, result.output
    assert "x" in result.output and "(1 row)" in result.output


def test_a_missing_model_says_what_to_install(runner, tmp_path):
    (tmp_path / "a.txt").write_text("T\n\nJohn Kerry said the talks went on.", encoding="utf-8")
    result = runner.invoke(
        cli, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "o"), "--model", "en_core_web_nonexistent"]
    )
    assert result.exit_code == 2
    assert "en_core_web_nonexistent" in result.output and "pip install" in result.output
    assert "Traceback" not in result.output


def test_queries_lists_the_named_queries(runner):
    result = runner.invoke(cli, ["queries"])
    assert result.exit_code == 0
    for name in ("articles", "mentions", "actors", "allegations", "denials", "events", "statements"):
        assert name in result.output
