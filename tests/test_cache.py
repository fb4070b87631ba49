"""The extraction cache reads files written before kg's modules moved into the stage packages (no model)."""

from __future__ import annotations

import pickle
import sys
import types
from pathlib import Path

import pytest

import kg.pipeline
from kg.extract import cache
from kg.records import Article, ArticleExtraction, Event, ResolvedTime, Sentence


def extraction() -> ArticleExtraction:
    article = Article("a-1", "Ten people were killed on Monday.", date="2013-08-21")
    sentence = Sentence("a-1", 0, 33, article.text)
    event = Event("a-1", "killing", "killed", 16, 0, 32, (), (), (), (),
                  ResolvedTime("on Monday", "2013-08-19", "day", "2013-08-19", "2013-08-19"), (), None, sentence,
                  "event:verb", 0.65)
    return ArticleExtraction(article, (), {}, (), (), (), (), (event,), None)


def test_a_cache_file_naming_the_old_modules_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    x = extraction()
    # pickle it as the code before the move did: ArticleExtraction in kg.pipeline, ResolvedTime in kg.timex
    timex = types.ModuleType("kg.timex")
    timex.ResolvedTime = ResolvedTime
    monkeypatch.setitem(sys.modules, "kg.timex", timex)
    monkeypatch.setattr(ResolvedTime, "__module__", "kg.timex")
    monkeypatch.setattr(ArticleExtraction, "__module__", "kg.pipeline")
    monkeypatch.setattr(kg.pipeline, "ArticleExtraction", ArticleExtraction, raising=False)
    data = pickle.dumps((1, cache.text_hash(x.article.text), x), protocol=pickle.HIGHEST_PROTOCOL)
    monkeypatch.undo()
    assert b"kg.timex" in data and b"kg.pipeline" in data and "kg.timex" not in sys.modules

    path = tmp_path / cache.file_name("a-1")
    path.write_bytes(data)
    found = cache.read_file(path)
    assert isinstance(found, cache.Cached) and found.extraction == x
    assert found.extraction.events[0].time.date == "2013-08-19"


def test_a_file_of_another_kind_is_damaged_not_read(tmp_path: Path) -> None:
    path = tmp_path / cache.file_name("a-1")
    path.write_bytes(pickle.dumps((1, "digest", {"not": "an extraction"})))
    found = cache.read_file(path)
    assert isinstance(found, cache.Damaged) and "not an extraction file" in found.reason
