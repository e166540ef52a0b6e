"""Settings family: ``base`` holds everything; ``dev``, ``test`` and ``production`` adjust it.

Every value that differs between machines comes from an environment variable, with an
embedded default that needs nothing else installed (SQLite, local-memory cache, database
task queue, console e-mail).
"""
