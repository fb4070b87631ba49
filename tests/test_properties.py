"""Property-based tests (hypothesis): for arbitrary article text and metadata the build's output parses with a strict
parser, conforms to the SHACL shapes and holds only valid IRIs; the readers never crash on arbitrary bytes; and a
bounded fuzz run of the readers (about a minute; KG_FUZZ_SECONDS sets it) finds no crash."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from rdflib import URIRef

from kg.readers.articles import read_articles

SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".csv"]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# text that looks like news often enough for the extractors to fire, mixed with anything at all
WORDS = ["the", "army", "said", "accused", "denied", "killed", "Syria", "Russia", "Human Rights Watch", "rebels",
         "\u201c", "\u201d", '"', "<b>", "</script>", "&amp;", "\n\n", "O'Neil", "محمد", "🙂", "\u202e", "\x00",
         "\ud800", "12", "dozens", "on Monday", "in Homs", ".", ",", ":"]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
)
metadata = st.fixed_dictionaries({}, optional={
    "title": st.text(max_size=60), "source": st.text(max_size=30),
    "date": st.one_of(st.text(max_size=20), st.dates().map(str)), "url": st.text(max_size=60),
})
# the ids of one input, together: how a build orders its articles depends on the whole set. Ids share a stem, as
# case-1 ... case-11 do, so one is often the start of another ("case-1", "case-10"), which their IRIs and their
# N-Triples forms (<...>) sort in different orders.
id_sets = st.builds(lambda stem, tails: [stem + tail for tail in tails], st.text(max_size=12),
                    st.lists(st.text(alphabet="019-_. aé", max_size=3), min_size=1, max_size=6, unique=True))


def _read_all(path: Path) -> list:
    problems: list = []
    articles = list(read_articles([path], on_problem=problems.append))
    for article in articles:  # what is read is usable: text, ranges inside it
        assert article.text.strip()
        assert all(0 <= start <= end <= len(article.text) for start, end in article.boilerplate)
    assert all(str(p) for p in problems)
    return articles


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_readers_never_crash_on_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    _read_all(path)


@pytest.mark.model
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(ids=id_sets, records=st.lists(st.tuples(texts, metadata), min_size=6, max_size=6))
def test_any_text_and_metadata_give_a_strict_valid_graph(tmp_path_factory, ids, records) -> None:
    from kg.errors import NoArticles
    from kg.pipeline import build
    from kg.sparql.validate import validate_file

    folder = tmp_path_factory.mktemp("prop")
    lines = []
    for article_id, (text, meta) in zip(ids, records, strict=False):
        lines.append(json.dumps({**meta, "text": text, "id": article_id}))
    source = folder / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = folder / "out"
    try:
        build([source], out, progress=False)
    except NoArticles:
        return  # nothing readable (every text blank or every record refused): a clear error, nothing to check
    trig = (out / "graph.trig").read_bytes()
    quads = list(ox.parse(trig, format=ox.RdfFormat.TRIG))  # strict: an invalid IRI or literal raises
    for quad in quads:
        for term in (quad.subject, quad.predicate, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode):
                ox.NamedNode(term.value)  # a valid IRI (raises otherwise)
                assert not any(c in term.value for c in ' <>"{}|\\^`')
    report = validate_file(out)
    assert report.conforms, report.text[:2000]


# --- a bounded fuzz run --------------------------------------------------------------------------------------

FUZZ_SECONDS = float(os.environ.get("KG_FUZZ_SECONDS", "60"))


def _seed_inputs() -> list[tuple[bytes, str]]:
    """Well-formed inputs of every kind, for the fuzzer to mutate."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file())[:6000]
    record = {"id": "x", "title": "T", "date": "2013-09-13", "source": "AP", "text": text[:1500]}
    return [
        (text.encode("utf-8"), ".txt"),
        (f"<html><head><title>T</title></head><body><nav>menu</nav><article><p>{text[:2000]}</p>"
         "<script>var x = '<p>';</script></article></body></html>".encode(), ".html"),
        ((json.dumps(record) + "\n").encode() * 3, ".jsonl"),
        (json.dumps([record, record | {"id": "y"}]).encode(), ".json"),
        (("id,title,text\n" + "1,T,\"" + text[:800].replace('"', '""') + "\"\n").encode(), ".csv"),
    ]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        at = rng.randrange(len(buffer) + 1)
        if choice < 0.3 and buffer:  # flip a byte
            buffer[min(at, len(buffer) - 1)] = rng.randrange(256)
        elif choice < 0.5:  # insert markup, quotes, escapes, encodings' bytes
            buffer[at:at] = rng.choice([b"<", b">", b"\"", b"\\", b"\\u", b"{", b"}", b"\n", b",", b"\x00", b"\xff",
                                        b"\xef\xbb\xbf", b"\xfe\xff", b"<!--", b"<![CDATA[", b"&#x0;", b"\r"])
        elif choice < 0.7:  # delete a run
            del buffer[at:at + rng.randint(1, 64)]
        elif choice < 0.85 and buffer:  # duplicate a run
            end = min(len(buffer), at + rng.randint(1, 256))
            buffer[at:at] = buffer[at:end]
        else:  # truncate
            del buffer[at:]
    return bytes(buffer)


