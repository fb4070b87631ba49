"""Stage: RDF -> the actor network and its measures (who accuses whom, camps, central and bridge actors)."""
