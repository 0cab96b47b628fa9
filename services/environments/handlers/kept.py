"""The read statements of environments' pages kept compiled (shared.db.Kept): building them through SQLAlchemy on
every request was about a third of the environment page's CPU (the ninth round). `bench/api_ab.py`'s switch
`env-kept` turns it off (`KEPT.on`)."""
from __future__ import annotations

from shared.db import Kept

KEPT = Kept()
read = KEPT.execute
