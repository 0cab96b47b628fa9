"""Calls to another part of the network on behalf of the signed-in person, with their own token.

The called service checks the person's access as for any request of theirs. In the embedded network (one
process: `kampus dev`, tests) the call goes straight to the network's WSGI app, which `shared.embedded`
puts in `app.extensions["kampus_peer_wsgi"]`; deployed apart, it goes over HTTP to the service's address:
the portal's PORTAL_INTERNAL_URL, else the network's links (the caller's own organisation's intake).
"""
from __future__ import annotations

import json
import urllib.error
import urllib.request

from flask import current_app, request

from shared.auth.web import TOKEN_COOKIE
from shared.web.navigation import DEFAULT_LINKS, links


class PeerUnavailable(Exception):
    """The other service did not answer."""


def caller_token() -> str | None:
    """The signed-in person's token, from the Authorization header or the network cookie."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        return token.strip()
    return request.cookies.get(TOKEN_COOKIE)


def _base(service: str) -> str:
    if service == "portal" and current_app.extensions["kampus"].config.portal_internal_url:
        return current_app.extensions["kampus"].config.portal_internal_url
    base = links()[service]
    if not base.startswith(("http://", "https://")):
        base = request.host_url.rstrip("/") + "/" + base.lstrip("/")
    return base


def call(service: str, method: str, path: str, body: dict | None = None, *, lang: str | None = None,
         timeout: float = 10.0) -> tuple[int, dict]:
    """(status, JSON body) of `method path` at `service` (e.g. "portal", "/api/v1/...") as the caller."""
    headers = {"Accept": "application/json", "Authorization": f"Bearer {caller_token() or ''}"}
    if lang:
        headers["Accept-Language"] = lang
    if body is not None:
        headers["Content-Type"] = "application/json"
    wsgi = current_app.extensions.get("kampus_peer_wsgi")
    if wsgi is not None:
        from werkzeug.test import Client

        prefix = DEFAULT_LINKS[service].rstrip("/")
        answer = Client(wsgi).open(prefix + path, method=method, headers=headers,
                                   data=json.dumps(body) if body is not None else None)
        return answer.status_code, answer.get_json(silent=True) or {}
    data = json.dumps(body).encode() if body is not None else None
    url = _base(service).rstrip("/") + path
    sent = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(sent, timeout=timeout) as answer:  # noqa: S310 - the network's own service
            return answer.status, json.loads(answer.read() or b"{}")
    except urllib.error.HTTPError as exc:
        try:
            return exc.code, json.loads(exc.read() or b"{}")
        except ValueError:
            return exc.code, {}
    except (urllib.error.URLError, OSError) as exc:
        raise PeerUnavailable(str(exc)) from exc


def client_names(purpose: str, ids=None) -> dict[str, str]:
    """Names of the signed-in manager's own organisation's clients among `ids` (all active ones when None), by
    id, from their intake (audited there); others' clients are left out. Empty when intake does not answer."""
    body: dict = {"purpose": purpose}
    if ids is not None:
        wanted = sorted({str(i) for i in ids if i})
        if not wanted:
            return {}
        body["ids"] = wanted
    try:
        status, answer = call("intake", "POST", "/api/v1/client-names", body)
    except PeerUnavailable:
        return {}
    if status != 200 or not isinstance(answer, list):
        return {}
    return {item["id"]: item["name"] for item in answer}


def remove_login(client_id) -> bool:
    """After a client's data is erased, remove their student login in the portal at once (True: removed or none).

    The portal's subscriber of `intake.client.erased` removes it too, with the same function, for every erasure
    (the retention job's has no signed-in person to call with)."""
    import structlog

    try:
        status, _answer = call("portal", "POST", f"/api/v1/student-accounts/{client_id}/erasure")
    except PeerUnavailable:
        status = 503
    if status not in (200, 404):
        structlog.get_logger("kampus.peer").warning("student_login_not_removed", status=status)
    return status in (200, 404)
