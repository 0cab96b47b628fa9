"""Calls to the manager's intake on their behalf: a learning gap goes onto the client's personal path.

Intake owns personal paths; matching's page asks intake's API
(`POST /api/v1/clients/<client_id>/path/learning-gaps`) with the manager's own token, so intake checks
the manager's access as for any other request.
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Protocol

from flask import current_app, request

from services.matching.config import settings_of
from shared.auth.web import TOKEN_COOKIE


class IntakeApi(Protocol):
    def add_learning_gap(self, client_id: str, skill_uri: str, lang: str, token: str) -> tuple[int, dict]:
        """(HTTP status, JSON body) of intake's answer."""


def learning_gap_path(client_id: str) -> str:
    return f"api/v1/clients/{client_id}/path/learning-gaps"


class HttpIntakeApi:
    """Intake over HTTP at `base_url` (its root, e.g. https://kampus.example/intake/)."""

    def __init__(self, base_url: str, timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/") + "/"
        self.timeout = timeout

    def add_learning_gap(self, client_id: str, skill_uri: str, lang: str, token: str) -> tuple[int, dict]:
        body = json.dumps({"skill_uri": skill_uri, "lang": lang}).encode()
        call = urllib.request.Request(self.base_url + learning_gap_path(client_id), data=body, method="POST",
                                      headers={"Content-Type": "application/json", "Accept": "application/json",
                                               "Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(call, timeout=self.timeout) as answer:  # noqa: S310 - our own intake
                return answer.status, json.loads(answer.read() or b"{}")
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read() or b"{}")


def intake_api(organisation: str) -> IntakeApi:
    """The intake of the client's organisation: set in app.extensions (tests), else the network file's
    intake of that organisation, else INTAKE_API_URL, else the intake link."""
    given = current_app.extensions.get("matching_intake_api")
    if given is not None:
        return given
    base = ((current_app.config.get("KAMPUS_INTAKE_APIS") or {}).get(organisation)
            or settings_of(current_app).intake_api_url or current_app.config["KAMPUS_LINKS"]["intake"])
    if not base.startswith(("http://", "https://")):
        base = request.host_url.rstrip("/") + "/" + base.lstrip("/")
    return HttpIntakeApi(base)


def caller_token() -> str | None:
    """The signed-in manager's token, from the Authorization header or the network cookie."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        return token.strip()
    return request.cookies.get(TOKEN_COOKIE)
