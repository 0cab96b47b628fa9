"""What happens on a command: plain functions that change the database in the caller's unit of work.

The API and the pages both call these; each takes a `Work` (one transaction) and the principal.
"""
