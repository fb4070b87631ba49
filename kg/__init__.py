"""conflict-kg: a knowledge graph of who accuses whom of what, from conflict news."""

__version__ = "0.1.0"
