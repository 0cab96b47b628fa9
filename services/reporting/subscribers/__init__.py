"""What reporting does when events arrive: every event goes into the raw log (see raw_log.py).

`projections/` holds the projectors the raw log's subscriber runs in the same inbox transaction: what
each event changes in reporting's tables. They live here because events drive them; a rebuild
(handlers/rebuild.py) runs the very same projectors over the logged events.
"""
