"""kg.sparql.load's parts that need no server."""

from __future__ import annotations

import gc
import sys

import pyoxigraph as ox

from kg.sparql.load import _read_ahead


def test_a_load_abandoned_half_way_ends_its_reading_in_the_reading_thread(monkeypatch):
    """pyoxigraph's query results may only be dropped by the thread that made them: the reader that made them
    must end the reading when the load stops early (the server died), not leave it to the main thread."""
    store = ox.Store()
    for i in range(50):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), ox.NamedNode("http://example.org/p"),
                          ox.Literal(i), ox.DefaultGraph()))
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)

    def requests():
        for solution in store.query("SELECT ?s WHERE { ?s ?p ?o }"):  # made in the reader thread
            yield solution["s"].value

    ahead = _read_ahead(requests(), ahead=2)
    assert next(ahead).startswith("http://example.org/s")
    ahead.close()  # the load gives up after its first request
    del ahead
    gc.collect()
    assert unraisable == []


def test_garbage_the_main_thread_left_is_not_freed_by_the_reader(monkeypatch):
    """Query results caught in a reference cycle on the main thread (a kept traceback, say) are collected before
    the reader starts, not by a collection that happens to run in the reader thread."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p"), ox.Literal(1),
                      ox.DefaultGraph()))
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    gc.disable()
    try:
        cycle: list[object] = [store.query("SELECT ?s WHERE { ?s ?p ?o }")]
        cycle.append(cycle)
        del cycle  # garbage now, freed only by a collection

        def requests():
            gc.collect()  # a collection in the reader thread
            yield "a request"

        assert list(_read_ahead(requests())) == ["a request"]
    finally:
        gc.enable()
    assert unraisable == []
