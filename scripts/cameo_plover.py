"""Convert PLOVER's CAMEO-to-PLOVER table (CC BY-SA 4.0) into the package's data file.

    python3 scripts/cameo_plover.py [--table ../shared/field/plover/CAMEO2PLOVER-2021.txt]
                                    [--out kg/lexicons/cameo_plover.tsv]

Reads ``CAMEO2PLOVER-2021.txt`` (lines ``CODE: TYPE, mode, context # description``; a root line ``CODE: TYPE``)
and writes one tab-separated line per CAMEO code:

    code  plover_type  mode  context  description

as the table gives them (its modes are CAMEO's words and sometimes differ from the manual's mode names; kg takes
only the type from here, and each event type's mode from the manual, in ``ontology/conflict.ttl``). Where the
table lists a code twice (the root ``08``, yield, is both CONCEDE and RETREAT: 081-083 concede, 084-087 retreat,
each listed), the first line is kept. CAMEO 01 and 02 (comments and appeals) are not in the table: PLOVER drops
them. The copy is a derivative of the table and carries its licence, CC BY-SA 4.0 (``cameo_plover.LICENSE``).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TABLE = HERE.parent.parent / "shared" / "field" / "plover" / "CAMEO2PLOVER-2021.txt"
DEFAULT_OUT = HERE.parent / "kg" / "lexicons" / "cameo_plover.tsv"

_LINE = re.compile(r"^(?P<code>\d{2,4})\s*:\s*(?P<rest>[^#]*)(?:#(?P<description>.*))?$")

HEADER = """\
# CAMEO event code -> PLOVER event type, made by scripts/cameo_plover.py (do not edit by hand).
# Source: CAMEO to PLOVER conversion table, PLOVER manual version Draft 0.8 (17 September 2021), edited by Philip
# Schrodt, Open Event Data Alliance (openeventdata/PLOVER); licensed CC BY-SA 4.0, and so is this derived copy
# (kg/lexicons/cameo_plover.LICENSE). Changed: written as tab-separated columns; where a code is listed twice,
# the first line kept. Columns: code, PLOVER type, mode, context, description (as the table gives them).
"""


def parse_line(line: str) -> tuple[str, str, str, str, str] | None:
    """One line of the table as (code, type, mode, context, description), or None for what is no entry.

    >>> parse_line("0841: RETREAT, release,   legal # Return, release person(s)")
    ('0841', 'RETREAT', 'release', 'legal', 'Return, release person(s)')
    >>> parse_line("03: AGREE")
    ('03', 'AGREE', '', '', '')
    >>> parse_line("# CAMEO to PLOVER conversion table") is None
    True
    """
    match = _LINE.match(line.strip())
    if not match:
        return None
    parts = [p.strip() for p in match["rest"].split(",")]
    parts += [""] * (3 - len(parts))
    plover, mode, context = parts[0], parts[1], ",".join(parts[2:]).strip(" ,")
    if not re.fullmatch(r"[A-Z]+", plover):
        return None
    return match["code"], plover, mode, context, (match["description"] or "").strip()


def convert(table: Path) -> tuple[list[tuple[str, ...]], list[str]]:
    """The entries of the table, first line of each code, and the codes listed more than once."""
    entries: dict[str, tuple[str, ...]] = {}
    twice: list[str] = []
    for line in table.read_text(encoding="utf-8").splitlines():
        entry = parse_line(line)
        if entry is None:
            continue
        if entry[0] in entries:
            twice.append(entry[0])
            continue
        entries[entry[0]] = entry
    return sorted(entries.values()), twice


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="CAMEO2PLOVER-2021.txt")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the tab-separated file to write")
    args = parser.parse_args()
    if not args.table.is_file():
        print(f"error: {args.table} not found: give the table's path with --table", file=sys.stderr)
        return 2
    entries, twice = convert(args.table)
    lines = [HEADER.rstrip("\n")] + ["\t".join(e) for e in entries]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(entries)} CAMEO codes; listed twice, first kept: {', '.join(twice) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
