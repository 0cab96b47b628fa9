"""What reporting does on a request or a command: the code that reads or writes reporting's database.

- `queries.py`: a report as its asker may see it (filters parsed and checked, the tables built); the pages
  and the API both call it. It raises shared.errors (Invalid, Forbidden), never an HTTP error.
- `indicators/`: the queries behind every published table, each reading one projection (SQL, so here
  and not in domain/; the suppression and the tables they fill are domain/'s plain Python).
- `rebuild.py`: the command that replays the raw log into fresh projections (`kampus reporting rebuild`).
- `synthetic.py`: writes a seeded synthetic history into the raw log (`kampus reporting synthesise`, the
  benchmark and the demo); its events are made with domain/history.py.
"""
