"""Every event a notification rule names (services/portal/handlers/notification_rules.py): stored as
notifications for the users it concerns."""
from __future__ import annotations

from services.portal.handlers.notification_rules import RULES
from services.portal.handlers.notifications import deliver

HANDLERS = {type_: deliver for type_ in RULES.types}
