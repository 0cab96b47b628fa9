"""The invitation e-mail: a link to the portal's welcome page with the one-time code, in the student's language.

The code travels in the link's fragment (after #), which browsers never send to a server, so it stays out
of every access log; the welcome page's script moves it into the form, and the code is also written out
for typing it in by hand.
"""
from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from babel.support import Translations

from services.portal.config import PortalSettings
from shared.errors import N_
from shared.mail import send_mail

HERE = Path(__file__).resolve()
TRANSLATIONS = (HERE.parents[1] / "translations", HERE.parents[3] / "shared" / "translations")

SUBJECT = N_("Sosiaalinen kampus: your login")
BODY = N_("Hello %(name)s,\n\nyour service manager has made you a login to Sosiaalinen kampus. Your username is "
          "%(username)s. Choose your password on this page:\n\n%(link)s\n\nIf the link does not open, go to %(page)s "
          "and give the code %(code)s. The code works once, until %(until)s.")


def welcome_link(settings: PortalSettings, base_url: str, code: str | None = None) -> str:
    """The address of the welcome page (absolute when the portal's address is), with the code as fragment."""
    portal = settings.portal_url if settings.portal_url.startswith(("http://", "https://")) else base_url
    page = portal.rstrip("/") + "/welcome"
    return page + (f"#code={code}" if code else "")


def compose(settings: PortalSettings, *, to: str, name: str, username: str, code: str, until: str,
            base_url: str, locale: str | None) -> EmailMessage:
    """The invitation message."""
    t = Translations.load(str(TRANSLATIONS[0]), [locale or "fi"])
    message = EmailMessage()
    message["Subject"] = t.gettext(SUBJECT)
    message["From"] = settings.smtp_sender
    message["To"] = to
    message.set_content(t.gettext(BODY) % {
        "name": name, "username": username, "link": welcome_link(settings, base_url, code),
        "page": welcome_link(settings, base_url), "code": code, "until": until})
    return message


def send(settings: PortalSettings, message: EmailMessage) -> None:
    """Hand the message to the configured mail server."""
    assert settings.smtp_host is not None
    send_mail(settings.smtp, message)


def deliver(settings: PortalSettings, invitation, *, name: str, base_url: str, locale: str | None) -> bool:
    """E-mail the invitation when a mail server is configured and the client has an address (True), else
    leave the code to be printed (False)."""
    if not settings.smtp_host or not invitation.email:
        return False
    until = invitation.account.expires_at.strftime("%d.%m.%Y")
    send(settings, compose(settings, to=invitation.email, name=name, username=invitation.account.username,
                           code=invitation.code, until=until, base_url=base_url, locale=locale))
    return True
