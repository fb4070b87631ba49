"""Convert PETRARCH2's CAMEO verb dictionary (MIT licence) into the package's lexicon of event verbs.

    python3 scripts/cameo_verbs.py [--dictionary ../shared/field/petrarch2/CAMEO.2.0.txt]
                                   [--out kg/lexicons/cameo_verbs.tsv]

Reads the synonym sets and the verb blocks of ``CAMEO.2.0.txt`` (their syntax: ``dictionaries.rst`` beside it) and
writes one tab-separated line per item, in the dictionary's order:

    synset   &NAME     phrase|phrase|...            a synonym set: lower case, words separated by spaces
    block    NAME      code                         a verb block and its primary code ("---": no event)
    verb     lemma     particles   code             a verb of the block: its base form, the words that must follow
                                                    it ("ask for", "set up"), its own code (empty: the block's)
    pattern  code      before      after            a pattern of the block, for all its verbs: the nouns before the
                                                    verb, the nouns, phrases {...} and prepositional phrases (...)
                                                    after it, with the dictionary's markers ($ source, + target,
                                                    ^ skipped, & a synonym set), lower case

Codes are written as the dictionary gives them: ``042:043`` (the source's code, the target's), ``:173`` (coded
with the roles swapped: "X faces trial"), ``---`` (no event). The irregular forms in ``{...}`` are dropped (kg
matches a verb by spaCy's lemma). Left out: the transformations (verb-verb rules: kg codes a verb and the verb it
governs itself), patterns with ``NOT`` (kg codes no negated verb), comments. The copy carries the dictionary's MIT
notice (``cameo_verbs.LICENSE``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DICTIONARY = HERE.parent.parent / "shared" / "field" / "petrarch2" / "CAMEO.2.0.txt"
DEFAULT_OUT = HERE.parent / "kg" / "lexicons" / "cameo_verbs.tsv"

HEADER = """\
# The CAMEO verb dictionary, made by scripts/cameo_verbs.py (do not edit by hand).
# Source: PETRARCH2's CAMEO.2.0.txt (openeventdata/petrarch2, commit 676801c), Copyright (c) 2015 Open Event Data
# Alliance, MIT licence (its notice: kg/lexicons/cameo_verbs.LICENSE). Lines: synset NAME PHRASES; block NAME CODE;
# verb LEMMA PARTICLES CODE; pattern CODE BEFORE AFTER (the dictionary's pattern syntax, lower case)."""

_CODE = re.compile(r"\[([^\]]*)\]")
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")


def clean_code(raw: str) -> str:
    """A dictionary code as written in the lexicon.

    >>> clean_code(" 042:043 "), clean_code("---"), clean_code(":173"), clean_code("")
    ('042:043', '---', ':173', '---')
    """
    code = raw.strip()
    return code if code else "---"


def verb_line(line: str) -> tuple[str, str, str] | None:
    """A verb line as (lemma, particles, code), or None when the line is no verb.

    >>> verb_line("HURRY {HURRIES HURRYING HURRIED }")
    ('hurry', '', '')
    >>> verb_line("+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]")
    ('ask', 'for', '020')
    >>> verb_line("BASE  # shan   9/27/93"), verb_line("RIP {RIPPING RIPS RIPPED};shan   7/11/93")
    (('base', '', ''), ('rip', '', ''))
    >>> verb_line("WIRE_+TAP {WIRE_+TAPS}") is None  # a word before the verb: left out
    True
    """
    text = re.split(r"[#;]", line, maxsplit=1)[0]
    code = _CODE.search(text)
    text = re.sub(r"\{[^}]*\}?", " ", _CODE.sub(" ", text)).strip()
    if not text or " " in text or not re.fullmatch(r"\+?[A-Z][A-Z'\-]*(_\+?[A-Z][A-Z'\-]*)*_?", text):
        return None
    words = text.strip("_").split("_")
    if any("+" in w for w in words[1:]):
        return None
    words = [w.lstrip("+").lower() for w in words]
    return words[0], " ".join(words[1:]), clean_code(code.group(1)) if code else ""


def pattern_line(line: str) -> tuple[str, str, str] | None:
    """A pattern line as (code, before, after), or None when it is no pattern or one kg does not use.

    >>> pattern_line("- * (TO {BANNED PARTIES}) $     [1722]        # ADD")
    ('1722', '', '(to {banned parties}) $')
    >>> pattern_line("- &MILITARY * (TO BORDER)  [154]  # RUSH")
    ('154', '&military', '(to border)')
    >>> pattern_line("- * NOT EXTEND DEADLINE    [030]   # AGREE") is None
    True
    """
    if not line.startswith("-"):
        return None
    text = line[1:].split("#", 1)[0]
    code = _CODE.search(text)
    if code is None or "*" not in text:
        return None
    before, _, after = _CODE.sub(" ", text).partition("*")
    before, after = " ".join(before.split()).lower(), " ".join(after.split()).lower()
    if re.search(r"(?<![\w-])not(?![\w-])", f"{before} {after}"):
        return None
    return clean_code(code.group(1)), before, after


def convert(dictionary: Path) -> tuple[list[str], dict[str, int]]:
    """The lexicon's lines, and counts of what was read."""
    lines: list[str] = []
    counts = {"synset": 0, "block": 0, "verb": 0, "pattern": 0, "left out": 0}
    section = ""
    synset: tuple[str, list[str]] | None = None

    def end_synset() -> None:
        nonlocal synset
        if synset is not None and synset[1]:
            lines.append(f"synset\t{synset[0]}\t{'|'.join(synset[1])}")
            counts["synset"] += 1
        synset = None

    for raw in dictionary.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.strip()
        if line.startswith("####"):
            end_synset()
            section = "synsets" if "SYNONYM" in line else "verbs" if "VERB" in line else "other"
            continue
        if not line or (line.startswith("#") and not line.startswith("####")):
            continue
        if section == "synsets":
            if line.startswith("&"):
                end_synset()
                synset = (line.split()[0].rstrip("_").lower(), [])
            elif line.startswith("+") and synset is not None:
                phrase = line[1:].split("#", 1)[0].strip().rstrip("_").replace("_", " ").lower()
                if phrase:
                    synset[1].append(" ".join(phrase.split()))
        elif section == "verbs":
            block = _BLOCK.match(line)
            if block:
                lines.append(f"block\t{block.group(1).lower()}\t{clean_code(block.group(2))}")
                counts["block"] += 1
                continue
            if line.startswith("-"):
                found = pattern_line(line)
                if found is None:
                    counts["left out"] += 1
                    continue
                lines.append("pattern\t" + "\t".join(found))
                counts["pattern"] += 1
                continue
            verb = verb_line(line)
            if verb is None:
                counts["left out"] += 1
                continue
            lines.append("verb\t" + "\t".join(verb))
            counts["verb"] += 1
    end_synset()
    return lines, counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dictionary", type=Path, default=DEFAULT_DICTIONARY, help="CAMEO.2.0.txt")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the tab-separated file to write")
    args = parser.parse_args()
    if not args.dictionary.is_file():
        print(f"error: {args.dictionary} not found: give the dictionary's path with --dictionary", file=sys.stderr)
        return 2
    lines, counts = convert(args.dictionary)
    args.out.write_text(HEADER + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: " + ", ".join(f"{n} {kind}s" if kind != "left out" else f"{n} lines left out"
                                             for kind, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
