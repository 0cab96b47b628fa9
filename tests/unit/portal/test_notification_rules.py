"""The notification rules: whom an event concerns, where its link goes, and one telling per kind."""
from __future__ import annotations

import pytest

from services.portal.domain import notifications as domain
from services.portal.domain.notifications import Audience, Event, Rules
from services.portal.handlers.notification_rules import RULES


def test_the_audiences_name_organisations_students_and_leave_out_the_author():
    sent = Event("intake.referral.sent", {"to_organisation": "samk"}, "sataedu")
    assert domain.managers_of("to_organisation")(sent) == Audience(organisations=("samk",))
    answered = Event("intake.referral.updated", {}, "samk", remembered={"sides": ("sataedu", "samk")})
    assert domain.referral_other_side(answered) == Audience(organisations=("sataedu",))
    assert domain.referral_other_side(Event("intake.referral.updated", {}, "samk")).empty  # sides unknown: nobody
    found = Event("matching.shared_client.found", {}, "verkosto", "winnova")
    assert domain.recipient_managers(found).organisations == ("winnova",)
    assert domain.student()(Event("x", {"client_id": "c-1"}, "sataedu")).client_ids == ("c-1",)
    posted = Event("intake.message.posted", {"organisations": ["sataedu", "samk"], "client_ids": ["c-1"],
                                             "partner_organisations": ["konepaja"], "author": "u-9"}, "samk")
    assert domain.message_parties(posted) == Audience(organisations=("sataedu", "samk"), client_ids=("c-1",),
                                               partners=("konepaja",), except_users=("u-9",))


def test_a_link_is_filled_from_the_payload():
    event = Event("matching.suggestion.made", {"suggestion_id": "s-1", "score": 0.5}, "verkosto")
    assert domain.link("matching", "/suggestions/{suggestion_id}")(event) == ("matching", "/suggestions/s-1")


def test_one_kind_is_told_one_way_and_the_registry_lists_its_types():
    rules = Rules()
    rules.on("a.b.c", "kind_a", domain.managers_of("organisation"), domain.link("intake", "/"), "Told once.")
    rules.on("a.b.d", "kind_a", domain.managers_of("organisation"), domain.link("intake", "/"), "Told once.")
    with pytest.raises(ValueError, match="told two ways"):
        rules.on("a.b.e", "kind_a", domain.managers_of("organisation"), domain.link("intake", "/"), "Told otherwise.")
    assert rules.types == ["a.b.c", "a.b.d"] and rules.text_of("kind_a") == "Told once."


def test_the_networks_rules_name_known_event_types_only():
    from shared.events.catalogue import REGISTRY

    assert RULES.types and all(type_ in REGISTRY for type_ in RULES.types)
    assert {"referral_received", "referral_answered", "overlap_found", "suggestion_made", "message_posted",
            "step_due", "environment_task"} <= RULES.kinds


@pytest.mark.parametrize("type_,kind", [
    ("matching.suggestion.answered", "suggestion_answered"),
    ("matching.introduction.requested", "introduction_requested"),
    ("matching.candidate.feedback_recorded", "candidate_feedback"),
])
def test_the_dialogue_tells_the_students_own_managers_and_links_to_the_suggestion(type_, kind):
    event = Event(type_, {"suggestion_id": "s-7", "client_id": "c-1", "organisation": "samk",
                          "target_kind": "need", "target_id": "n-1"}, "verkosto")
    [rule] = RULES.for_type(type_)
    assert rule.kind == kind
    assert rule.audience(event) == Audience(organisations=("samk",))  # the student's organisation, not the partner's
    assert rule.link(event) == ("matching", "/suggestions/s-7")


def test_a_students_own_interest_reaches_their_managers_suggestion_list():
    event = Event("matching.interest.expressed", {"client_id": "c-1", "organisation": "sataedu",
                                                  "target_kind": "need", "target_id": "n-1"}, "verkosto")
    [rule] = RULES.for_type("matching.interest.expressed")
    assert rule.audience(event) == Audience(organisations=("sataedu",))
    assert rule.link(event) == ("matching", "/suggestions")


