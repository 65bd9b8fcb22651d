"""The session pages, one module per kind, and the registry of page kinds."""
