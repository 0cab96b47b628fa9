"""Other network services over HTTP, called with the signed-in manager's own token: their
`GET /api/v1/subjects/<client_id>` (the network export)."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

from services.intake.handlers.network_export import SourceUnavailable


class HttpSources:
    """Each service at its base URL (its root, e.g. https://kampus.example/matching/)."""

    def __init__(self, bases: dict[str, str], token: str | None, timeout: float = 10.0) -> None:
        self.bases = {name: base.rstrip("/") + "/" for name, base in bases.items()}
        self.token = token
        self.timeout = timeout

    def holdings(self, service: str, client_id: str) -> dict[str, list[dict]]:
        base = self.bases.get(service)
        if base is None or not self.token:
            raise SourceUnavailable(service)
        call = urllib.request.Request(base + f"api/v1/subjects/{client_id}", headers={
            "Accept": "application/json", "Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(call, timeout=self.timeout) as answer:  # noqa: S310 - the network's own
                return json.loads(answer.read() or b"{}").get("sections") or {}
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise SourceUnavailable(service) from exc
