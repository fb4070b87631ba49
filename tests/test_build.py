"""End-to-end builds through the CLI: strict, valid, deterministic output (loads the model)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import cli
from kg.sparql.query import named_queries
from kg.sparql.validate import validate_file

pytestmark = pytest.mark.model
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# the variables each named query must return (../shared/gold/README.md)
CONTRACT = {
    "articles": {"article", "id", "title", "date", "source"},
    "mentions": {"mention", "article", "start", "end", "text", "type", "entity"},
    "actors": {"actor", "label", "type", "alias"},
    "allegations": {"allegation", "accuserLabel", "accusedLabel", "act", "article", "sentence"},
    "denials": {"denial", "denierLabel", "defendedLabel", "article", "sentence"},
    "events": {
        "event",
        "eventType",
        "agentLabel",
        "targetLabel",
        "placeLabel",
        "date",
        "fatalities",
        "article",
        "sentence",
    },
    "statements": {"statement", "speakerLabel", "content", "article", "sentence"},
}


def query_json(runner, name, data):
    result = runner.invoke(cli, ["query", name, "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_trig_parses_with_a_strict_parser(seeds_build):
    quads = list(ox.parse(path=str(seeds_build / "graph.trig"), format=ox.RdfFormat.TRIG))
    graphs = {str(q.graph_name) for q in quads}
    assert any(g.endswith("/article/000_31eeee2ea416536c>") for g in graphs)
    assert any(g.endswith("/graph/actors>") for g in graphs)


def test_output_conforms_to_the_shapes(seeds_build):
    report = validate_file(seeds_build)
    assert report.conforms, report.text


def test_a_broken_graph_does_not_conform(seeds_build, tmp_path):
    """The shapes can fail: a statement without a speaker is caught."""
    text = (seeds_build / "graph.trig").read_text(encoding="utf-8")
    broken = re.sub(r"ckg:speaker <[^>]+>", 'ckg:cue "extra"', text, count=1)
    assert broken != text
    (tmp_path / "graph.trig").write_text(broken, encoding="utf-8")
    assert not validate_file(tmp_path).conforms


def test_building_twice_gives_identical_files(seeds_build, runner, tmp_path):
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in ("graph.trig", "graph.html"):
        assert (tmp_path / name).read_bytes() == (seeds_build / name).read_bytes(), name


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_named_query_returns_the_contract_variables(seeds_build, runner, name):
    doc = query_json(runner, name, seeds_build)
    assert CONTRACT[name] <= set(doc["head"]["vars"])
    assert "bindings" in doc["results"]


def test_every_named_query_is_in_the_contract_or_documented():
    assert set(CONTRACT) <= set(named_queries())


def test_articles_query(seeds_build, runner):
    rows = query_json(runner, "articles", seeds_build)["results"]["bindings"]
    assert sorted(r["id"]["value"] for r in rows) == ["000_31eeee2ea416536c", "004_fbba335d01f0b6b7"]


def test_mention_offsets_index_the_article_text(seeds_build, runner):
    rows = query_json(runner, "mentions", seeds_build)["results"]["bindings"]
    assert len(rows) > 20
    texts = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for row in rows:
        article_id = row["article"]["value"].rsplit("/", 1)[-1]
        start, end = int(row["start"]["value"]), int(row["end"]["value"])
        assert texts[article_id][start:end] == row["text"]["value"]


def test_no_fact_comes_from_boilerplate(seeds_build, runner):
    """Photo credits and captions name people and agencies, but none of it becomes a statement."""
    rows = query_json(runner, "statements", seeds_build)["results"]["bindings"]
    for row in rows:
        assert "REUTERS/" not in row["sentence"]["value"]
        assert "news photo" not in row["sentence"]["value"]


def test_statements_name_speakers(seeds_build, runner):
    rows = query_json(runner, "statements", seeds_build)["results"]["bindings"]
    speakers = {r["speakerLabel"]["value"] for r in rows}
    assert len(rows) >= 5 and len(speakers) >= 4


def test_hostile_text_gives_valid_iris_and_a_conforming_graph(runner, tmp_path):
    records = [
        {
            "id": 'id with "quotes" <and> spaces',
            "title": "t",
            "date": "4/5/2017",
            "source": "Al <b>News</b>",
            "text": 'Officials said that "Bashar al-Assad\'s <script>alert(1)</script> forces" shelled Homs. 🙂 '
            "قال بشار الجعفري إن سوريا. John O'Neil said that the <img src=x onerror=alert(1)> army fled.",
        },
        {"id": "بشار", "text": "Russian President Vladimir Putin said that the talks in Geneva had failed."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    report = validate_file(out)
    assert report.conforms, report.text
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<img src=x" not in html


def test_bad_files_are_named_skipped_and_the_rest_built(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Talks\n\nJohn Kerry said that the talks in Geneva would go on.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "image.txt" in result.output
    assert "Traceback" not in result.output
    assert (out / "graph.trig").exists()
    rows = query_json(runner, "articles", out)["results"]["bindings"]
    assert [r["id"]["value"] for r in rows] == ["good"]


def test_nothing_readable_is_a_clear_error(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "no article could be read" in result.output
    assert "Traceback" not in result.output


def test_dates_and_sources_from_options(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Title\n\nJohn Kerry said that the talks would go on.", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(src), "--out", str(out), "--date", "2013-09-13", "--source", "TIME"])
    assert result.exit_code == 0, result.output
    (row,) = query_json(runner, "articles", out)["results"]["bindings"]
    assert row["date"]["value"] == "2013-09-13" and row["source"]["value"] == "TIME"
    assert row["title"]["value"] == "Title"


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "fakes-syria-news.jsonl"


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/corpus is not beside the project")
def test_real_corpus_sample_builds_and_conforms(runner, tmp_path):
    sample = tmp_path / "sample.jsonl"
    with CORPUS.open(encoding="utf-8") as fh:
        sample.write_text("".join(line for _, line in zip(range(60), fh, strict=False)), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(sample), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = validate_file(out)
    assert report.conforms, report.text[:3000]
    rows = query_json(runner, "articles", out)["results"]["bindings"]
    assert len(rows) == 60 and all(r["date"]["value"][:2] in ("19", "20") for r in rows)


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/corpus is not beside the project")
def test_workers_give_the_same_graph_as_one_process(runner, tmp_path):
    sample = tmp_path / "sample.jsonl"
    with CORPUS.open(encoding="utf-8") as fh:
        sample.write_text("".join(line for _, line in zip(range(40), fh, strict=False)), encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out-{workers}"
        # 40 articles are two batches (32 + 8), one for each worker
        result = runner.invoke(cli, ["build", str(sample), "--out", str(out), "--workers", workers])
        assert result.exit_code == 0, result.output
        outs.append(out)
    assert (outs[0] / "graph.trig").read_bytes() == (outs[1] / "graph.trig").read_bytes()


@pytest.mark.skipif(not CORPUS.is_file(), reason="../shared/corpus is not beside the project")
def test_dask_local_cluster_gives_the_same_graph(runner, tmp_path):
    """A real LocalCluster with two worker processes runs the per-article extraction; the graph is the
    single-process build's, byte for byte."""
    pytest.importorskip("distributed")
    sample = tmp_path / "sample.jsonl"
    with CORPUS.open(encoding="utf-8") as fh:
        sample.write_text("".join(line for _, line in zip(range(70), fh, strict=False)), encoding="utf-8")
    single, dask = tmp_path / "single", tmp_path / "dask"
    result = runner.invoke(cli, ["build", str(sample), "--out", str(single)])
    assert result.exit_code == 0, result.output
    # 70 articles: three batches of up to 32, so both workers take tasks
    result = runner.invoke(cli, ["build", str(sample), "--out", str(dask), "--dask", "local", "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert (dask / "graph.trig").read_bytes() == (single / "graph.trig").read_bytes()


def test_dask_scheduler_not_reachable_is_a_clear_error(runner, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import kg.extract.run

    monkeypatch.setattr(kg.extract.run, "DASK_TIMEOUT", 2)
    (tmp_path / "a.txt").write_text("The army shelled the town.", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"),
                                 "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert "no Dask scheduler answered at 'tcp://127.0.0.1:9'" in result.output and "--dask local" in result.output
    assert "Traceback" not in result.output


def test_progress_bar_counts_articles_and_time_left(tmp_path, capsys):
    from kg.pipeline import build

    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"a{i}", "text": f"The army shelled town {i}."}) + "\n"
                              for i in range(3)), encoding="utf-8")
    build([source], tmp_path / "out", progress=True)
    err = capsys.readouterr().err
    assert "extracting" in err and "/3 [" in err and "articles/s" in err  # counted ahead: a total, so time left
    build([source], tmp_path / "quiet", progress=False)
    assert capsys.readouterr().err == ""


