"""Consents: separate, versioned and dated decisions per purpose; the newest decision is in force.

A decision sets effects in motion (events, profile sharing, closing the case); `effects` names
them so that the rule is testable without a database.

Consent is asked only for the purposes the organisation's register (shared/privacy/register.py)
bases on consent: where guidance runs on a public task, nobody is asked to consent to service and
registration does not depend on it.
"""
from __future__ import annotations

import itertools
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from services.intake.domain.clients import N_

SERVICE, PROFILE_SHARING, CONTACT_TO_PARTNER, STATISTICS, OVERLAP = (
    "service", "profile_sharing", "contact_to_partner", "statistics", "overlap")
PURPOSES = (SERVICE, PROFILE_SHARING, CONTACT_TO_PARTNER, STATISTICS, OVERLAP)
CURRENT_VERSION = "2026-4"  # 2026-2: statistics and the profile named pseudonymous, not anonymous; the young
# person is asked before a partner gets her contact details. 2026-3: the profile text says what matching does
# with it (suggestions, the young person's own answer and interest, what partners see, the manager decides).
# 2026-4: the young person's texts say what withdrawing each does, and the own page who keeps which data, for
# how long and where to complain (issue 21).
# The consent texts in use; older versions stay valid for past decisions.
VERSIONS = ("2026-1", "2026-2", "2026-3", CURRENT_VERSION)

# The purpose of the controller's register that each consent asks about, and the consent each
# register purpose takes when it rests on consent (ESF data under consent: the statistics consent).
REGISTER_PURPOSE = {SERVICE: "guidance", PROFILE_SHARING: "matching", CONTACT_TO_PARTNER: "contact_sharing",
                    STATISTICS: "statistics", OVERLAP: "overlap"}
CONSENT_FOR = {**{purpose: consent for consent, purpose in REGISTER_PURPOSE.items()}, "esf_reporting": STATISTICS}
METHODS = ("in_person", "written", "self_service", "guardian")  # guardian: a minor's guardian gave it

