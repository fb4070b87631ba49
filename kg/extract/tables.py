"""The model's own attribute ruler and rule lemmatizer, applied by table lookup over a Doc's arrays.

``en_core_web_sm``'s ``attribute_ruler`` (179 rules: the tag map, morphology and lemma exceptions) runs a token
``Matcher`` over every token, and its ``lemmatizer`` walks the tokens as Python objects: together 20% of the plain
model's time on news text, for results that depend on a few attributes of a token (its tag, lower-case form,
dependency, whether it is a space) or of two neighbours. :class:`AttributeTable` and :class:`LemmaTable` take the
loaded components' own rules and tables and give the same annotations (``tests/test_tables.py`` compares every
token's attributes with the stock components' on real articles), memoised by those attributes and written with
``Doc.from_array``. A pipeline whose components use what the tables do not model (an operator in a pattern, an
attribute other than those four, a lemmatizer not in rule mode) keeps its stock component: :func:`tabulate` says
which it replaced.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

#: The token attributes a rule may test, in the order of a row of ``Doc.to_array``.
_TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TESTED_IDS = [TAG, LOWER, DEP, IS_SPACE]
#: The attributes a rule may set, in the order of the arrays written back.
_SET_IDS = (POS, MORPH, LEMMA, TAG, DEP)

Row = tuple[int, int, int, int]


def _predicate(key: str, value: object, strings: StringStore) -> Callable[[Row], bool] | None:
    """A test of one attribute of a row (``Doc.to_array`` of :data:`_TESTED`), or None when the value is one the
    table does not model (a comparison, a fuzzy match, a test of length)."""
    column = _TESTED.index(key)
    if key == "IS_SPACE":
        if not isinstance(value, bool):
            return None
        return lambda row: bool(row[column]) == value
    if isinstance(value, str):
        wanted = get_string_id(value)
        return lambda row: row[column] == wanted
    if isinstance(value, dict) and len(value) == 1:
        (op, values), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(values, list) and all(isinstance(v, str) for v in values):
            ids = frozenset(get_string_id(v) for v in values)
            if op == "IN":
                return lambda row: row[column] in ids
            return lambda row: row[column] not in ids
        if op == "REGEX" and isinstance(values, str):
            search = re.compile(values).search
            return lambda row: bool(search(strings[row[column]]))
    return None


def _token_test(spec: Mapping[str, object], strings: StringStore) -> Callable[[Row], bool] | None:
    """A test of one token's row for one token of a pattern; None when the spec uses what the table does not
    model."""
    tests = []
    for key, value in spec.items():
        if key not in _TESTED:
            return None
        test = _predicate(key, value, strings)
        if test is None:
            return None
        tests.append(test)
    return lambda row: all(test(row) for test in tests)


def _words(value: object) -> frozenset[int] | None:
    """The lower-case forms a pattern's first token must have (its ``LOWER`` as a word or an ``IN`` list), or None
    when it may be any word."""
    if isinstance(value, str):
        return frozenset([get_string_id(value)])
    if isinstance(value, dict) and set(value) == {"IN"} and isinstance(value["IN"], list):
        return frozenset(get_string_id(v) for v in value["IN"] if isinstance(v, str))
    return None


class AttributeTable:
    """The rules of a loaded ``AttributeRuler``, applied as it applies them: every match of every rule's
    patterns, in the order of the rules (a later rule's value wins), the attributes set on the token at the rule's
    index in the match.

    A pattern's token is tested on the row of its attributes; which rules a row starts is memoised by the row, so a
    document costs one dictionary lookup per token and the patterns of two tokens a test of the next row.
    """

    def __init__(self, stock: AttributeRuler) -> None:
        rules = []  # (rule index, pattern as tests, index of the token the attributes go to, attributes)
        self._by_word: dict[int, list] = {}  # lower-case form -> the rules whose first token must be it
        self._any_word: list = []  # rules whose first token's word is tested otherwise (a regular expression)
        for i, written in enumerate(stock.patterns):
            attrs = stock.attrs[i]
            if any(attr not in _SET_IDS for attr in attrs):
                raise ValueError(f"attribute rule {i} sets {written['attrs']}: the table sets only POS, MORPH, "
                                 f"LEMMA, TAG and DEP")
            for pattern in written["patterns"]:
                tests = [_token_test(spec, stock.vocab.strings) for spec in pattern]
                if not pattern or any(t is None for t in tests):
                    raise ValueError(f"attribute rule {i} has a pattern the table does not model: {pattern}")
                index = stock.indices[i]
                if not -len(pattern) <= index < len(pattern):
                    raise ValueError(f"attribute rule {i} sets token {index} of a {len(pattern)}-token pattern")
                rule = (i, tuple(tests), index % len(pattern), dict(attrs))
                words = _words(pattern[0].get("LOWER"))
                if words is not None:  # the rule starts only at these words
                    for word in words:
                        self._by_word.setdefault(word, []).append(rule)
                elif "LOWER" in pattern[0]:
                    self._any_word.append(rule)
                else:
                    rules.append(rule)
        self._wordless = tuple(rules)  # rules whose first token is not tested on its word
        self._starts: dict[Row, tuple] = {}
        self._wordless_starts: dict[tuple[int, int, int], tuple] = {}

    def _starting(self, row: Row) -> tuple:
        """The rules whose first token this row passes (memoised by the row; those that test no word by the row's
        other attributes)."""
        found = self._starts.get(row)
        if found is None:
            key = (row[0], row[2], row[3])
            wordless = self._wordless_starts.get(key)
            if wordless is None:
                wordless = self._wordless_starts[key] = tuple(r for r in self._wordless if r[1][0](row))
            worded = [r for r in (*self._by_word.get(row[1], ()), *self._any_word) if r[1][0](row)]
            found = self._starts[row] = wordless + tuple(worded)
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        rows = [tuple(r) for r in doc.to_array(_TESTED_IDS).tolist()]
        settings: dict[int, list] = {}  # token -> [(rule index, attributes)]
        for start, row in enumerate(rows):
            for rule in self._starting(row):
                index, tests, at, attrs = rule
                if len(tests) > 1:
                    end = start + len(tests)
                    if end > n or not all(test(rows[start + k]) for k, test in enumerate(tests) if k):
                        continue
                settings.setdefault(start + at, []).append((index, attrs))
        if not settings:
            return doc
        values = doc.to_array(list(_SET_IDS))
        changed = set()
        for token, found in settings.items():
            found.sort(key=lambda x: x[0])  # a later rule's value wins, as the ruler sorts its matches
            for _, attrs in found:
                for attr, value in attrs.items():
                    values[token, _SET_IDS.index(attr)] = value
                    changed.add(attr)
        columns = [i for i, attr in enumerate(_SET_IDS) if attr in changed]
        doc.from_array([_SET_IDS[i] for i in columns], values[:, columns])
        return doc


class LemmaTable:
    """A rule-mode ``Lemmatizer`` applied by lookup: a token's lemma depends only on its form, part of speech and
    morphology (``rule_lemmatize``, English's ``is_base_form``), so each such triple is lemmatised once by the
    stock component, and a document costs a lookup per token. Tokens that already have a lemma keep it unless the
    lemmatizer overwrites."""

    def __init__(self, stock: Lemmatizer) -> None:
        self.stock = stock
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        stock = self.stock
        if not stock._validated:
            stock._validate_tables()
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = values[:, 3]
        memo = self._lemmas
        overwrite = stock.overwrite
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = strings.add(stock.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], numpy.ascontiguousarray(lemmas.reshape(-1, 1)))
        return doc


def _tabled_lemmatizer(component: object) -> bool:
    """A lemmatizer whose lemma is a function of a token's form, part of speech and morphology: spaCy's rule mode,
    with the base class's or English's test of a base form."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    return (type(component) in (Lemmatizer, EnglishLemmatizer) and component.mode == "rule"
            and getattr(component.lemmatize, "__func__", None) is Lemmatizer.rule_lemmatize)


def tabulate(nlp: Language) -> tuple[str, ...]:
    """Put the tables in place of ``nlp``'s ``attribute_ruler`` and ``lemmatizer`` where they model them (same
    names, same place), and return the names replaced."""
    from kg.extract import components  # noqa: F401 (registers the tables' factories)

    replaced = []
    if "attribute_ruler" in nlp.pipe_names and isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler):
        try:
            table = AttributeTable(nlp.get_pipe("attribute_ruler"))
        except ValueError:
            table = None
        if table is not None:
            _swap(nlp, "attribute_ruler", "kg_attribute_table", table)
            replaced.append("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names and _tabled_lemmatizer(nlp.get_pipe("lemmatizer")):
        _swap(nlp, "lemmatizer", "kg_lemma_table", LemmaTable(nlp.get_pipe("lemmatizer")))
        replaced.append("lemmatizer")
    return tuple(replaced)


def _swap(nlp: Language, name: str, factory: str, table: AttributeTable | LemmaTable) -> None:
    """``nlp``'s component ``name`` replaced by the component of ``factory`` (registered in
    :mod:`kg.extract.components`), holding ``table``."""
    nlp.replace_pipe(name, factory)
    nlp.get_pipe(name).table = table
