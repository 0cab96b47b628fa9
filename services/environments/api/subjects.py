"""What environments holds about one client, for the network-wide export."""
from __future__ import annotations

from services.environments.handlers.subjects import holdings
from shared.privacy.holdings import subjects_blueprint

blp = subjects_blueprint("environments", holdings)
