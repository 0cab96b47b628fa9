"""A small network year (2025) whose every figure is worked out by hand in the tests that use it.

sataedu: women W0–W7 and men M0–M5 registered 2025-01-10 (unemployed, 18–24, ISCED 3, field 07, North).
samk:    women S0–S4 and men SM0–SM1 registered 2025-02-01 (inactive, studying, 25–29, ISCED 6, field 04,
         Southeast). SM0 is the same person as W0 (one person key).
winnova: three clients without the statistics consent: never counted.
M5 is erased and S4 withdraws the statistics consent: both drop out of every figure.
"""
from __future__ import annotations

from datetime import date

from services.reporting.domain.history import History

D = date
# The protected view (as partners and the public see the figures): what the suppression tests read.
PERIOD = {"start": "2025-01-01", "end": "2025-12-31", "view": "protected"}


def build() -> tuple[History, dict]:
    h = History(seed=2025)
    shared_key = "ab" * 32
    north = dict(area="pohjois-satakunta", municipality="214", field="07", employment="unemployed",
                 education_status="not_in_education", level=3, age_band="18_24")
    south = dict(area="kaakkois-satakunta", municipality="079", field="04", employment="inactive",
                 education_status="studying", level=6, age_band="25_29")
    W = [h.client("sataedu", D(2025, 1, 10), gender="woman", person_key=shared_key if i == 0 else None, **north)
         for i in range(8)]
    M = [h.client("sataedu", D(2025, 1, 10), gender="man", **north) for i in range(6)]
    S = [h.client("samk", D(2025, 2, 1), gender="woman", **south) for i in range(5)]
    SM = [h.client("samk", D(2025, 2, 1), gender="man", person_key=shared_key if i == 0 else None, **south)
          for i in range(2)]
    X = [h.client("winnova", D(2025, 3, 1), statistics=False) for _ in range(3)]

    # Personal metrics: sataedu women 2 -> 4, sataedu men 3 -> 3, samk everyone 4 -> 3.
    for org, people, start, end in (("sataedu", W, 2, 4), ("sataedu", M, 3, 3), ("samk", S + SM, 4, 3)):
        for client in people:
            h.metric(org, client, "confidence", "start", start, D(2025, 1, 20))
            h.metric(org, client, "confidence", "during", 1, D(2025, 3, 20))
            h.metric(org, client, "confidence", "end", end, D(2025, 6, 20))
    h.metric("sataedu", W[0], "confidence", "start", 5, D(2025, 1, 25))  # a later start answer does not count

    # Environments: E1 multidisciplinary and evaluated, E2 one field and running, E3 cancelled, E4 running.
    e1 = h.environment("sataedu", D(2025, 1, 15), fields=("07", "04"), name="Kyläkauppa")
    for step, day in (("opened", D(2025, 2, 1)), ("started", D(2025, 3, 1)), ("completed", D(2025, 6, 30)),
                      ("evaluated", D(2025, 7, 15))):
        h.move(e1, step, day)
    e2 = h.environment("samk", D(2025, 2, 1), fields=("04",), name="Verkkokauppa", area="kaakkois-satakunta")
    h.move(e2, "opened", D(2025, 3, 1))
    h.move(e2, "started", D(2025, 4, 1))
    e3 = h.environment("winnova", D(2025, 3, 1), fields=("07", "02"), name="Tapahtuma")
    h.move(e3, "cancelled", D(2025, 3, 20))
    e4 = h.environment("sataedu", D(2025, 4, 1), fields=("09", "10"), name="Hyvinvointi")
    h.move(e4, "opened", D(2025, 5, 1))
    h.move(e4, "started", D(2025, 8, 1))

    # W0–W5, M5 and a winnova client take part in E1; S0, S1 and S4 in E2.
    p = {c: h.enrol(e1, "sataedu", c, D(2025, 3, 1)) for c in W[:6] + [M[5]]}
    p[X[0]] = h.enrol(e1, "winnova", X[0], D(2025, 3, 1))
    for c in S[:2] + [S[4]]:
        p[c] = h.enrol(e2, "samk", c, D(2025, 4, 1))
    for c in W[:6] + [M[5], X[0]]:
        h.complete(p[c], D(2025, 6, 30))
    for c, working_life in zip(W[:5], (5, 4, 4, 3, 5)):
        h.survey(p[c], {"working_life": working_life, "learning": 4}, D(2025, 7, 1))
    h.survey(p[M[5]], {"working_life": 1, "learning": 1}, D(2025, 7, 1))
    h.survey(p[X[0]], {"working_life": 1, "learning": 1}, D(2025, 7, 1))
    h.survey(p[S[4]], {"working_life": 1, "learning": 1}, D(2025, 7, 1))
    for c, score in zip(W[:5], (4, 4, 5, 3, 4)):
        h.assess(e1, {"skills_match": score}, D(2025, 7, 2), participant_id=p[c])
    h.assess(e1, {"skills_match": 5}, D(2025, 7, 2))  # the overall assessment of the team
    h.assess(e1, {"skills_match": 1}, D(2025, 7, 2), participant_id=p[M[5]])

    # Outcomes.
    for i, c in enumerate(W[1:4]):
        h.outcome("sataedu", c, "work", D(2025, 7, 15), work_form="part_time", hidden_job=i == 0)
    h.environment_outcome(e1, "part_time", D(2025, 7, 1), participant_id=p[W[4]], hidden_job=True)
    h.environment_outcome(e1, "thesis", D(2025, 8, 1), participant_id=p[W[5]])
    h.environment_outcome(e1, "project", D(2025, 7, 10))
    h.environment_outcome(e2, "order", D(2025, 9, 1))
    for c in M[:2]:
        h.outcome("sataedu", c, "education", D(2025, 9, 1), qualification=True)
    h.outcome("samk", SM[0], "work", D(2025, 5, 1), work_form="full_time")
    h.outcome("samk", S[4], "work", D(2025, 5, 1), work_form="short")
    h.outcome("sataedu", M[5], "work", D(2025, 5, 1), work_form="short")

    # Referrals and the shared client.
    statuses = ("accepted", "accepted", "accepted", "declined", "declined", "completed")
    for c, status in zip(W[:6], statuses):
        referral = h.referral("sataedu", c, "samk", D(2025, 4, 1))
        h.referral_update("samk", referral, status, D(2025, 4, 10))
    h.overlap_resolved("sataedu", W[0], "samk", "lead_agreed", D(2025, 2, 10))
    h.overlap_resolved("samk", SM[0], "sataedu", "lead_agreed", D(2025, 2, 11))

    # Matching.
    for i, c in enumerate(W[:6]):
        suggestion = h.suggestion("sataedu", c, D(2025, 3, 1))
        if i < 4:
            h.decide("sataedu", c, suggestion, i < 3, D(2025, 3, 5))
    for i, c in enumerate(S):
        suggestion = h.suggestion("samk", c, D(2025, 3, 1))
        if i == 0:
            h.decide("samk", c, suggestion, True, D(2025, 3, 5))
    h.fairness("2025-06", [
        {"group": "pohjois-satakunta", "population": 40, "suggested": 20, "accepted": 10, "suggestion_rate": 0.5,
         "acceptance_rate": 0.5},
        {"group": "kaakkois-satakunta", "population": 30, "suggested": 9, "accepted": 3, "suggestion_rate": 0.3,
         "acceptance_rate": 0.333}], D(2025, 7, 1))

    # Leaving: W0–W3 on 2025-08-31, M0–M1 on 2025-09-15; then S4 withdraws and M5 is erased.
    for c in W[:4]:
        h.close("sataedu", c, D(2025, 8, 31))
    for c in M[:2]:
        h.close("sataedu", c, D(2025, 9, 15))
    h.consent("samk", S[4], "statistics", False, D(2025, 10, 1))
    h.erase("sataedu", M[5], D(2025, 11, 1))
    return h, {"W": W, "M": M, "S": S, "SM": SM, "X": X, "E": (e1, e2, e3, e4)}
