"""Consent state transitions, generated (Hypothesis): whatever the order of decisions, what travels
matches what is in force (issue 22)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from services.intake.domain import consent as rules

decisions = st.lists(st.tuples(st.sampled_from(rules.PURPOSES), st.booleans()), max_size=25)


def replay(sequence, case_active=True):
    """Apply decisions in order; returns the effects of each and the consents in force at the end."""
    in_force: dict[str, bool] = {}
    log = []
    for purpose, give in sequence:
        effects = rules.effects(rules.Decision(purpose, give), case_active=case_active,
                                was_given=in_force.get(purpose, False))
        log.append((purpose, give, effects))
        in_force[purpose] = give
        if rules.CLOSE_CASE in effects:
            case_active = False
    return log, in_force


@settings(max_examples=150, deadline=None, derandomize=True)
@given(decisions)
def test_what_travels_follows_what_is_in_force(sequence):
    log, in_force = replay(sequence)
    announced: dict[str, bool] = {}
    shared = False
    closed = 0
    for purpose, give, effects in log:
        if give:
            assert effects[0] == rules.EMIT_GIVEN  # giving (again) is always announced
        elif effects:
            assert effects[0] == rules.EMIT_WITHDRAWN and announced.get(purpose), "a withdrawal of what was in force"
        if effects:
            announced[purpose] = give
        if rules.SHARE_PROFILE in effects:
            assert purpose == rules.PROFILE_SHARING and give
            shared = True
        if rules.WITHDRAW_PROFILE in effects:
            assert purpose == rules.PROFILE_SHARING and shared
            shared = False
        if rules.RECORD_STATISTICS in effects:
            assert purpose == rules.STATISTICS and give
        closed += effects.count(rules.CLOSE_CASE)
        assert len(effects) == len(set(effects)) <= 2
    # Whatever travelled last for a purpose is what is in force, and the profile is shared exactly then.
    for purpose, give in announced.items():
        assert give == in_force[purpose]
    assert shared == in_force.get(rules.PROFILE_SHARING, False)
    assert closed <= 1, "a case is closed once"


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.sampled_from(rules.PURPOSES), st.booleans(), st.booleans())
def test_a_decision_on_a_closed_case_never_closes_it(purpose, give, was_given):
    assert rules.CLOSE_CASE not in rules.effects(rules.Decision(purpose, give), case_active=False,
                                                 was_given=was_given)


def test_the_problems_of_a_decision_name_their_fields_with_messages():
    choose = ["Choose one of the options."]
    assert rules.problems(rules.Decision("marketing", True, version="0", method="fax"), self_service=False) == {
        "purpose": choose, "version": ["Unknown consent version."], "method": choose}
    assert rules.problems(rules.Decision("service", True, method="written"), self_service=True) == {"method": choose}
    assert rules.problems(rules.Decision("service", True, method="in_person"), self_service=False) == {}
    assert rules.Decision("service", True) == rules.Decision("service", True, rules.CURRENT_VERSION, "in_person")


def test_the_problems_of_a_registration_name_each_unknown_purpose():
    assert rules.registration_problems({"service": True, "newsletter": True, "ads": False}) == {
        "newsletter": ["Unknown consent purpose."], "ads": ["Unknown consent purpose."]}
    assert rules.registration_problems({}) == {
        "service": ["A client is registered only with consent to service by this organisation."]}
    assert set(rules.registration_problems({"service": 1})) == {"service"}  # only True consents


def test_who_records_a_decision_and_how():
    """A manager records a decision given in person, in writing or by a minor's guardian; a client decides alone."""
    for method in ("in_person", "written", "guardian"):
        assert rules.problems(rules.Decision(rules.STATISTICS, True, method=method), self_service=False) == {}
        assert set(rules.problems(rules.Decision(rules.STATISTICS, True, method=method), self_service=True)) == {
            "method"}
    assert rules.problems(rules.Decision(rules.STATISTICS, True, method="self_service"), self_service=True) == {}
    assert set(rules.problems(rules.Decision(rules.STATISTICS, True, method="self_service"),
                              self_service=False)) == {"method"}


def test_a_purpose_not_asked_is_refused_with_the_reason():
    """A purpose the organisation processes on another basis than consent is not decided, and says why."""
    refused = rules.problems(rules.Decision(rules.SERVICE, True), self_service=False,
                             asked=(rules.PROFILE_SHARING,))
    assert refused == {"purpose": ["This is not asked: the organisation does it on another legal basis than "
                                   "consent (see the privacy notice)."]}
    assert rules.problems(rules.Decision("nonsense", True), self_service=False) == {
        "purpose": ["Choose one of the options."]}
