"""Stage: resolved records -> RDF. The namespaces, the one IRI minter, literals, the triples of each record,
deterministic serialisation and the ontology as a graph."""
