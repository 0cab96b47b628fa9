"""The daily e-mail digest: each opted-in manager gets their organisation's new suggestions since the last one.

The message names no client and shows no id or pseudonym: per need or environment, how many new suggestions it
got and the best fit, with the link to the suggestions page, where the manager sees their own clients by name
(an e-mail leaves the network: a client's details stay in the system, as the notifications' mail). Run it once a
day (`kampus matching digest`, e.g. from cron); services.matching.config's SMTP settings say where it
goes out.
"""
from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from babel.support import Translations
from sqlalchemy import delete, select, update

from services.matching.config import MatchingSettings
from services.matching.db import digest_subscriptions, suggestions
from services.matching.handlers import suggestion_list
from shared.auth import Principal
from shared.errors import N_  # translated into the subscriber's language when sent
from shared.events.envelope import utcnow
from shared.mail import send_mail
from shared.runtime import ServiceRuntime, Work

HERE = Path(__file__).resolve()
TRANSLATIONS = (HERE.parents[1] / "translations", HERE.parents[3] / "shared" / "translations")


SUBJECT = N_("Sosiaalinen kampus: new suggestions (%(count)s)")
INTRO = N_("New suggestions for your organisation's clients since %(since)s:")
LINE = (N_("%(target)s (%(owner)s): %(count)s new suggestion, best fit %(score)s %%"),  # one, more
        N_("%(target)s (%(owner)s): %(count)s new suggestions, best fit %(score)s %%"))
UNLISTED = N_("a need or an environment no longer listed")
OPEN_PAGE = N_("Open the suggestions: %(url)s")
WHY = N_("You receive this message because you asked for the daily digest. You can stop it on the same page.")


def subscription(session, principal: Principal) -> dict:
    """Whether the principal receives the digest, at which address and in which language."""
    row = session.execute(select(digest_subscriptions).where(
        digest_subscriptions.c.user_id == principal.user_id)).first()
    if row is None:
        return {"subscribed": False, "email": None, "locale": None, "last_sent_at": None}
    return {"subscribed": True, "email": row.email, "locale": row.locale, "last_sent_at": row.last_sent_at}


def subscribe(work: Work, principal: Principal, email: str, locale: str) -> dict:
    """Opt in (or change the address); the first digest covers suggestions from now on."""
    session, table = work.session, digest_subscriptions
    values = dict(username=principal.username or principal.user_id, organisation=principal.organisation,
                  email=email, locale=locale)
    if session.execute(select(table.c.user_id).where(table.c.user_id == principal.user_id)).first():
        session.execute(update(table).where(table.c.user_id == principal.user_id).values(**values))
    else:
        session.execute(table.insert().values(user_id=principal.user_id, subscribed_at=utcnow(), **values))
    return subscription(session, principal)


def unsubscribe(work: Work, principal: Principal) -> dict:
    """Stop the digest."""
    work.session.execute(delete(digest_subscriptions).where(digest_subscriptions.c.user_id == principal.user_id))
    return subscription(work.session, principal)


def _translations(locale: str) -> Translations:
    found = Translations.load(str(TRANSLATIONS[0]), [locale])
    found.merge(Translations.load(str(TRANSLATIONS[1]), [locale]))
    return found


def _by_target(rows: list[dict]) -> list[list[dict]]:
    """The suggestions by their need or environment, in the order they first came."""
    groups: dict[tuple, list[dict]] = {}
    for item in rows:
        groups.setdefault((item["target_kind"], str(item["target_id"])), []).append(item)
    return list(groups.values())


def compose(sub, rows: list[dict], since, sender: str, url: str) -> EmailMessage:
    """The digest message of one subscriber, in their language."""
    t = _translations(sub.locale)
    lines = [t.gettext(INTRO) % {"since": since.strftime("%Y-%m-%d %H:%M")}, ""]
    for items in _by_target(rows):
        lines.append("- " + t.gettext(LINE[len(items) != 1]) % {
            "target": items[0]["target_title"] or t.gettext(UNLISTED), "owner": items[0]["target_owner"] or "-",
            "count": len(items),
            "score": round(max(item["score"] for item in items) * 100)})
    lines += ["", t.gettext(OPEN_PAGE) % {"url": url}, "", t.gettext(WHY)]
    message = EmailMessage()
    message["Subject"] = t.gettext(SUBJECT) % {"count": len(rows)}
    message["From"] = sender
    message["To"] = sub.email
    message.set_content("\n".join(lines))
    return message


def send(runtime: ServiceRuntime, settings: MatchingSettings) -> list[tuple[str, int]]:
    """Send every due digest; (username, suggestions) of each message sent.

    Each subscriber is one transaction: a message sent and not yet marked may go again (at least once).
    """
    with runtime.db.session() as session:
        subs = session.execute(select(digest_subscriptions).order_by(digest_subscriptions.c.user_id)).all()
    sent = []
    for sub in subs:
        now = utcnow()
        since = sub.last_sent_at or sub.subscribed_at
        with runtime.work() as work:
            rows = work.session.execute(suggestion_list.titled(
                suggestions.c.organisation == sub.organisation, suggestions.c.status == "new",
                suggestions.c.made_at > since).order_by(suggestions.c.made_at, suggestions.c.rank)).all()
            if not rows:
                continue
            items = [suggestion_list.as_item(r) for r in rows]
            send_mail(settings.smtp, compose(sub, items, since, settings.smtp.sender, settings.suggestions_url))
            work.session.execute(update(digest_subscriptions).where(
                digest_subscriptions.c.user_id == sub.user_id).values(last_sent_at=now))
        sent.append((sub.username, len(items)))
    return sent
