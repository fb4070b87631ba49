"""Train the learned reporting cue (kg/extract/cues.py) on PolNeAR's training split; write kg/models/cue_model.json.

    .venv/bin/python scripts/train_cue_model.py [--data ../shared/eval/polnear/train] [--cache DIR] [--out PATH]

Reads ``text/*.txt`` and ``attributions/*.ann`` (brat: ``T`` lines of type ``Cue``, offsets ``start end`` or
``start end;start end``), parses every article with kg's spaCy pipeline (kept in ``--cache`` as DocBin files so that
a second run skips the parse), and labels every verb: a cue when it lies inside a gold Cue span. Every fifth article
(by name) is held out for validation. A logistic regression with an L2 penalty (scipy's L-BFGS) is fit on the
features of :func:`kg.extract.cues.features` of the other articles; the threshold is the one that gives the best
attribution F1 on the validation articles, measured as ``bench/attribution_polnear.py`` measures it (lenient match),
with the model's cues added to the lexicon's. The weights of features seen at least twice are written, rounded, with
the figures, so the file is the same for the same data and code. Deterministic: no random state.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np
from scipy import optimize, sparse
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import attribution_polnear as bench  # noqa: E402  (the bench's reading and scoring of PolNeAR)

from kg import lexicon  # noqa: E402
from kg.extract import cues  # noqa: E402
from kg.extract.nlp import load_pipeline  # noqa: E402
from kg.readers.articles import read_articles  # noqa: E402

DATA = ROOT.parent / "shared" / "eval" / "polnear" / "train"
OUT = ROOT / "kg" / "models" / "cue_model.json"
L2 = 1.0
MIN_COUNT = 2
THRESHOLDS = [round(0.10 + 0.05 * i, 2) for i in range(17)]  # 0.10 .. 0.90


def cue_spans(path: Path) -> list[tuple[int, int]]:
    """The Cue spans of a brat .ann file."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if line.startswith("T") and len(columns) >= 2 and columns[1].startswith("Cue "):
            for part in columns[1].split(" ", 1)[1].split(";"):
                start, end = part.split()
                found.append((int(start), int(end)))
    return found


def parsed(documents: list, cache: Path | None) -> list:
    """kg's articles and spaCy Docs of the documents, parsed once and kept in ``cache``."""
    nlp = load_pipeline(None)
    articles = list(read_articles([d.path for d in documents]))
    by_id = {a.article_id: a for a in articles}
    articles = [by_id[d.path.stem] for d in documents]
    path = cache / "polnear-train.spacy" if cache else None
    if path is not None and path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(articles):
            return list(zip(articles, docs, strict=True))
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        store = DocBin()
        for doc in docs:
            store.add(doc)
        store.to_disk(path)
    return list(zip(articles, docs, strict=True))


def examples(doc, spans: list[tuple[int, int]]) -> tuple[list[list[str]], list[int]]:
    """The features and labels of a Doc's verbs (the lexicon's verbs too: they teach what a cue looks like)."""
    from kg.extract.statements import quotations

    quotes = quotations(doc)

    def quoted(offset: int) -> bool:
        return any(a <= offset < b for a, b in quotes)

    rows, labels = [], []
    for token in doc:
        if token.pos_ != "VERB":
            continue
        rows.append(cues.features(token, quoted(token.idx)))
        labels.append(int(any(a <= token.idx < b for a, b in spans)))
    return rows, labels


def fit(rows: list[list[str]], labels: list[int]) -> tuple[dict[str, float], float]:
    counts: dict[str, int] = {}
    for row in rows:
        for f in set(row):
            counts[f] = counts.get(f, 0) + 1
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(vocabulary)}
    data, indices, pointers = [], [], [0]
    for row in rows:
        columns = sorted({index[f] for f in row if f in index})
        indices += columns
        data += [1.0] * len(columns)
        pointers.append(len(indices))
    x = sparse.csr_matrix((data, indices, pointers), shape=(len(rows), len(vocabulary)))
    y = np.asarray(labels, dtype=float)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w[1:] + w[0]
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        eps = 1e-12
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + 0.5 * L2 * np.dot(w[1:], w[1:])
        error = p - y
        grad = np.concatenate([[error.sum()], x.T @ error + L2 * w[1:]])
        return value, grad

    start = np.zeros(len(vocabulary) + 1)
    result = optimize.minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    weights = {f: round(float(w), 4) for f, w in zip(vocabulary, result.x[1:], strict=True) if abs(w) >= 0.01}
    return weights, round(float(result.x[0]), 4)


