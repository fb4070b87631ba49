"""The RDF, stored and asked: the store beside each build, the named queries and their bindings, SHACL
validation, a local endpoint, and loading into / querying a remote triplestore."""
