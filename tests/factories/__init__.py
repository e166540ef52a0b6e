"""Builders of test data that more than one part of the project uses, one module per part.

A room's tests build the data of other rooms only through these, never through another
room's tests (``docs/architecture.md``, Tests).
"""
