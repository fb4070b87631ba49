"""Stage: networks -> self-contained, offline HTML views."""