def test_identical_across_processes_and_hash_seeds(tmp_path):
    """Set iteration order varies with PYTHONHASHSEED; the output must not."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "--out", str(out)], env=env, check=True,
                       capture_output=True)
        outputs.append(out)
    for name in ("graph.trig", "graph.html"):
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), name


def test_actor_dictionary_names_types_and_links_actors(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Clashes\n\nThe Zorgan Brigades said that the Nimrod Front shelled Kafr Batna. "
                   "A ZB commander, Omar Talib, said the ZB would respond.", encoding="utf-8")
    actors = tmp_path / "actors.csv"
    actors.write_text("name,type,aliases,same_as\n"
                      "Zorgan Brigades,ArmedGroup,ZB|Zorgan,http://www.wikidata.org/entity/Q1\n"
                      "Nimrod Front,militia,,\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(src), "--out", str(out), "--actors", str(actors)])
    assert result.exit_code == 0, result.output
    rows = query_json(runner, "actors", out)["results"]["bindings"]
    types = {r["label"]["value"]: r["type"]["value"] for r in rows}
    assert types.get("Zorgan Brigades") == "ArmedGroup" and types.get("Nimrod Front") == "ArmedGroup"
    assert len({r["actor"]["value"] for r in rows if r["label"]["value"] == "Zorgan Brigades"}) == 1
    same = query_json(runner, "SELECT ?a ?x WHERE { ?a <http://www.w3.org/2002/07/owl#sameAs> ?x }", out)
    links = sorted(b["x"]["value"] for b in same["results"]["bindings"])
    # the dictionary's link, and the gazetteer's for the town ("Kafr Batna": a place by the word that begins it)
    assert links[0] == "http://www.wikidata.org/entity/Q1" and all("geonames" in x for x in links[1:])
    assert validate_file(out).conforms


def test_a_bad_actor_dictionary_is_a_clear_error(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("T\n\nJohn Kerry said the talks went on.", encoding="utf-8")
    bad = tmp_path / "actors.csv"
    bad.write_text("name,kind\nX,person\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(src), "--out", str(tmp_path / "out"), "--actors", str(bad)])
    assert result.exit_code == 2
    assert "actors.csv" in result.output and "Traceback" not in result.output


def test_places_are_typed_by_context_and_carry_coordinates(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Shelling\n\nSyrian government forces shelled the towns of Douma and Harasta on Monday, "
                   "killing at least 12 civilians, the Syrian Observatory for Human Rights said.", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = query_json(runner, """
        PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
        PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?label ?lat ?long WHERE { ?p a ckg:Place ; skos:prefLabel ?label ; geo:lat ?lat ; geo:long ?long }
    """, out)["results"]["bindings"]
    located = {r["label"]["value"]: (float(r["lat"]["value"]), float(r["long"]["value"])) for r in rows}
    assert "Douma" in located
    lat, long = located["Douma"]
    assert 32 < lat < 38 and 35 < long < 43  # in Syria


def test_denials_answer_allegations_across_articles_and_the_rest_stay_unanswered(runner, tmp_path):
    records = [
        {"id": "a", "text": "Human Rights Watch accused Turkey of shelling Kurdish villages near Afrin. "
                            "Amnesty International accused the Syrian army of torturing detainees."},
        {"id": "b", "text": "Turkish Foreign Minister Mevlut Cavusoglu denied that Turkey had shelled villages."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", str(src), "--out", str(out)]).exit_code == 0
    denials = query_json(runner, "denials", out)["results"]["bindings"]
    answered = {d["allegation"]["value"] for d in denials if "allegation" in d}
    assert len(answered) == 1 and "/article/a/" in next(iter(answered))
    unanswered = query_json(runner, "unanswered", out)["results"]["bindings"]
    assert {r["accusedLabel"]["value"] for r in unanswered} == {"Syrian army"}
    assert validate_file(out).conforms


def test_append_adds_articles_and_equals_a_full_build(runner, tmp_path):
    first, second = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", str(first), "--out", str(out)]).exit_code == 0
    result = runner.invoke(cli, ["build", str(SEEDS), "--out", str(out), "--append"])
    assert result.exit_code == 0, result.output
    assert "1 new, 0 updated, 1 unchanged" in result.output
    full = tmp_path / "full"
    assert runner.invoke(cli, ["build", str(SEEDS), "--out", str(full)]).exit_code == 0
    assert (out / "graph.trig").read_bytes() == (full / "graph.trig").read_bytes()
    rows = query_json(runner, "articles", out)["results"]["bindings"]
    assert len(rows) == 2


def test_append_replaces_an_article_whose_text_changed(runner, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("T\n\nJohn Kerry said that the talks in Geneva would go on.", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(cli, ["build", str(src), "--out", str(out)]).exit_code == 0
    src.write_text("T\n\nSergei Lavrov said that the talks in Geneva had failed.", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(src), "--out", str(out), "--append"])
    assert "0 new, 1 updated, 0 unchanged" in result.output
    speakers = {r["speakerLabel"]["value"] for r in query_json(runner, "statements", out)["results"]["bindings"]}
    assert speakers == {"Sergei Lavrov"}


def test_the_build_settles_its_heap_and_unfreezes_it_at_the_end() -> None:
    import gc
    import weakref

    from kg.extract.run import settled_heap

    class Node:
        pass

    with settled_heap() as settle:
        kept = [Node() for _ in range(100)]
        cycle = Node()
        cycle.self = cycle
        gone = weakref.ref(cycle)
        del cycle
        settle()
        assert gone() is None  # garbage in a cycle is collected, not frozen
        assert gc.get_freeze_count() >= len(kept)  # what is kept is left out of later collections
    assert gc.get_freeze_count() == 0


def test_ids_whose_iri_order_is_not_their_graph_order_build(runner, tmp_path):
    """case-1 ... case-11: by IRI case-1 sorts before case-10, by the N-Triples form the files are sorted by (``<…>``)
    after it; the build wrote the articles in the first order and its writer refused them."""
    source = tmp_path / "a.jsonl"
    source.write_text("".join(json.dumps({"id": f"case-{i}", "text": "Rebels said the army shelled Idlib, killing 3."})
                              + "\n" for i in range(1, 12)), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("built 11 articles")
    rows = query_json(runner, "articles", out)["results"]["bindings"]
    assert sorted(r["id"]["value"] for r in rows) == sorted(f"case-{i}" for i in range(1, 12))
    assert validate_file(out).conforms


def test_an_ignored_field_is_a_warning_not_a_skip(runner, tmp_path):
    """A field of the wrong type is ignored and the article built: the warning does not say "skipped", the summary
    does not count it, and the exit status is 0."""
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "x", "title": {"en": "T"}, "date": "sometime", "source": True,
                                  "text": "Rebels said the army shelled Idlib."}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 3 and not any("skipped" in line for line in warnings)
    assert any("'title'" in line and "ignored" in line for line in warnings)
    assert any("kept without a date" in line for line in warnings)
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["skipped"] == 0
    assert result.output.count("built 1 article:") == 1


def test_an_extractors_bug_on_one_article_is_said_and_the_others_are_built(runner, tmp_path, monkeypatch):
    from kg.extract import run

    real = run.extract_events

    def failing(doc, article, *args, **kwargs):
        if "BOOM" in article.text:
            raise ValueError("a bug")
        return real(doc, article, *args, **kwargs)

    monkeypatch.setattr(run, "extract_events", failing)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Talks\n\nJohn Kerry said that the talks in Geneva would go on.", encoding="utf-8")
    (folder / "bad.txt").write_text("BOOM\n\nSergei Lavrov said that Russia would veto it.", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "bad.txt" in result.output and "ValueError: a bug" in result.output and "bug of kg" in result.output
    assert "Traceback" not in result.output
    ids = [r["id"]["value"] for r in query_json(runner, "articles", out)["results"]["bindings"]]
    assert ids == ["bad", "good"]
    speakers = {r["speakerLabel"]["value"] for r in query_json(runner, "statements", out)["results"]["bindings"]}
    assert "John Kerry" in speakers and not any("Lavrov" in s for s in speakers)
