"""Consents: separate, versioned and dated decisions per purpose; the newest decision is in force.

A decision sets effects in motion (events, profile sharing, closing the case); `effects` names
them so that the rule is testable without a database.
"""
from __future__ import annotations

from dataclasses import dataclass

from services.intake.domain.clients import N_

SERVICE, PROFILE_SHARING, CONTACT_TO_PARTNER, STATISTICS, OVERLAP = (
    "service", "profile_sharing", "contact_to_partner", "statistics", "overlap")
PURPOSES = (SERVICE, PROFILE_SHARING, CONTACT_TO_PARTNER, STATISTICS, OVERLAP)
CURRENT_VERSION = "2026-1"
VERSIONS = (CURRENT_VERSION,)  # consent texts in use; older versions stay valid for past decisions
METHODS = ("in_person", "written", "self_service")

# What the client agrees to, per purpose (English message ids; the pages translate them).
DESCRIPTIONS = {
    SERVICE: N_("Service by this organisation: the service manager may keep my data to guide me."),
    PROFILE_SHARING: N_("My competence profile is shared with the network for matching, without my name."),
    CONTACT_TO_PARTNER: N_("My contact details are given to a partner after I have accepted a match."),
    STATISTICS: N_("Anonymous statistics: my age band, gender, area and situation at entry are counted."),
    OVERLAP: N_("If I am also a client of another member organisation, the two organisations may learn it, "
                "so that they can agree who guides me."),
}
TITLES = {
    SERVICE: N_("Service by this organisation"),
    PROFILE_SHARING: N_("Sharing the competence profile"),
    CONTACT_TO_PARTNER: N_("Contact details to a partner"),
    STATISTICS: N_("Anonymous statistics"),
    OVERLAP: N_("Finding a shared client"),
}

# Effects of a decision.
EMIT_GIVEN, EMIT_WITHDRAWN = "emit_consent_given", "emit_consent_withdrawn"
SHARE_PROFILE, WITHDRAW_PROFILE = "share_profile", "withdraw_profile"
RECORD_STATISTICS, CLOSE_CASE = "record_statistics", "close_case"
PUBLISH_PERSON_KEY = "publish_person_key"  # tell the network's overlap detection whether it may use the key


@dataclass(frozen=True)
class Decision:
    """One consent decision about one purpose."""

    purpose: str
    given: bool
    version: str = CURRENT_VERSION
    method: str = "in_person"


def problems(decision: Decision, *, self_service: bool) -> dict:
    """Field errors of a decision ({} when valid); a client deciding alone records `self_service`."""
    errors: dict = {}
    if decision.purpose not in PURPOSES:
        errors["purpose"] = [N_("Choose one of the options.")]
    if decision.version not in VERSIONS:
        errors["version"] = [N_("Unknown consent version.")]
    allowed = ("self_service",) if self_service else ("in_person", "written")
    if decision.method not in allowed:
        errors["method"] = [N_("Choose one of the options.")]
    return errors


def effects(decision: Decision, *, case_active: bool, was_given: bool) -> list[str]:
    """What a decision sets in motion at once, in order.

    A withdrawal travels only when a consent was in force; a refusal of something never given is
    recorded and goes nowhere. Giving again (e.g. a new version) is announced again.
    """
    if not decision.given and not was_given:
        return []
    result = [EMIT_GIVEN if decision.given else EMIT_WITHDRAWN]
    if decision.purpose == PROFILE_SHARING:
        result.append(SHARE_PROFILE if decision.given else WITHDRAW_PROFILE)
    elif decision.purpose == STATISTICS and decision.given:
        result.append(RECORD_STATISTICS)
    elif decision.purpose == OVERLAP:
        result.append(PUBLISH_PERSON_KEY)
    elif decision.purpose == SERVICE and not decision.given and case_active:
        result.append(CLOSE_CASE)  # without consent to service the organisation stops serving
    return result


def registration_problems(decisions: dict[str, bool]) -> dict:
    """A client is registered only with consent to service (a) by this organisation."""
    errors: dict = {}
    unknown = [p for p in decisions if p not in PURPOSES]
    if unknown:
        errors.update({p: [N_("Unknown consent purpose.")] for p in unknown})
    if decisions.get(SERVICE) is not True:
        errors[SERVICE] = [N_("A client is registered only with consent to service by this organisation.")]
    return errors
