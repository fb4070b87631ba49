"""Stage: an article -> what it says. The spaCy pipeline and kg's components, then one module per extractor
(mentions, statements, claims, events, affiliations, coreference) over each article's Doc, sharing only
:mod:`kg.extract.syntax` (and the readers of values in text, :mod:`kg.extract.numbers` and
:mod:`kg.extract.times`), and the per-article run over processes or a Dask cluster (:mod:`kg.extract.run`)."""
