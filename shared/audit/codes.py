"""The codes an audit entry stores, and their names (translated when shown, never stored as sentences).

An entry says what happened with codes: an action, an object type, a purpose and a category. Pages,
the data export and the review report name them in the reader's language through these labels.
"""
from __future__ import annotations

from shared.errors import N_

PERSONAL = "personal"
SPECIAL_CATEGORY = "special_category"  # health-related or otherwise sensitive (GDPR Art 9)

ACTIONS = {
    "read": N_("read"),
    "create": N_("created"),
    "update": N_("changed"),
    "erase": N_("erased"),
    "anonymise": N_("anonymised"),
    "export": N_("exported"),
    "disclose": N_("disclosed"),
    "command": N_("command-line operation"),
    "import": N_("imported"),
    "archive": N_("archived"),
}

OBJECTS = {
    "client_record": N_("client record"),
    "client_card": N_("client card"),
    "client_list": N_("client list: name and status"),
    "client_name": N_("client's name"),
    "client_status": N_("client status"),
    "own_page": N_("own page"),
    "consents": N_("consents"),
    "personal_path": N_("personal path"),
    "personal_metrics": N_("personal metrics"),
    "competence_profile": N_("competence profile"),
    "needs_assessment": N_("needs assessment"),
    "sensitive_needs": N_("health-related needs"),
    "outcomes": N_("outcomes"),
    "referral": N_("referral to another organisation"),
    "overlap_notice": N_("possible shared client"),
    "contact_details": N_("contact details"),
    "audit_trail": N_("audit trail"),
    "all_data": N_("all data"),
    "participants": N_("participants of an environment"),
    "participation": N_("participation in an environment"),
    "assessments": N_("competence assessments"),
    "survey_answers": N_("survey answers"),
    "suggestions": N_("match suggestions"),
    "team": N_("team proposal"),
    "raw_events": N_("raw events"),
    "report": N_("report"),
    "dead_letters": N_("dead letters"),
    "user_account": N_("user account"),
    "event": N_("event to other services"),
    "legacy": N_("earlier audit entry"),
    "guardians": N_("guardians"),
    "guardian_request": N_("a guardian's request"),
    "guardian_objection": N_("objection to guardian access"),
    "rights_request": N_("rights request"),
    "restriction": N_("restriction of or objection to processing"),
    "contact_disclosure": N_("contact disclosure request"),
    "erasure_request": N_("erasure request"),
    "case_notes": N_("case notes"),
    "candidate_summaries": N_("candidate summaries for a partner's need (no identities)"),
    "messages": N_("conversation messages"),
}

PURPOSES = {
    "guidance": N_("service guidance"),
    "registration": N_("registration of a new client"),
    "correction": N_("correcting the client's data"),
    "consent_decision": N_("recording a consent decision"),
    "own_use": N_("the client's own use"),
    "right_of_access": N_("the client's right of access and to data portability"),
    "erasure": N_("erasure"),
    "retention": N_("retention time passed"),
    "case_closing": N_("closing the client's case"),
    "referral": N_("referral to another organisation's service"),
    "overlap": N_("removing overlaps"),
    "environment": N_("running a learning environment"),
    "matching": N_("matching"),
    "contact_sharing": N_("sharing contact details"),
    "statistics": N_("statistics"),
    "funder_reporting": N_("reporting to the funder"),
    "log_review": N_("reviewing the processing log"),
    "administration": N_("system administration"),
    "network_service": N_("the network's services"),
    "legacy": N_("recorded before the shared audit log"),
    "rights_request": N_("handling a rights request"),
    "guardian": N_("a guardian's request or the young person's objection"),
    "restriction": N_("the right to restrict or object to processing"),
}

CATEGORIES = {PERSONAL: N_("personal data"), SPECIAL_CATEGORY: N_("special category (health)")}

KINDS = {"action": ACTIONS, "object_type": OBJECTS, "purpose": PURPOSES, "category": CATEGORIES}


def label(kind: str, code: str | None) -> str:
    """The English name (a msgid) of a code, or the code itself when it is not (or no longer) known."""
    if code is None:
        return ""
    return KINDS[kind].get(code, code)


def check(action: str, object_type: str, purpose: str, category: str) -> None:
    """Refuse an entry whose codes are not in the catalogue (so every entry can be named in fi/sv/en)."""
    for kind, code in (("action", action), ("object_type", object_type), ("purpose", purpose),
                       ("category", category)):
        if code not in KINDS[kind]:
            raise ValueError(f"unknown audit {kind} code {code!r}")
