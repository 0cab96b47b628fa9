"""Sending e-mail through the configured mail server: one copy for matching's digest and the portal's mail."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from shared.config import SmtpSettings


def send_mail(settings: SmtpSettings, message: EmailMessage) -> None:
    """Hand one message to the mail server: STARTTLS and a login when the settings ask for them."""
    with smtplib.SMTP(settings.host, settings.port, timeout=30) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(message)
