"""The read statements of environments' pages kept compiled (shared.db.Kept): building them through SQLAlchemy on
every request was about a third of the environment page's CPU (the ninth round). `bench/api_ab.py`'s switch
`env-kept` turns it off (`KEPT.on`)."""
from __future__ import annotations

from shared.db import Kept, Read

KEPT = Kept()
read = KEPT.execute
ahead = KEPT.ahead


def read_of(session, wanted: Read):
    """The result of a read (`Read`: a statement's name, build and values), read ahead or now (`Kept.execute`)."""
    return KEPT.execute(session, wanted.name, wanted.build, **wanted.values)
