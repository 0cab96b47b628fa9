"""What happens on a command: plain functions that change the database in the caller's unit of work.

The API and the pages both call these; each takes a `Work` (one transaction) or a session and the
principal, and refuses with shared.errors (NotFound, Forbidden, Conflict, Invalid), never an HTTP error.
`access.py` says who may see and do what; `queries.py` and `views.py` are the reads pages and API share.
"""
