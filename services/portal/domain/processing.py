"""What the network processes, per purpose of the register: data, data subjects, recipients, sources.

The catalogue is the software's own description (the same for every member); the register of each
controller (shared/privacy/register.py) adds the legal basis, and the network's roles who answers
for what. Texts are English message ids: the notice pages translate them, the Art 30 record keeps them.
"""
from __future__ import annotations

from dataclasses import dataclass

from shared.privacy.register import AFTER, LAWS, RECORD_TYPES, law_parts  # noqa: F401 - the notice pages' names


def N_(message: str) -> str:
    """Mark a message for translation where it is shown."""
    return message


@dataclass(frozen=True)
class Activity:
    """One purpose of processing as the software carries it out."""

    code: str
    title: str
    what: str  # what is done, for the notice
    young: str  # the same in words a 15-year-old understands
    data: tuple[str, ...]
    special: tuple[str, ...]  # special categories (Art 9) or data close to them
    recipients: tuple[str, ...]
    services: tuple[str, ...]  # where it runs: intake (the member's own) or the network's services
    profiling: bool = False


ACTIVITIES: dict[str, Activity] = {a.code: a for a in (
    Activity(
        "guidance", N_("Guidance and service management"),
        N_("The service manager records your situation, needs and personal path, guides you and, with your "
           "agreement, refers you to another organisation's service."),
        N_("Your service manager writes down your situation and goals so that they can help you."),
        (N_("name, birth date and contact details"), N_("home municipality, gender, mother tongue and languages"),
         N_("education and employment situation"), N_("needs, personal path, personal metrics and outcomes"),
         N_("referrals and the log of who read or changed the data")),
        (N_("needs that may concern health or study difficulties"),),
        (N_("another member organisation, when you agree to be referred to it"),),
        ("intake",)),
    Activity(
        "matching", N_("Matching competence with needs"),
        N_("Your competence profile goes to the network's matching under a code instead of your name; it "
           "suggests project learning environments and companies' needs to your service manager, who decides."),
        N_("Your skills, without your name, are compared with jobs and projects. A person always decides."),
        (N_("competence profile: skills, availability, field, area and languages (pseudonymous)"),),
        (),
        (N_("the network's matching service, run jointly by the member organisations"),),
        ("intake", "matching"), profiling=True),
    Activity(
        "contact_sharing", N_("Contact details to a partner"),
        N_("After a match is accepted, your name, e-mail and phone go to the company or association whose "
           "need it was, so that they can contact you."),
        N_("If you say yes, the company or association of a match gets your name, e-mail and phone."),
        (N_("name, e-mail and phone"),),
        (),
        (N_("the partner (company or association) of the accepted match, a controller of its own"),),
        ("intake",)),
    Activity(
        "statistics", N_("Statistics of the network"),
        N_("Your age band, gender, area and situation at entry are counted under a code instead of your name "
           "(pseudonymous data, not anonymous); published figures never show groups of fewer than five."),
        N_("You are counted in the network's statistics without your name. Small groups are never shown."),
        (N_("age band, gender, area and situation at entry (pseudonymous)"),
         N_("participation in environments, survey answers and outcomes (pseudonymous)")),
        (),
        (N_("the network's reporting service, run jointly by the member organisations"),
         N_("the public, only as figures in which no group of fewer than five people shows")),
        ("intake", "reporting")),
    Activity(
        "esf_reporting", N_("Reporting to the funder (ESF)"),
        N_("The project must report its participants to the funder of the European Social Fund: your entry "
           "facts and situation on leaving are counted, and each report sent is kept as it was sent."),
        N_("The project has to tell its funder how many young people took part and what happened next."),
        (N_("age band, gender, area, education and employment situation at entry and on leaving"),
         N_("whether you are a disadvantaged participant, if you told it")),
        (N_("the disadvantaged flag may reveal disability or a migrant or minority background"),),
        (N_("the funder, as figures; participant data only when its audit asks for it"),
         N_("the network's reporting service, run jointly by the member organisations")),
        ("intake", "reporting")),
)}

BASIS_TITLES = {
    "public_task": N_("public task (GDPR art. 6(1)(e))"),
    "legal_obligation": N_("legal obligation (GDPR art. 6(1)(c))"),
    "contract": N_("contract (GDPR art. 6(1)(b))"),
    "legitimate_interest": N_("legitimate interest (GDPR art. 6(1)(f))"),
    "consent": N_("consent (GDPR art. 6(1)(a)): you may withdraw it at any time"),
}
BASIS_YOUNG = {
    "public_task": N_("the law gives this task to the organisation"),
    "legal_obligation": N_("the law requires it"),
    "contract": N_("you have an agreement with the organisation"),
    "legitimate_interest": N_("the organisation needs it and it does not harm you"),
    "consent": N_("only if you say yes; you can change your mind at any time"),
}
THEN = {"delete": N_("then deleted"), "anonymise": N_("then anonymised"), "archive": N_("then archived"),
        "keep": N_("then kept permanently")}
ORGANISATION_KINDS = {"educational_institution": N_("educational institution"),
                      "development_organisation": N_("development organisation"), "company": N_("company"),
                      "third_sector": N_("association"), "public_body": N_("public body")}
CONTROLLER_KINDS = {"public_body": N_("public body"), "company": N_("company"), "ngo": N_("association")}
SERVICE_TITLES = {"intake": N_("client records (intake)"), "matching": N_("matching"),
                  "environments": N_("project learning environments"), "reporting": N_("reporting"),
                  "portal": N_("login and front page (portal)")}
NETWORK_SERVICES = ("portal", "matching", "environments", "reporting")
