"""What reporting does when events arrive: every event goes into the raw log (see raw_log.py)."""
