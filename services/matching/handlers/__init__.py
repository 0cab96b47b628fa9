"""Matching's commands and the queries its API, pages and CLI share: plain functions over one unit of work.

Each takes a `Work` (one transaction) or, for a read, a session, then the principal where access
matters; a refusal is a shared.errors exception (NotFound, Conflict, Invalid), answered in one place.
The operators' batch commands (maintenance.rebuild, digest.send) take the runtime: they open their own
transactions. `live` holds the process's engine, a cache of the read models that the others work on.
"""
