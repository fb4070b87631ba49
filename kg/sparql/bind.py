"""Binding a query's variables to user values (``kg query --bind``): the rows of the query that have those values.

A variable that every solution of the query's WHERE clause binds (by a triple pattern, or by a sub-select that
binds it for certain) is bound by a ``VALUES`` block at the start of that clause, so the engine starts from the
value (the bound ``sentence`` query answers in a millisecond at 1M triples). A variable that only some solutions
bind (in an ``OPTIONAL``, a ``BIND``, a ``VALUES`` with ``UNDEF``, one branch of a ``UNION``) is filtered
(``sameTerm``) at the end of the clause instead: a ``VALUES`` join would keep the solutions that leave it
unbound and give them the value (every event "in Aleppo", whatever its place). In both cases each sub-select that
projects the variable and binds it for certain gets the ``VALUES`` block too, so that part is restricted early.

The query text is read by a small tokenizer (strings, IRIs and comments skipped, as SPARQL's grammar reads them),
enough for the structure of a WHERE clause and to find the remote services a query calls (:func:`find_services`);
it does not validate SPARQL (the engine does).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.errors import BadOption

_VARIABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TYPED = re.compile(r'^".*"(?:@[A-Za-z][A-Za-z0-9-]*|\^\^<[^<>]*>)$', re.DOTALL)

_TOKEN = re.compile(r'''
    (?P<skip>\s+|\#[^\r\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
              |"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$]\w+)
  | (?P<open>[{(])
  | (?P<close>[})])
  | (?P<word>[^\s{}()<>"'\#?$.;,]+)
  | (?P<other>[\s\S])
''', re.VERBOSE)


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        """The token as a keyword (upper case), "" when it is not a bare word."""
        return self.text.upper() if self.kind == "word" else ""

    @property
    def name(self) -> str:
        """A variable's name, without its ? or $."""
        return self.text[1:]


