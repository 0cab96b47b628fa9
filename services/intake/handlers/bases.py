"""The organisation's legal bases applied to one client: what may be processed, and on which basis.

A purpose whose basis in the register (shared/privacy/register.py) is consent is lawful only while
the client's consent is in force; any other basis (public task, legal obligation, contract,
legitimate interest) holds without asking.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from services.intake.domain import consent as consent_rules
from services.intake.handlers.consents import NewClient, has_consent
from shared.privacy import register
from shared.privacy.register import PrivacyRegister
from shared.runtime import Work

STATISTICS_PURPOSES = ("statistics", "esf_reporting")  # what a client's entry facts are sent for


def register_of(work: Work, organisation: str) -> PrivacyRegister:
    """The register of the organisation a client belongs to (its block in the network file, or the defaults)."""
    return register.for_organisation(work.runtime.config, organisation)


def asked_in(config, organisation: str) -> tuple[str, ...]:
    """The consent purposes the organisation asks its clients about (config: the process's settings)."""
    reg = register.for_organisation(config, organisation)
    return consent_rules.asked({code: p.basis for code, p in reg.purposes.items()})


def asked(work: Work, organisation: str) -> tuple[str, ...]:
    return asked_in(work.runtime.config, organisation)


def lawful(work: Work, session: Session, client, purpose: str, new: NewClient | None = None) -> bool:
    """Whether the register purpose may be processed for the client now: consent in force where the basis is
    consent, and the processing not restricted or objected to (Art 18, 21) unless the law obliges to it.

    `new`: the client was registered in this transaction, so nothing restricts it yet and its consents are known.
    """
    from services.intake.handlers.restrictions import is_restricted

    reg = register_of(work, client.organisation)
    consent_purpose = consent_rules.CONSENT_FOR[purpose]
    if new is None and reg.basis(purpose) != "legal_obligation" and is_restricted(session, client.id,
                                                                                 consent_purpose):
        return False
    if not reg.needs_consent(purpose):
        return True
    return new.given(consent_purpose) if new is not None else has_consent(session, client.id, consent_purpose)


def statistics_bases(work: Work, client, new: NewClient | None = None) -> dict[str, str]:
    """The purposes the client's entry facts may be sent for now, each with its basis ({}: none)."""
    reg = register_of(work, client.organisation)
    return {p: reg.basis(p) for p in STATISTICS_PURPOSES if lawful(work, work.session, client, p, new)}