@settings(max_examples=200, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pick=st.integers(min_value=0, max_value=4), mutation_seed=st.integers(min_value=0, max_value=2**32),
       raw=st.booleans(), noise=st.binary(max_size=512))
def _fuzz_one(tmp_path: Path, counter: list[int], pick: int, mutation_seed: int, raw: bool, noise: bytes) -> None:
    data, suffix = _seed_inputs()[pick]
    data = noise if raw and noise else _mutate(data, random.Random(mutation_seed))
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    counter[0] += 1
    _read_all(path)


@pytest.mark.fuzz
def test_fuzz_the_readers_for_a_minute(tmp_path: Path, capsys) -> None:
    counter = [0]
    started = time.monotonic()
    rounds = 0
    while time.monotonic() - started < FUZZ_SECONDS:
        seed(rounds)(_fuzz_one)(tmp_path, counter)  # a fresh hypothesis run, its own seed, each round
        rounds += 1
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\nfuzz: {counter[0]} inputs in {elapsed:.1f} s ({counter[0] / elapsed:.0f} inputs/s), no crash")
    assert counter[0] > 0


_IRIS = st.sampled_from(["http://example.org/a", "http://example.org/a/b", "http://example.org/ab",
                         "https://w3id.org/conflict-kg/ontology#Mention", "urn:x:1", "http://example.org/\u00e9"])
_LITERALS = st.one_of(
    st.text(max_size=20).map(ox.Literal),
    st.tuples(st.text(max_size=10), st.sampled_from(["en", "ar", "en-GB"])).map(
        lambda t: ox.Literal(t[0], language=t[1])),
    st.integers().map(lambda n: ox.Literal(str(n), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
)
_QUADS = st.lists(st.tuples(
    st.one_of(_IRIS.map(URIRef), _IRIS.map(ox.NamedNode)),
    _IRIS.map(URIRef),
    st.one_of(_IRIS.map(URIRef), _LITERALS),
    st.sampled_from(["http://example.org/g1", "http://example.org/g2"]).map(URIRef)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(quads=_QUADS)
def test_a_sorted_graph_is_what_pyoxigraph_writes_for_the_sorted_quads(quads) -> None:
    from kg.rdf.serialize import quad_key, sorted_graph, to_oxigraph

    expected = sorted({ox.Quad(*(to_oxigraph(t) for t in q)) for q in quads}, key=quad_key)
    got, nquads = sorted_graph(quads + quads[:3])  # duplicates go
    assert got == expected
    assert nquads == ox.serialize(expected, format=ox.RdfFormat.N_QUADS)


@settings(max_examples=200, deadline=None)
@given(ids=id_sets)
def test_article_graphs_in_graph_key_order_are_what_the_writer_takes(ids) -> None:
    """The order the build writes its article graphs in (kg.rdf.serialize.graph_key of their IRIs) is the writer's."""
    import io

    from kg.rdf.iris import article_iri
    from kg.rdf.serialize import GraphWriter, graph_key, quad_key, serialize, to_oxigraph

    graphs = sorted({article_iri(i) for i in ids}, key=graph_key)
    quads = [ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal(str(n)),
                     to_oxigraph(graph)) for n, graph in enumerate(graphs)]
    buffer = io.BytesIO()
    writer = GraphWriter(buffer)
    for quad in quads:
        writer.write([quad])
    writer.close()
    assert buffer.getvalue() == serialize(sorted(quads, key=quad_key), ox.RdfFormat.TRIG)