def attribution_f1(pairs: list, documents: list, model: cues.CueModel) -> tuple[float, float, float]:
    """The lenient attribution precision, recall and F1 of kg's statements on ``documents`` with ``model``."""
    from kg.extract.run import extract_article

    cues.model.cache_clear()
    original = cues.model
    cues.model = lambda: model  # type: ignore[assignment]
    try:
        predictions = []
        for (article, doc), document in zip(pairs, documents, strict=True):
            x = extract_article(doc, article)
            seen = set()
            for st in x.statements:
                if (st.start, st.end) in seen or x.local_actors[st.speaker_mention].is_place:
                    continue
                seen.add((st.start, st.end))
                predictions.append(bench.Prediction(document.doc_id, st.start, st.end, st.cue_start, st.cue,
                                                    st.speaker.label))
    finally:
        cues.model = original  # type: ignore[assignment]
    result = bench.score(documents, predictions, bench.match(documents, predictions, strict=False))
    return result.precision, result.recall, result.f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA, help="the PolNeAR training split (text/, attributions/)")
    parser.add_argument("--cache", type=Path, default=None, help="keep the parsed articles here between runs")
    parser.add_argument("--out", type=Path, default=OUT, help=f"the model file to write (default {OUT})")
    args = parser.parse_args()
    if not (args.data / "text").is_dir():
        print(f"no training data: {args.data}/text not found (../shared must sit beside the project)")
        return 2
    started = time.perf_counter()
    documents = bench.read_documents(args.data, None)
    pairs = parsed(documents, args.cache)
    print(f"parsed {len(documents)} articles in {time.perf_counter() - started:.0f} s")
    train_rows, train_labels, held = [], [], []
    for n, (document, (_, doc)) in enumerate(zip(documents, pairs, strict=True)):
        if n % 5 == 4:
            held.append(n)
            continue
        ann = sorted((args.data / "attributions").glob(f"{document.path.stem}_*.ann"))[0]
        rows, labels = examples(doc, cue_spans(ann))
        train_rows += rows
        train_labels += labels
    weights, bias = fit(train_rows, train_labels)
    print(f"fit on {len(train_rows)} verbs ({sum(train_labels)} cues) of {len(documents) - len(held)} articles: "
          f"{len(weights)} features")
    held_docs = [documents[n] for n in held]
    held_pairs = [pairs[n] for n in held]
    no_model = cues.CueModel({}, -100.0, 1.0, {})
    p0, r0, f0 = attribution_f1(held_pairs, held_docs, no_model)
    print(f"validation ({len(held)} articles), lexicon only: P {p0:.3f} R {r0:.3f} F1 {f0:.3f}")
    best = (f0, 1.0, p0, r0)
    for threshold in THRESHOLDS:
        p, r, f = attribution_f1(held_pairs, held_docs, cues.CueModel(weights, bias, threshold, {}))
        print(f"  threshold {threshold:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        if f > best[0] + 1e-9:
            best = (f, threshold, p, r)
    f, threshold, p, r = best
    about = {
        "what": "logistic regression over kg.extract.cues.features of a verb: is it a reporting cue",
        "data": "PolNeAR training split (../shared/eval/polnear/train): every verb of 4 of 5 articles, a cue when "
                "inside a gold Cue span; every fifth article (by name) held out to choose the threshold",
        "articles": len(documents), "verbs": len(train_rows), "cues": sum(train_labels), "l2": L2,
        "min_count": MIN_COUNT,
        "validation": {"articles": len(held),
                       "lexicon_only": {"P": round(p0, 3), "R": round(r0, 3), "F1": round(f0, 3)},
                       "with_model": {"P": round(p, 3), "R": round(r, 3), "F1": round(f, 3)}},
        "script": "scripts/train_cue_model.py (make train-cues)",
        "lexicon": sorted(lexicon.reporting_cues()),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"about": about, "bias": bias, "threshold": threshold,
                                    "weights": dict(sorted(weights.items()))}, indent=0, sort_keys=False) + "\n",
                        encoding="utf-8")
    print(f"threshold {threshold}: validation P {p:.3f} R {r:.3f} F1 {f:.3f}; wrote {args.out} "
          f"({args.out.stat().st_size // 1024} KB) in {time.perf_counter() - started:.0f} s")
    return 0 if math.isfinite(f) else 1


if __name__ == "__main__":
    sys.exit(main())