# What the client agrees to, per purpose (English message ids; the pages translate them).
DESCRIPTIONS = {
    SERVICE: N_("Service by this organisation: the service manager may keep my data to guide me."),
    PROFILE_SHARING: N_("My competence profile is shared with the network for matching under a code instead of "
                        "my name (pseudonymous: the organisation can still link it to me). I am suggested for "
                        "partners' competence needs and project learning environments, I see the suggestions and "
                        "may say whether I am interested, and I may show interest myself; partners see my skills, "
                        "fields of education and availability, never my name, gender, age or school; my service "
                        "manager decides on an introduction."),
    CONTACT_TO_PARTNER: N_("When a partner wants to contact me about a match, I am asked first: my contact details "
                           "go to that partner, named in the question, only if I accept."),
    STATISTICS: N_("Statistics: my age band, gender, area and situation at entry are counted under a code "
                   "instead of my name (pseudonymous, not anonymous); published figures never show fewer than "
                   "five people."),
    OVERLAP: N_("If I am also a client of another member organisation, the two organisations may learn it, "
                "so that they can agree who guides me."),
}
# The same, in words a 15-year-old understands, each with what withdrawing it does (`effects`): the student's
# own page shows these, under who keeps the data, for how long and where to complain (_consents.html).
YOUTH_DESCRIPTIONS = {
    SERVICE: N_("Your service manager may keep your details so that they can help you with studies and work. "
                "If you withdraw this, you stop being a client here; your details are then kept only as long "
                "as the privacy notice says."),
    PROFILE_SHARING: N_("What you know and can do is shown to the network so that it can suggest work or projects "
                        "for you. You see the suggestions, say if you are interested, and can tell about your own "
                        "interest. Companies see your skills and when you are free, never your name, gender, age "
                        "or school. Your service manager decides whether to introduce you. If you withdraw this, "
                        "your profile is taken out of the suggestions at once."),
    CONTACT_TO_PARTNER: N_("If a company or an association would like to contact you, we ask you first. They get "
                           "your name, email and phone only if you say yes."),
    STATISTICS: N_("You are counted in the project's statistics under a code, not your name: your age group, "
                   "gender, area and your situation when you started. Groups of fewer than five people are never "
                   "shown. If you withdraw this, you are no longer counted; figures already published stay as "
                   "they are. Saying no does not change the help you get."),
    OVERLAP: N_("If you are also a client of another organisation in the network, the two may find it out, "
                "so that they can agree who helps you. If you withdraw this, they are no longer told."),
}
TITLES = {
    SERVICE: N_("Service by this organisation"),
    PROFILE_SHARING: N_("Sharing the competence profile"),
    CONTACT_TO_PARTNER: N_("Contact details to a partner"),
    STATISTICS: N_("Statistics under a pseudonym"),
    OVERLAP: N_("Finding a shared client"),
}
YOUTH_TITLES = {**TITLES, STATISTICS: N_("Counting you in statistics under a code, not your name")}
# What withdrawing means, said before the client or their manager confirms it.
WITHDRAWAL = {
    SERVICE: N_("The case is closed and the service manager no longer uses the data for guidance; the data is "
                "kept only as long as the law requires."),
    PROFILE_SHARING: N_("The competence profile is no longer shared for matching, and no new suggestions are made."),
    CONTACT_TO_PARTNER: N_("Contact details are no longer given to partners. Details given earlier stay with the "
                           "partner that received them."),
    STATISTICS: N_("The client is no longer counted in new statistics; figures already published do not change."),
    OVERLAP: N_("Other member organisations are no longer told that the client is also their client."),
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


def asked(bases: Mapping[str, str]) -> tuple[str, ...]:
    """The consent purposes asked of a client: those whose register purpose rests on consent."""
    return tuple(p for p in PURPOSES if bases.get(REGISTER_PURPOSE[p], "consent") == "consent")


def problems(decision: Decision, *, self_service: bool, asked: Collection[str] = PURPOSES) -> dict:
    """Field errors of a decision ({} when valid); a client deciding alone records `self_service`.

    A purpose the organisation processes on another basis than consent is not asked, so not decided.
    """
    errors: dict = {}
    if decision.purpose not in PURPOSES:
        errors["purpose"] = [N_("Choose one of the options.")]
    elif decision.purpose not in asked:
        errors["purpose"] = [N_("This is not asked: the organisation does it on another legal basis than "
                                "consent (see the privacy notice).")]
    if decision.version not in VERSIONS:
        errors["version"] = [N_("Unknown consent version.")]
    allowed = ("self_service",) if self_service else ("in_person", "written", "guardian")
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


def registration_problems(decisions: dict[str, bool], asked: Collection[str] = PURPOSES) -> dict:
    """Where service (guidance) rests on consent, a client is registered only with that consent.

    Decisions about purposes that are not asked are not recorded (see `asked`), and so not refused.
    """
    errors: dict = {}
    unknown = [p for p in decisions if p not in PURPOSES]
    if unknown:
        errors.update({p: [N_("Unknown consent purpose.")] for p in unknown})
    if SERVICE in asked and decisions.get(SERVICE) is not True:
        errors[SERVICE] = [N_("A client is registered only with consent to service by this organisation.")]
    return errors


GIVEN, WITHDRAWN, NEVER_GIVEN = "given", "withdrawn", "never_given"


def standing(decisions: Sequence[tuple[bool, object]]) -> dict:
    """The state of one purpose's consent from its decisions (given?, when), newest first: given, withdrawn
    (given once, not now) or never given, and since when that state holds (the first decision of the run)."""
    if not decisions:
        return {"state": NEVER_GIVEN, "since": None}
    now_given = decisions[0][0]
    run = [when for given, when in itertools.takewhile(lambda d: d[0] == now_given, decisions)]
    if now_given:
        return {"state": GIVEN, "since": run[-1]}
    if len(run) == len(decisions):
        return {"state": NEVER_GIVEN, "since": None}
    return {"state": WITHDRAWN, "since": run[-1]}