def _tokens(query: str) -> list[_Token]:
    return [_Token(m.lastgroup or "", m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(query) if m.lastgroup != "skip"]


def _closing(tokens: list[_Token], at: int) -> int:
    """The index of the bracket closing the one at ``at`` (braces and parentheses nest together)."""
    depth = 0
    for i in range(at, len(tokens)):
        if tokens[i].kind == "open":
            depth += 1
        elif tokens[i].kind == "close":
            depth -= 1
            if depth == 0:
                return i
    raise ValueError("unbalanced brackets")


@dataclass(frozen=True)
class _SubSelect:
    opens: _Token  # the "{" of its WHERE clause
    certain: set[str]  # the projected variables it binds in every solution


@dataclass
class _Scan:
    tokens: list[_Token]
    subselects: list[_SubSelect] = field(default_factory=list)
    mentioned: set[str] = field(default_factory=set)

    def group(self, at: int, visible: set[str] | None) -> tuple[set[str], int]:
        """The variables bound in every solution of the group whose "{" is at ``at``, and its "}". Sub-selects
        through which the outer variables ``visible`` (None: all) flow are noted for a VALUES block."""
        tokens = self.tokens
        close = _closing(tokens, at)
        if at + 1 < close and tokens[at + 1].word == "SELECT":
            return self.subselect(at + 1, visible), close
        certain: set[str] = set()
        i = at + 1
        while i < close:
            token, word = tokens[i], tokens[i].word
            if word in ("OPTIONAL", "MINUS"):  # neither binds for certain; a MINUS binds nothing outside
                _, end = self.group(i + 1, visible if word == "OPTIONAL" else set())
                i = end + 1
            elif word in ("FILTER", "BIND", "VALUES", "SERVICE"):
                i = self._skip(i, visible is None)
            elif word == "GRAPH":
                if tokens[i + 1].kind == "var":
                    certain.add(tokens[i + 1].name)
                    self._mention(tokens[i + 1], visible)
                inner, end = self.group(i + 2, visible)
                certain |= inner
                i = end + 1
            elif token.text == "{":
                inner, end = self.group(i, visible)
                while end + 1 < close and tokens[end + 1].word == "UNION":  # certain in every branch
                    other, end = self.group(end + 2, visible)
                    inner &= other
                certain |= inner
                i = end + 1
            else:  # a triple pattern's term: its variables are bound in every solution
                if token.kind == "var":
                    certain.add(token.name)
                    self._mention(token, visible)
                i += 1
        return certain, close

    def subselect(self, at: int, visible: set[str] | None) -> set[str]:
        """What the sub-select whose SELECT is at ``at`` binds for certain, of the variables it projects."""
        tokens = self.tokens
        projected: set[str] = set()
        star = False
        i = at + 1
        while tokens[i].text != "{":
            if tokens[i].text == "(":  # (expression AS ?v): not certain
                i = _closing(tokens, i)
                if visible is None and tokens[i - 1].kind == "var":
                    self.mentioned.add(tokens[i - 1].name)
            elif tokens[i].kind == "var":
                projected.add(tokens[i].name)
            elif tokens[i].text == "*":
                star = True
            i += 1
        if visible is None:  # the query's own variables
            self.mentioned |= projected
        # outer variables that flow into it: those it projects (all with SELECT *)
        inner, _ = self.group(i, visible if star else projected if visible is None else projected & visible)
        certain = inner if star else inner & projected
        self.subselects.append(_SubSelect(tokens[i], certain if visible is None else certain & visible))
        return certain

    def _mention(self, token: _Token, visible: set[str] | None) -> None:
        if visible is None:  # in the query's own scope, not a sub-select's
            self.mentioned.add(token.name)

    def _skip(self, at: int, top: bool) -> int:
        """The index after a FILTER, BIND, VALUES or SERVICE element starting at ``at`` (``top``: in the query's
        own scope, where the variables a VALUES or BIND sets are the query's)."""
        tokens, word = self.tokens, self.tokens[at].word
        i = at + 1
        if word == "FILTER":
            while tokens[i].word == "NOT":
                i += 1
            if tokens[i].word == "EXISTS" or tokens[i].text in ("(", "{"):
                i += tokens[i].word == "EXISTS"
                return _closing(tokens, i) + 1
            i += 1  # a function's name: regex(...), <iri>(...), prefix:name(...)
            return _closing(tokens, i) + 1 if i < len(tokens) and tokens[i].text == "(" else i
        if word == "VALUES":
            for j in range(i, _closing(tokens, i) if tokens[i].text == "(" else i + 1):
                if top and tokens[j].kind == "var":
                    self.mentioned.add(tokens[j].name)
            i = _closing(tokens, i) + 1 if tokens[i].text == "(" else i + 1
            return _closing(tokens, i) + 1
        if word == "BIND":
            end = _closing(tokens, i)
            if top and tokens[end - 1].kind == "var":
                self.mentioned.add(tokens[end - 1].name)
            return end + 1
        while tokens[i].text != "{":  # SERVICE [SILENT] term { ... }
            i += 1
        return _closing(tokens, i) + 1


def _where(tokens: list[_Token]) -> int | None:
    """The index of the "{" of the query's WHERE clause (None: a query without one, such as DESCRIBE <x>)."""
    form = None
    depth = 0
    for i, token in enumerate(tokens):
        if token.kind == "open":
            if depth == 0 and token.text == "{" and form is not None:
                if form == "CONSTRUCT" and tokens[i - 1].word != "WHERE":
                    form = "CONSTRUCT-TEMPLATE"  # the template; the WHERE clause comes next
                    depth += 1
                    continue
                return i
            depth += 1
        elif token.kind == "close":
            depth -= 1
        elif depth == 0 and form is None and token.word in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE"):
            form = token.word
    return None


def find_services(query: str) -> list[str]:
    r"""The remote services a query calls (``SERVICE <IRI>`` or ``SERVICE ?var``, each as written): the keyword
    found as a token, so not in a string, an IRI or a comment, in any letter case.

    >>> find_services('SELECT * { ?s ?p "SERVICE <x:a>" # SERVICE <x:b>\r sErViCe SILENT <http://x/> { ?s ?p ?o } }')
    ['<http://x/>']
    >>> find_services("SELECT ?service WHERE { ?service <x:SERVICE> ex:SERVICE }")
    []
    """
    tokens = _tokens(query)
    found = []
    for i, token in enumerate(tokens):
        if token.word == "SERVICE":
            target = next((t for t in tokens[i + 1:i + 3] if t.word != "SILENT"), None)
            found.append(target.text if target is not None else "")
    return found


def term(value: str) -> str:
    """A ``--bind`` value as a SPARQL term: ``<...>`` an IRI, a literal written as in N-Triples with a language or
    a datatype that literal, anything else a plain string; written by pyoxigraph, which escapes it.

    >>> term('x" } ; DROP ALL #')
    '"x\\\\" } ; DROP ALL #"'
    >>> term('"killing"@en'), term("<http://example.org/a>")
    ('"killing"@en', '<http://example.org/a>')
    """
    if value.startswith("<") and value.endswith(">"):
        try:
            return str(ox.NamedNode(value[1:-1]))
        except ValueError as exc:
            raise BadOption("--bind", value, f"a valid IRI ({exc})") from exc
    if _TYPED.match(value):
        try:
            (triple,) = ox.parse(f"<x:s> <x:p> {value} .", format=ox.RdfFormat.N_TRIPLES)
        except (SyntaxError, ValueError) as exc:
            raise BadOption("--bind", value, 'a literal written as in N-Triples, e.g. "killing"@en or '
                            '"3"^^<http://www.w3.org/2001/XMLSchema#integer>') from exc
        return str(triple.object)
    return str(ox.Literal(value))


def bind_values(query: str, bindings: dict[str, str]) -> str:
    """``query`` whose rows are those where each variable of ``bindings`` has its value (:func:`term`).

    >>> print(bind_values("SELECT ?s ?o WHERE { ?s <x:p> ?o OPTIONAL { ?s <x:q> ?q }}", {"o": "a", "q": "b"}))
    SELECT ?s ?o WHERE {
      VALUES (?o) { ("a") }
     ?s <x:p> ?o OPTIONAL { ?s <x:q> ?q }
      FILTER(sameTerm(?q, "b"))
    }
    """
    if not bindings:
        return query
    for name in bindings:
        if not _VARIABLE.match(name):
            raise BadOption("--bind", name, "a SPARQL variable name (letters, digits, _), as in --bind source=HRW")
    bound = {name: term(value) for name, value in bindings.items()}
    tokens = _tokens(query)
    where = _where(tokens)
    if where is None:
        raise BadOption("--bind", next(iter(bound)), "a query with a WHERE clause to bind its variables in")
    scan = _Scan(tokens)
    try:
        certain, close = scan.group(where, None)
    except (ValueError, IndexError) as exc:
        raise BadOption("--bind", next(iter(bound)), f"a query whose brackets balance ({exc})") from exc
    unknown = [n for n in bound if n not in scan.mentioned]  # (what it binds for certain is mentioned)
    if unknown:
        computed = [n for n in unknown if re.search(rf"\bAS\s+[?$]{n}\b", query, re.IGNORECASE)]
        what = (f"a variable of the WHERE clause (?{computed[0]} is computed by the SELECT clause, an aggregate or "
                "an expression)" if computed else "a variable of the query")
        raise BadOption("--bind", unknown[0], f"{what}: one of {', '.join(sorted(scan.mentioned))}")

    def values(names: Iterable[str]) -> str:
        return f"VALUES ({' '.join(f'?{n}' for n in names)}) {{ ({' '.join(bound[n] for n in names)}) }}"

    inserts: list[tuple[int, str]] = []
    first = [n for n in bound if n in certain]
    if first:
        inserts.append((tokens[where].end, f"\n  {values(first)}\n"))
    filtered = [n for n in bound if n not in certain]
    if filtered:
        test = " && ".join(f"sameTerm(?{n}, {bound[n]})" for n in filtered)
        inserts.append((tokens[close].start, f"\n  FILTER({test})\n"))
    for sub in scan.subselects:
        names = [n for n in bound if n in sub.certain]
        if names:
            inserts.append((sub.opens.end, f"\n  {values(names)}\n"))
    for at, block in sorted(inserts, reverse=True):
        query = f"{query[:at]}{block}{query[at:]}"
    return query


__all__ = ["bind_values", "find_services", "term"]
