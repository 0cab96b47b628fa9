"""The demo network: five member organisations, partners, students and a coordinator.

Seeded once by `kampus dev` (the embedded default) or on request; every demo user's password
is `demo`. A production configuration refuses to start while demo users exist.
"""
from __future__ import annotations

from services.portal.handlers.identity import IdentityStore

PASSWORD = "demo"

ORGANISATIONS = [
    ("verkosto", "Sosiaalisen kampuksen verkosto", "development_organisation", False),
    ("sataedu", "Sataedu (demo)", "educational_institution", True),
    ("samk", "Satakunnan ammattikorkeakoulu (demo)", "educational_institution", True),
    ("winnova", "WinNova (demo)", "educational_institution", True),
    ("prizztech", "Prizztech (demo)", "development_organisation", True),
    ("posek", "Pohjois-Satakunnan kehittämiskeskus (demo)", "development_organisation", True),
    ("konepaja-virtanen", "Konepaja Virtanen Oy (demo)", "company", False),
    ("nuorisoseura", "Kankaanpään Nuorisoseura ry (demo)", "third_sector", False),
]
MEMBERS = ["sataedu", "samk", "winnova", "prizztech", "posek"]

USERS = [
    *[(f"manager{i}", f"Palvelumanageri {i}", org, ["manager"]) for i, org in enumerate(MEMBERS, start=1)],
    ("partner1", "Kaisa Kumppani", "konepaja-virtanen", ["partner"]),
    ("partner2", "Niko Järjestö", "nuorisoseura", ["partner"]),
    ("student1", "Opiskelija Yksi", "sataedu", ["student"]),
    ("coordinator", "Verkoston koordinaattori", "verkosto", ["coordinator"]),
    ("admin", "Ylläpitäjä", "verkosto", ["admin"]),
]


def seed(store: IdentityStore) -> bool:
    """Create the demo network unless it exists; True when something was created."""
    if store.organisation("verkosto") is not None:
        return False
    for slug, name, kind, member in ORGANISATIONS:
        store.create_organisation(slug, name, kind, member)
    for username, name, org, roles in USERS:
        store.create_user(username, PASSWORD, display_name=name, organisation=org, roles=roles, demo=True)
    return True


def logins() -> list[tuple[str, str, str]]:
    """(username, role, organisation) of every demo login, for printing."""
    return [(u, ",".join(r), o) for u, _n, o, r in USERS]
