"""E-mail about new notifications, as each user prefers: at once (`kampus portal mail`, from a timer every few
minutes), as a daily digest (`kampus portal mail --digest`, once a day), or not at all.

The message says only how many new notifications there are, with a link to the notifications page: never what
they are about, never a client's details. A notification is e-mailed at most once (marked when sent; a message
sent whose mark did not commit may go again: at least once).
"""
from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from babel.support import Translations
from sqlalchemy import and_, func, select, update

from services.portal.config import PortalSettings
from services.portal.db import notification_preferences, notifications, users
from shared.events.envelope import utcnow
from shared.mail import send_mail
from shared.runtime import ServiceRuntime

HERE = Path(__file__).resolve()
TRANSLATIONS = (HERE.parents[1] / "translations", HERE.parents[3] / "shared" / "translations")
DEFAULT_MODE = "daily"


def _translations(locale: str | None) -> Translations:
    found = Translations.load(str(TRANSLATIONS[0]), [locale or "fi"])
    found.merge(Translations.load(str(TRANSLATIONS[1]), [locale or "fi"]))
    return found


def compose(count: int, locale: str | None, to: str, sender: str, url: str) -> EmailMessage:
    """'You have N new notifications' with the link, in the user's language."""
    t = _translations(locale)
    message = EmailMessage()
    message["Subject"] = t.ngettext("Sosiaalinen kampus: %(num)d new notification",
                                    "Sosiaalinen kampus: %(num)d new notifications", count) % {"num": count}
    message["From"] = sender
    message["To"] = to
    message.set_content("\n".join([
        t.ngettext("You have %(num)d new notification.", "You have %(num)d new notifications.", count)
        % {"num": count}, "",
        t.gettext("Read them in Sosiaalinen kampus: %(url)s") % {"url": url}, "",
        t.gettext("You can choose on the same page whether you get these messages at once, once a day or not at "
                  "all.")]))
    return message


def due(runtime: ServiceRuntime, mode: str) -> list[tuple[str, str, str | None, int]]:
    """(user id, e-mail, locale, count) of the users of `mode` with unread notifications not yet e-mailed."""
    chosen = func.coalesce(notification_preferences.c.email, DEFAULT_MODE)
    query = (select(users.c.id, users.c.email, users.c.locale, func.count(notifications.c.id))
             .join(notifications, notifications.c.user_id == users.c.id)
             .outerjoin(notification_preferences, notification_preferences.c.user_id == users.c.id)
             .where(users.c.active, users.c.email.is_not(None), chosen == mode,
                    notifications.c.read_at.is_(None), notifications.c.emailed_at.is_(None))
             .group_by(users.c.id, users.c.email, users.c.locale).order_by(users.c.id))
    with runtime.db.session() as session:
        return [(r[0], r[1], r[2], r[3]) for r in session.execute(query)]


def send(runtime: ServiceRuntime, settings: PortalSettings, *, digest: bool) -> list[tuple[str, int]]:
    """Send the due messages (the daily digest's, or the immediate ones); (user id, count) of each one sent."""
    url = settings.portal_url.rstrip("/") + "/notifications"
    smtp_settings, sent = settings.smtp, []
    for user_id, email, locale, count in due(runtime, "daily" if digest else "immediately"):
        now = utcnow()
        with runtime.db.transaction() as session:
            session.execute(update(notifications).where(and_(
                notifications.c.user_id == user_id, notifications.c.read_at.is_(None),
                notifications.c.emailed_at.is_(None), notifications.c.created_at <= now)).values(emailed_at=now))
            send_mail(smtp_settings, compose(count, locale, email, smtp_settings.sender, url))
        sent.append((user_id, count))
    return sent
