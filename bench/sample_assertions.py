"""Draw a random sample of allegations, killing events and actors from a build, with their evidence, for a reader
to judge.

    .venv/bin/python bench/sample_assertions.py OUT [--n 15] [--actors 50] [--seed 1]

Prints the counts of statements, allegations, denials and killing events with a toll, then N
allegations and N killing events drawn at random (fixed seed, so a sample can be re-read), then ``--actors``
actors with their type, CAMEO code, other names and how many mentions they have, to judge each as right, junk,
of the wrong type, or to be merged with another.
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

ACTORS = PREFIXES + """
SELECT ?x ?label ?type ?code (GROUP_CONCAT(DISTINCT ?alias; separator=" | ") AS ?aliases)
       (COUNT(DISTINCT ?m) AS ?mentions) WHERE {
  ?x skos:prefLabel ?label ; a ?class .
  VALUES ?class { ckg:Person ckg:State ckg:ArmedGroup ckg:Organization ckg:Media ckg:Group }
  BIND(STRAFTER(STR(?class), "#") AS ?type)
  OPTIONAL { ?x ckg:cameoCode ?code } OPTIONAL { ?x skos:altLabel ?alias }
  OPTIONAL { ?m <http://www.w3.org/2005/11/its/rdf#taIdentRef> ?x }
} GROUP BY ?x ?label ?type ?code ORDER BY ?x"""

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
    parser.add_argument("--actors", type=int, default=0, help="also sample this many actors")
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
    if args.actors:
        found = rows(run_query(ACTORS, store))
        print(f"\n== {args.actors} of {len(found)} actors (seed {args.seed}) ==")
        for i, row in enumerate(rng.sample(found, min(args.actors, len(found))), 1):
            print(f"{i:2d}. {row['label']} ({row['type']}{', ' + row['code'] if row.get('code') else ''}; "
                  f"{row['mentions']} mentions) aka {row.get('aliases', '')[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
