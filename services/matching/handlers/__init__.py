"""Matching's commands and the queries its API and pages share: plain functions over one unit of work.

Each takes a `Work` (one transaction) or, for a read, a session, and the principal where access
matters; a refusal is a shared.errors exception (NotFound, Conflict, Invalid), answered in one place.
"""
