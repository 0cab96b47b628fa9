"""Environments' request context: the shared one (shared/web/context.py), and how a request works on an environment
or a participant as the signed-in user may (for the API and the pages alike); its settings are in config.py."""
from __future__ import annotations

from services.environments.handlers import access as acl
from services.environments.handlers import participants as people
from shared.auth import current_principal
from shared.web.context import LANGS, lang, runtime

__all__ = ["LANGS", "lang", "read_on", "read_on_person", "runtime", "work_on", "work_on_person"]


def work_on(environment_id, command, *, lock: bool = True):
    """Run `command(work, principal, row, access)` on the environment (locked unless told not to); its result."""
    principal = current_principal()
    with runtime().work() as work:
        row, access = acl.load_environment(work.session, principal, environment_id, lock=lock)
        return command(work, principal, row, access)


def work_on_person(participant_id, command):
    """Run `command(work, principal, person, row, access)` on a participant as the signed-in user may act on
    them; its result."""
    principal = current_principal()
    with runtime().work() as work:
        person, row, access = people.load_person(work.session, principal, participant_id)
        return command(work, principal, person, row, access)


def read_on(environment_id, query):
    """`query(session, principal, row, access)` on the environment, as the signed-in user may see it."""
    principal = current_principal()
    with runtime().db.session() as session:
        row, access = acl.load_environment(session, principal, environment_id)
        return query(session, principal, row, access)


def read_on_person(participant_id, query):
    """`query(session, principal, person, row, access)` on a participant, as the signed-in user may see them."""
    principal = current_principal()
    with runtime().db.session() as session:
        person, row, access = people.load_person(session, principal, participant_id)
        return query(session, principal, person, row, access)
