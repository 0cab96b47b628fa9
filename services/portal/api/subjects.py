"""GET /api/v1/subjects/<client_id>: what the portal holds about a client (for the network-wide export)."""
from __future__ import annotations

from services.portal.handlers.subjects import holdings
from shared.privacy.holdings import subjects_blueprint

blp = subjects_blueprint("portal", holdings)
