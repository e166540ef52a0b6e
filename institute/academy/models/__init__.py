"""The Leadership Academy's models, one module per part of the room (see docs/academy.md)."""
