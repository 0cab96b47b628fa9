"""The record of processing activities (GDPR art. 30(1)) of one controller, with what a DPIA needs.

Built from the same notice as the pages (the register, the roles, the catalogue); written as data
(JSON) or Markdown in English, the language of the catalogue's message ids.
"""
from __future__ import annotations

from services.portal.domain.notice import Notice
from services.portal.domain.processing import AFTER, BASIS_TITLES, RECORD_TYPES, SERVICE_TITLES, THEN

DATA_SUBJECTS = (
    "clients: young people in transition from education to work, many under 18 (from 12 years, as intake "
    "allows), some unemployed or otherwise vulnerable",
    "contact persons of partners (companies and associations)",
    "staff: service managers, coordinators and administrators (users and the log of their actions)",
)
SECURITY = (
    "names, contact details and birth dates never travel on the event bus; events carry pseudonymous ids",
    "each organisation's services publish only under their own broker user and routing keys",
    "contact details travel only addressed to the one organisation concerned",
    "every read and change of a client's data in intake is logged (who, organisation, role, what, why)",
    "access by role and organisation, default deny, checked on every route; managers see only their "
    "organisation's clients",
    "passwords hashed with Argon2; CSRF tokens; HttpOnly, SameSite and (in production) Secure cookies",
    "production refuses default secrets, SQLite and demo users",
    "published statistics suppress every count of 1-4 persons, with secondary suppression",
    "each service has its own database and database role",
)
DPIA = (
    "vulnerable data subjects: minors and young people outside education or work",
    "evaluation and scoring: matching suggestions, personal metrics, partners' assessments",
    "special categories or data close to them: health and study-difficulty needs, the ESF disadvantaged flag",
    "data combined across controllers: the network's matching and reporting",
    "a new multi-organisation architecture",
)


def _retention(rule) -> dict:
    return {"record_type": rule.record_type, "label": RECORD_TYPES.get(rule.record_type, rule.record_type),
            "after": rule.after, "days": rule.days, "then": rule.then,
            "text": f"{rule.days} days {AFTER.get(rule.after, rule.after)}, {THEN.get(rule.then, rule.then)}"}


def record(notice: Notice) -> dict:
    """The Art 30 record as data."""
    org = notice.organisation
    return {
        "controller": {"organisation": org.slug, "name": org.name, "kind": notice.controller_kind,
                       "dpo": {"name": notice.dpo.name, "email": notice.dpo.email} if notice.dpo else None},
        "sole_controller_of": [SERVICE_TITLES[s] for s in notice.own_services],
        "joint_controllers": {
            "of": [SERVICE_TITLES[s] for s in ("matching", "environments", "reporting", "portal")]
            if notice.is_joint_controller else [],
            "parties": [p.name for p in notice.joint_controllers],
            "contact_point": notice.contact_point.name if notice.contact_point else None},
        "processors": [{"name": p.name, "services": [SERVICE_TITLES[s] for s in services]}
                       for p, services in notice.processors],
        "purposes": [{"purpose": line.activity.code, "title": line.activity.title, "description": line.activity.what,
                      "basis": line.basis, "basis_text": BASIS_TITLES[line.basis], "law": line.law,
                      "consent_asked": line.consent, "objection_possible": line.objection,
                      "data": list(line.activity.data), "special_categories": list(line.activity.special),
                      "recipients": list(line.activity.recipients), "profiling": line.activity.profiling,
                      "services": [SERVICE_TITLES[s] for s in line.activity.services]}
                     for line in notice.purposes],
        "data_subjects": list(DATA_SUBJECTS),
        "minors": "clients may be 12-17 years old: consents of minors and guardians' involvement need the "
                  "member's own rules; texts for young people are in the short notice",
        "recipients_outside": [notice.funder or "the funder (ESF managing authority)"],
        "transfers_outside_eea": "none: the software makes no transfers; hosting and e-mail must stay in the "
                                 "EU/EEA or be assessed (art. 44 ff.)",
        "retention": [_retention(rule) for rule in notice.retention],
        "security_measures": list(SECURITY),
        "dpia_inputs": {"criteria_met": list(DPIA), "profiling": any(p.activity.profiling for p in notice.purposes),
                        "special_categories": sorted({s for p in notice.purposes for s in p.activity.special})},
    }


def markdown(data: dict) -> str:
    """The record as a Markdown document."""
    c = data["controller"]
    dpo = c["dpo"]
    officer = (dpo["name"] + (f", {dpo['email']}" if dpo["email"] else "")) if dpo else "not named"
    lines = [f"# Record of processing activities (GDPR art. 30): {c['name']}", "",
             f"- Controller: {c['name']} ({c['organisation']}), {c['kind'].replace('_', ' ')}",
             f"- Data-protection officer: {officer}",
             f"- Sole controller of: {', '.join(data['sole_controller_of']) or '-'}"]
    joint = data["joint_controllers"]
    if joint["of"]:
        lines.append(f"- Joint controller (art. 26) of {', '.join(joint['of'])} with {', '.join(joint['parties'])}; "
                     f"contact point {joint['contact_point'] or '-'}")
    for p in data["processors"]:
        lines.append(f"- Processor (art. 28): {p['name']} for {', '.join(p['services'])}")
    lines += ["", "## Purposes, legal bases, data and recipients", ""]
    for p in data["purposes"]:
        law = f"; {p['law']}" if p["law"] else ""
        lines += [f"### {p['title']} (`{p['purpose']}`)", "", p["description"], "",
                  f"- Legal basis: {p['basis_text']}{law}",
                  f"- Data: {'; '.join(p['data'])}",
                  f"- Special categories: {'; '.join(p['special_categories']) or 'none'}",
                  f"- Recipients: {'; '.join(p['recipients'])}",
                  f"- Runs in: {', '.join(p['services'])}; profiling: {'yes' if p['profiling'] else 'no'}", ""]
    lines += ["## Data subjects", "", *[f"- {s}" for s in data["data_subjects"]], f"- Minors: {data['minors']}", "",
              "## Recipients outside the network and transfers", "",
              *[f"- {r}" for r in data["recipients_outside"]], f"- Transfers: {data['transfers_outside_eea']}", "",
              "## Retention", "", "| record type | period | then |", "| --- | --- | --- |",
              *[f"| {r['label']} | {r['days']} days {AFTER.get(r['after'], r['after'])} | {r['then']} |"
                for r in data["retention"]], "",
              "## Security measures (art. 32)", "", *[f"- {s}" for s in data["security_measures"]], "",
              "## Inputs for the DPIA (art. 35)", "", *[f"- {s}" for s in data["dpia_inputs"]["criteria_met"]],
              f"- Profiling: {'yes' if data['dpia_inputs']['profiling'] else 'no'}",
              f"- Special categories: {'; '.join(data['dpia_inputs']['special_categories']) or 'none'}", ""]
    return "\n".join(lines)
