"""The only places the project reaches into a library's private internals, one module per
library, each pinned to the library's minor version in pyproject.toml and checked by
``institute/core/tests/test_adapters.py`` (docs/architecture.md, "Where we lean on library
internals")."""
