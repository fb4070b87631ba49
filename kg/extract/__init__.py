"""Stage: an article -> what it says. The spaCy pipeline and kg's components, then one module per extractor
(mentions, statements, claims, events, affiliations, coreference) over each article's Doc, and the per-article
run over processes or a Dask cluster."""
