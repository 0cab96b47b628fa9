"""What the portal holds about one client: the student login linked to the client record (never its password
hash or token generation), its invitations (never the code's hash), its external identity, its notifications
and how it wants to hear of them."""
from __future__ import annotations

from sqlalchemy import select

from services.portal.db import external_logins, invitations, notification_preferences, notifications, users
from shared.auth.principal import Principal
from shared.privacy.holdings import collect
from shared.runtime import Work


def holdings(work: Work, principal: Principal, client_id: str) -> dict[str, list[dict]]:
    """The portal's rows about a client of the principal's own organisation (nothing for anyone else's)."""
    login = work.session.execute(select(users.c.id).where(
        users.c.client_id == client_id, users.c.organisation == principal.organisation)).scalar()
    if login is None:
        return {}
    return collect(work.session, {
        "student_login": select(users.c.username, users.c.display_name, users.c.email, users.c.organisation,
                                users.c.roles, users.c.locale, users.c.active, users.c.created_at,
                                users.c.password_changed_at).where(users.c.id == login),
        "invitations": select(invitations.c.created_at, invitations.c.expires_at, invitations.c.used_at)
        .where(invitations.c.user_id == login).order_by(invitations.c.created_at),
        "external_logins": select(external_logins.c.issuer, external_logins.c.subject, external_logins.c.proof,
                                  external_logins.c.linked_at).where(external_logins.c.user_id == login),
        "notifications": select(notifications.c.kind, notifications.c.service, notifications.c.created_at,
                                notifications.c.read_at, notifications.c.emailed_at)
        .where(notifications.c.user_id == login).order_by(notifications.c.id),
        "notification_preferences": select(notification_preferences.c.email, notification_preferences.c.updated_at)
        .where(notification_preferences.c.user_id == login),
    })
