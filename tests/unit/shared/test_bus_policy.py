"""The one retry and dead-letter policy of both transports: every branch and boundary."""
from __future__ import annotations

import pytest

from shared.bus.policy import DEAD_LETTER, DISCARD, FAILED, RETRY, Decision, FaultPause, RetryPolicy
from shared.config import Config

POLICY = RetryPolicy(max_attempts=3, delays=(1.0, 5.0, 30.0))


def test_the_actions_and_the_reason_of_a_failed_event_are_named_as_the_metrics_and_logs_say():
    assert (RETRY, DEAD_LETTER, DISCARD, FAILED) == ("retry", "dead_letter", "discard", "failed")
    assert Decision("retry") == Decision("retry", None, 0.0)


@pytest.mark.parametrize("attempts, delay", [(1, 1.0), (2, 5.0)])
def test_a_failed_event_is_retried_after_its_back_off_before_the_last_attempt(attempts, delay):
    assert POLICY.failure(attempts) == Decision(RETRY, None, delay)


@pytest.mark.parametrize("attempts", [3, 4, 50])
def test_a_failed_event_is_dead_lettered_on_its_last_attempt_and_after(attempts):
    assert POLICY.failure(attempts) == Decision(DEAD_LETTER, FAILED, 0.0)


def test_one_attempt_dead_letters_the_first_failure():
    assert RetryPolicy(1, (2.0,)).failure(1) == Decision(DEAD_LETTER, "failed")


def test_more_attempts_than_delays_wait_the_last_delay():
    policy = RetryPolicy(6, (1.0, 5.0))
    assert [policy.failure(n).delay for n in range(1, 6)] == [1.0, 5.0, 5.0, 5.0, 5.0]
    assert [policy.failure(n).action for n in range(1, 7)] == [RETRY] * 5 + [DEAD_LETTER]


@pytest.mark.parametrize("attempts, delay", [(1, 1.0), (2, 5.0), (3, 30.0), (4, 30.0), (99, 30.0)])
def test_the_back_off_takes_the_delays_in_turn(attempts, delay):
    assert POLICY.backoff(attempts) == delay


@pytest.mark.parametrize("attempts", [0, -1])
def test_attempts_count_from_one(attempts):
    with pytest.raises(ValueError, match=r"^attempts counts failures and starts at 1$"):
        POLICY.backoff(attempts)
    with pytest.raises(ValueError, match=r"^attempts counts failures and starts at 1$"):
        RetryPolicy(9, (1.0,)).failure(attempts)


def test_a_policy_needs_an_attempt_and_a_delay():
    with pytest.raises(ValueError, match=r"^max_attempts must be at least 1$"):
        RetryPolicy(0, (1.0,))
    with pytest.raises(ValueError, match=r"^delays must name at least one back-off$"):
        RetryPolicy(1, ())
    assert RetryPolicy(1, (0.5,)).max_attempts == 1


def test_the_settings_give_the_policy():
    config = Config(service="intake", database_url="sqlite://")
    assert RetryPolicy.of(config) == RetryPolicy(5, (1.0, 5.0, 30.0))
    changed = config.with_(max_delivery_attempts=7, retry_delays=[0.2, 0.5])
    assert RetryPolicy.of(changed) == RetryPolicy(7, (0.2, 0.5))


@pytest.mark.parametrize("reason", ["invalid", "malformed", "provenance", "route", "unsubscribed"])
def test_a_refused_delivery_is_dead_lettered_at_once_with_its_reason(reason):
    assert RetryPolicy.refusal(reason) == Decision(DEAD_LETTER, reason, 0.0)
    assert POLICY.refusal(reason).action == DEAD_LETTER


def test_mail_for_another_organisation_is_discarded_not_kept():
    assert POLICY.refusal("misaddressed") == Decision(DISCARD, "misaddressed", 0.0)


def test_fault_pauses_double_up_to_the_longest_and_start_again_after_a_success():
    pause = FaultPause()
    assert pause.delay == 0.0
    assert [pause.next() for _ in range(7)] == [0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0]
    pause.reset()
    assert pause.delay == 0.0
    assert pause.next() == 0.2


def test_fault_pauses_of_their_own_length():
    pause = FaultPause(0.5, 10.0)
    assert (pause.first, pause.longest) == (0.5, 10.0)
    assert [pause.next() for _ in range(7)] == [0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0]
