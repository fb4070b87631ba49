"""Draw a random sample of allegations and killing events from a build, with their sentences, for a reader to judge.

    .venv/bin/python bench/sample_assertions.py OUT [--n 15] [--seed 1]

Prints the counts of statements, allegations, denials and killing events with a toll, then N
allegations and N killing events drawn at random (fixed seed, so a sample can be re-read).
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap

from kg.sparql.query import rows, run_query
from kg.sparql.store import open_store

PREFIXES = """
PREFIX ckg: <https://w3id.org/conflict-kg/ontology#>
PREFIX evt: <https://w3id.org/conflict-kg/event-type/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

COUNTS = PREFIXES + """
SELECT (COUNT(DISTINCT ?s) AS ?statements) (COUNT(DISTINCT ?a) AS ?allegations) (COUNT(DISTINCT ?d) AS ?denials)
       (COUNT(DISTINCT ?k) AS ?killings) WHERE {
  { ?s a ckg:Statement } UNION { ?a a ckg:Allegation } UNION { ?d a ckg:Denial }
  UNION { ?k a ckg:Event ; sem:eventType ?t ; ckg:casualties/ckg:casualtyKind "killed" .
          VALUES ?t { evt:killing evt:mass-killing evt:summary-execution } }
}"""

ALLEGATIONS = PREFIXES + """
SELECT ?x ?accuser (GROUP_CONCAT(DISTINCT ?accused; separator=" | ") AS ?accusedAll) ?act ?id ?sentence WHERE {
  ?x a ckg:Allegation ; ckg:accuser/skos:prefLabel ?accuser ; ckg:accused/skos:prefLabel ?accused ; ckg:act ?act ;
     nif:sentence/nif:anchorOf ?sentence ; prov:wasDerivedFrom/dcterms:identifier ?id .
} GROUP BY ?x ?accuser ?act ?id ?sentence ORDER BY ?x"""

KILLINGS = PREFIXES + """
SELECT ?x ?type (GROUP_CONCAT(DISTINCT ?agent; separator=" | ") AS ?agents)
       (GROUP_CONCAT(DISTINCT ?place; separator=" | ") AS ?places) ?count ?qualifier ?time ?source ?id ?sentence
WHERE {
  ?x a ckg:Event ; sem:eventType ?t ; ckg:casualties ?c ; nif:sentence/nif:anchorOf ?sentence ;
     prov:wasDerivedFrom/dcterms:identifier ?id .
  VALUES ?t { evt:killing evt:mass-killing evt:summary-execution }
  ?t skos:prefLabel ?type . ?c ckg:count ?count ; ckg:casualtyKind "killed" .
  OPTIONAL { ?c ckg:qualifier ?qualifier } OPTIONAL { ?x ckg:agent/skos:prefLabel ?agent }
  OPTIONAL { ?x sem:hasPlace/skos:prefLabel ?place } OPTIONAL { ?x ckg:timeExpression ?time }
  OPTIONAL { ?x ckg:reportedBy/skos:prefLabel ?source }
} GROUP BY ?x ?type ?count ?qualifier ?time ?source ?id ?sentence ORDER BY ?x"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data")
    parser.add_argument("--n", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    store = open_store(args.data)
    print("counts:", rows(run_query(COUNTS, store))[0])
    rng = random.Random(args.seed)
    for title, query, fields in (("allegations", ALLEGATIONS, ("accuser", "accusedAll", "act")),
                                 ("killing events with a toll", KILLINGS,
                                  ("type", "agents", "count", "qualifier", "places", "time", "source"))):
        found = rows(run_query(query, store))
        print(f"\n== {args.n} of {len(found)} {title} (seed {args.seed}) ==")
        for i, row in enumerate(rng.sample(found, min(args.n, len(found))), 1):
            print(f"{i:2d}. [{row['id']}] " + "; ".join(f"{f}={row.get(f, '')}" for f in fields))
            print(textwrap.indent(textwrap.fill(row["sentence"].strip(), 110), "      "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
