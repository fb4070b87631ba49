"""Stage: files -> articles. Reading and decoding files and records, the text of HTML pages, and the
boilerplate ranges of each text (share buttons, captions) that no fact is taken from."""
