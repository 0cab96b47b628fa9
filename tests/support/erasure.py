"""Erasure in tests goes as in the software: an erasure request in the register, its decision, carried out."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from unittest import mock

from services.intake.handlers import erasure
from shared import clock
from shared.privacy.register import build

API = "/intake/api/v1"


@contextmanager
def company_controller() -> Iterator[None]:
    """Every organisation's register names it a company, whose erasure decision erases (a public body archives)."""
    with mock.patch.object(erasure, "for_organisation",
                           lambda config, org: build(org, {"controller_kind": "company"})):
        yield


def erase(post: Callable, client_id: str):
    """File an erasure request for the client and carry out its decision as a company; the carrying out's answer.

    `post(path, json=...)` posts under intake's API root; `via(client)` makes one of a test client.
    """
    with company_controller():
        request = post("/rights-requests", json={"client_id": client_id, "kind": "erasure",
                                                 "received_on": clock.today().isoformat()})
        if request.status_code != 201:
            return request
        return post(f"/rights-requests/{request.get_json()['id']}/erasure-decision")


def via(client, root: str = API) -> Callable:
    """Post with a werkzeug test client under intake's API root."""
    return lambda path, **kwargs: client.post(root + path, **kwargs)