def test_an_enrolment_takes_the_student_to_their_participation_page_and_names_the_environment():
    event = Event("environments.participant.enrolled", {"participant_id": "p-1", "environment_id": "e-1",
                                                        "client_id": "c-1", "environment_name": "Kylätalo"}, "sataedu")
    [rule] = RULES.for_type("environments.participant.enrolled")
    assert rule.link(event) == ("environments", "/participants/p-1")
    assert rule.audience(event).client_ids == ("c-1",)
    assert rule.subject(event) == "Kylätalo"
    assert RULES.text_of("enrolled", "Kylätalo") == (
        "You were added to the learning environment “Kylätalo”. Open this to write what you want to learn.")


def test_an_event_from_before_the_name_travelled_is_told_the_plain_way():
    event = Event("environments.environment.completed", {"environment_id": "e-1", "host_organisation": "samk"},
                  "verkosto")
    [rule] = RULES.for_type("environments.environment.completed")
    assert rule.subject(event) is None
    assert RULES.text_of("environment_task", None) == (
        "An environment was completed: record its assessments and outcomes.")


def test_a_referral_names_the_organisation_it_came_from_as_the_portal_knows_it():
    event = Event("intake.referral.sent", {"to_organisation": "samk"}, "sataedu",
                  remembered={"organisation_name": "Sataedu"})
    [rule] = RULES.for_type("intake.referral.sent")
    assert rule.subject(event) == "Sataedu"
    assert RULES.text_of("referral_received", "Sataedu") == "A referral from Sataedu to your organisation arrived."
    assert domain.source_organisation(Event("intake.referral.sent", {}, "sataedu")) is None


def test_a_kind_that_names_its_subject_needs_both_where_and_how():
    rules = Rules()
    with pytest.raises(ValueError, match="both"):
        rules.on("a.b.c", "kind_a", domain.managers_of("organisation"), domain.link("intake", "/"), "Told.",
                 subject=domain.named("name"))


@pytest.mark.parametrize("type_,kind,named_text,plain_text", [
    ("matching.suggestion.made", "suggestion_made", "A new suggestion for your client: “Hitsaaja”.",
     "A new suggestion for your client."),
    ("matching.suggestion.answered", "suggestion_answered", "A student answered the suggestion “Hitsaaja”.",
     "A student answered a suggestion."),
    ("matching.interest.expressed", "interest_expressed", "A student is interested in the opportunity “Hitsaaja”.",
     "A student is interested in an opportunity."),
    ("matching.introduction.requested", "introduction_requested",
     "The competence need “Hitsaaja”: a partner asks for an introduction to a candidate.",
     "A partner asks for an introduction to a candidate."),
    ("matching.candidate.feedback_recorded", "candidate_feedback",
     "The competence need “Hitsaaja”: a partner told what happened with a candidate.",
     "A partner told what happened with a candidate."),
    ("intake.message.posted", "message_posted", "A new message in the conversation about “Hitsaaja”.",
     "A new message in a conversation."),
])
def test_matchings_notifications_and_a_message_name_their_target_or_fall_back_to_the_plain_text(
        type_, kind, named_text, plain_text):
    key = "subject_name" if type_ == "intake.message.posted" else "target_name"
    [rule] = RULES.for_type(type_)
    assert rule.kind == kind
    assert rule.subject(Event(type_, {key: "Hitsaaja"}, "verkosto")) == "Hitsaaja"
    assert RULES.text_of(kind, "Hitsaaja") == named_text
    older = Event(type_, {"suggestion_id": "s-1"}, "verkosto")  # from before the name travelled
    assert rule.subject(older) is None
    assert RULES.text_of(kind, rule.subject(older)) == plain_text


def test_an_older_matching_or_message_event_without_a_name_still_loads():
    from shared.events.catalogue import REGISTRY

    interest = REGISTRY.get("matching.interest.expressed").schema().load({
        "client_id": "7c0cc5f6-8e1e-4d0c-9d43-3f2b1f0a3b11", "organisation": "sataedu", "target_kind": "need",
        "target_id": "0b5b2f0e-5a8e-4c11-bd3b-6c1f4a2e9d01"})
    assert interest["target_name"] is None
    posted = REGISTRY.get("intake.message.posted").schema().load({
        "message_id": "0b5b2f0e-5a8e-4c11-bd3b-6c1f4a2e9d02", "subject_kind": "environment",
        "subject_id": "0b5b2f0e-5a8e-4c11-bd3b-6c1f4a2e9d03", "author": "u-1", "organisations": ["sataedu"],
        "client_ids": []})
    assert posted["subject_name"] is None
