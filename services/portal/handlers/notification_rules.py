"""Which events notify whom: one line per event type and audience.

To notify of a new event, add one line: `RULES.on(type, kind, audience, link, text)`, where `audience`
and `link` come from services/portal/domain/notifications.py (or are a function of the event of your own),
and `text` is what the reader is told (add its msgid to the portal's catalogs in fi, sv and en). A rule whose
event names the thing it is about also gives `subject` (where the name is found) and `named` (the text with
`%(name)s`): the name of an environment or an organisation, never a person's.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from services.portal.domain.notifications import (
    RULES,
    link,
    managers_of,
    message_parties,
    named,
    recipient_managers,
    referral_other_side,
    source_organisation,
    student,
)

RULES.on("intake.referral.sent", "referral_received", managers_of("to_organisation"), link("intake", "/referrals"),
         _l("A referral to your organisation arrived."),
         source_organisation, _l("A referral from %(name)s to your organisation arrived."))
RULES.on("intake.referral.updated", "referral_answered", referral_other_side, link("intake", "/referrals"),
         _l("A referral was answered."), source_organisation, _l("%(name)s answered a referral."))
RULES.on("matching.shared_client.found", "overlap_found", recipient_managers, link("intake", "/overlap"),
         _l("A possible shared client was found."))
RULES.on("matching.suggestion.made", "suggestion_made", managers_of("organisation"),
         link("matching", "/suggestions/{suggestion_id}"), _l("A new suggestion for your client."),
         named("target_name"), _l("A new suggestion for your client: “%(name)s”."))
RULES.on("environments.environment.completed", "environment_task", managers_of("host_organisation"),
         link("environments", "/environments/{environment_id}"),
         _l("An environment was completed: record its assessments and outcomes."),
         named("environment_name"),
         _l("The environment “%(name)s” was completed: record its assessments and outcomes."))
# To the participation page, which asks the goals (an event from before the name travelled: the plain text).
RULES.on("environments.participant.enrolled", "enrolled", student(),
         link("environments", "/participants/{participant_id}"),
         _l("You were added to a learning environment. Open this to see which one and to write what you want to "
            "learn."),
         named("environment_name"),
         _l("You were added to the learning environment “%(name)s”. Open this to write what you want to learn."))
RULES.on("intake.step.due", "step_due", managers_of("organisation"), link("intake", "/clients/{client_id}/path"),
         _l("A step of a personal path is due."))
RULES.on("intake.message.posted", "message_posted", message_parties,
         link("intake", "/conversations/{subject_kind}/{subject_id}"), _l("A new message in a conversation."),
         named("subject_name"), _l("A new message in the conversation about “%(name)s”."))
# The recruitment channel as a dialogue (issue 16): the student's answer and interest, the partner's wish to meet
# a candidate and what happened after, each to the student's own managers.
RULES.on("matching.suggestion.answered", "suggestion_answered", managers_of("organisation"),
         link("matching", "/suggestions/{suggestion_id}"), _l("A student answered a suggestion."),
         named("target_name"), _l("A student answered the suggestion “%(name)s”."))
RULES.on("matching.interest.expressed", "interest_expressed", managers_of("organisation"),
         link("matching", "/suggestions"), _l("A student is interested in an opportunity."),
         named("target_name"), _l("A student is interested in the opportunity “%(name)s”."))
RULES.on("matching.introduction.requested", "introduction_requested", managers_of("organisation"),
         link("matching", "/suggestions/{suggestion_id}"), _l("A partner asks for an introduction to a candidate."),
         named("target_name"), _l("The competence need “%(name)s”: a partner asks for an introduction to a candidate."))
RULES.on("matching.candidate.feedback_recorded", "candidate_feedback", managers_of("organisation"),
         link("matching", "/suggestions/{suggestion_id}"), _l("A partner told what happened with a candidate."),
         named("target_name"), _l("The competence need “%(name)s”: a partner told what happened with a candidate."))
