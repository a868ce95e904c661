"""One module per kind of content (see treatysite/kind.py); treatysite/registry.py lists them."""
