"""Every indicator of a known year, checked against figures worked out by hand (see known_history.py)."""
from __future__ import annotations

import pytest

from tests.integration.reporting import known_history
from tests.integration.reporting.reporting_helpers import cells
from tests.support import network as net

S = "<5"  # a count of 1–4
X = "x"  # hidden to protect another cell (so 0 or at least 5)


@pytest.fixture(scope="module")
def year(known_year):
    return known_year


def test_environments_against_the_target(year):
    _network, body, t, _people = year
    # E1 evaluated, E2 and E4 running, E3 cancelled; multidisciplinary E1, E3, E4 (not persons: nothing hidden).
    env = t["environments"]
    assert env[("total", "evaluated")] == 1 and env[("total", "running")] == 2 and env[("total", "cancelled")] == 1
    assert env[("total", "total")] == 4 and env[("total", "multidisciplinary")] == 3
    assert env[("sataedu", "total")] == 2 and env[("samk", "running")] == 1
    # Realised multidisciplinary: started and not cancelled (E1, E4) against the default target 20.
    assert body["cards"][0] == {"key": "target", "value": 2, "of": 20}
    assert body["progress"]["multidisciplinary"][-1] == 2 and body["progress"]["started"][-1] == 3


def test_clients_served_and_participants(year):
    _network, _body, t, _people = year
    reach = t["reach"]
    # Counted persons: sataedu 8 women + 5 men (M5 erased) = 13; samk 4 women (S4 withdrew) + 2 men, but SM0 is
    # W0, counted where they came first (sataedu): 6 - 1 = 5. The network: 13 + 5 = 18 persons (19 records).
    assert reach[("sataedu", "clients_served")] == 13 and reach[("samk", "clients_served")] == 5
    assert reach[("total", "clients_served")] == 18 and reach[("total", "new_clients")] == 18
    # Participants: W0–W5 in E1 (6), S0–S1 in E2 (2, hidden, so sataedu's 6 is hidden too, as "x"); total 8.
    # From 8, "<5" and "x": samk 1–3 and sataedu 5–7, wide enough.
    assert reach[("samk", "participants")] == S and reach[("sataedu", "participants")] == X
    assert reach[("total", "participants")] == 8
    assert reach[("sataedu", "completed")] == 6 and reach[("total", "completed")] == 6
    assert "winnova" not in {row for row, _ in reach}
    funnel = t["funnel"]
    # In work: W1–W3 (intake), W4 (environment job) and SM0 (= W0): five distinct persons.
    assert funnel[("clients_served", "persons")] == 18 and funnel[("participants", "persons")] == 8
    assert funnel[("in_work", "persons")] == 5


def test_referrals_shared_clients_and_overlaps(year):
    _network, _body, t, _people = year
    ref = t["referrals"]
    assert ref[("sataedu", "referrals_sent")] == 6 and ref[("total", "referrals_sent")] == 6
    assert ref[("total", "referrals_accepted")] == S and ref[("total", "referrals_declined")] == S
    assert ref[("total", "referrals_completed")] == S and ref[("total", "referrals_cancelled")] == 0
    assert ref[("total", "shared_found")] == S  # W0 = SM0
    assert ref[("total", "overlaps_removed")] == S and ref[("total", "overlaps_dismissed")] == 0


def test_students_experience_and_partners_assessment(year):
    _network, body, t, _people = year
    exp = t["experience"]
    # W0–W4: working life 5, 4, 4, 3, 5 and learning 4 each; M5, S4 and the winnova client do not count.
    # 2 fives, 2 fours, 1 three: all "<5". n = 5 and the mean 4.2 would say c3 + c4 + c5 = 5 and
    # 3·c3 + 4·c4 + 5·c5 = 21, i.e. c4 + 2·c5 = 6 with each at least 1: only (1, 2, 2). The mean is hidden.
    assert exp[("working_life", "n")] == 5 and exp[("working_life", "mean")] == X
    assert exp[("working_life", "3")] == S and exp[("working_life", "4")] == S and exp[("working_life", "1")] == 0
    assert exp[("learning", "n")] == 5 and exp[("learning", "4")] == 5 and exp[("learning", "mean")] == 4.0
    fit = t["fit"]
    # W0–W4: 4, 4, 5, 3, 4, and the overall assessment 5: n 6, mean 25/6.
    # Threes 1, fours 3, fives 2, all "<5": the mean 4.2 (to one decimal) beside n = 6 would say
    # c4 + 2·c5 = 7, i.e. the three is 1 or 2: too narrow, so the mean is hidden.
    assert fit[("skills_match", "n")] == 6 and fit[("skills_match", "mean")] == X
    assert fit[("skills_match", "4")] == S
    cards = {c["key"]: c for c in body["cards"]}
    assert cards["experience"] == {"key": "experience", "value": 4.1, "of": 5}  # 41 / 10 answers, 5 respondents
    assert cards["fit"]["value"] == pytest.approx(4.17, abs=0.005) and cards["fit"]["of"] == 6
    assert t["experience_by"][("sataedu", "respondents")] == 5


def test_jobs_hidden_jobs_and_cooperation(year):
    _network, body, t, _people = year
    jobs = t["jobs"]
    # Part-time: W1–W3 (intake) and W4 (environment); full-time: SM0. S4 and M5 dropped out.
    assert jobs[("total", "part_time")] == S and jobs[("total", "full_time")] == S
    assert jobs[("total", "short")] == 0 and jobs[("total", "total")] == 5
    assert t["hidden_jobs"][("total", "hidden_jobs")] == S  # W1 and W4
    coop = t["cooperation"]
    # Counts of events, not persons: shown as they are. E1 (sataedu) a thesis and a project, E2 (samk) an order:
    # sataedu 0, 1, 1 (2), samk 1, 0, 0 (1), total 1, 1, 1 (3).
    assert coop == {("sataedu", "order"): 0, ("sataedu", "project"): 1, ("sataedu", "thesis"): 1,
                    ("sataedu", "total"): 2, ("samk", "order"): 1, ("samk", "project"): 0,
                    ("samk", "thesis"): 0, ("samk", "total"): 1, ("total", "order"): 1,
                    ("total", "project"): 1, ("total", "thesis"): 1, ("total", "total"): 3}
    cards = {c["key"]: c for c in body["cards"]}
    assert cards["jobs"] == {"key": "jobs", "value": 5, "of": S} and cards["cooperation"]["value"] == 3


def test_personal_metrics_paired_change(year):
    _network, _body, t, _people = year
    m = t["metrics"]
    # One pair per person. W0 = SM0 answered at both, each start on 20 Jan and each end on 20 June: the start is
    # the earlier record's (sataedu, 2), the end the later record's (samk, 3): 2 -> 3, improved.
    # Improved: 8 sataedu women (W1–W7 2 -> 4, W0 2 -> 3); unchanged: 5 sataedu men (3 -> 3); declined: 5 at samk
    # (S0–S3, SM1: 4 -> 3). 18 persons. Starts 8·2 + 5·3 + 5·4 = 51; ends 7·4 + 3 + 5·3 + 5·3 = 61; change 10.
    assert (m[("confidence", "improved")], m[("confidence", "unchanged")], m[("confidence", "declined")]) == (8, 5, 5)
    assert m[("confidence", "total")] == 18
    assert m[("confidence", "mean_start")] == pytest.approx(51 / 18, abs=0.005)
    assert m[("confidence", "mean_end")] == pytest.approx(61 / 18, abs=0.005)
    assert m[("confidence", "mean_change")] == pytest.approx(10 / 18, abs=0.005)


def test_transition_time_by_cohort(year):
    _network, body, t, _people = year
    tr = t["transition"]
    # 18 persons (W0 and SM0 are one). Transitions after 111 (SM0), 172 (W4), 186 (W1–W3) and 234 (M0, M1) days;
    # the other 11 are censored at the period's end (333 or 355 days). S(234) = 17/18 · 16/17 · 13/16 · 11/13.
    assert tr[("2025", "total")] == 18 and tr[("2025", "transitioned")] == 7 and tr[("2025", "on_their_way")] == 11
    assert tr[("2025", "median_days")] is None  # more than half still on their way
    assert tr[("2025", "within_90")] == 0.0
    assert tr[("2025", "within_180")] == X  # two transitions so far: would give a small count away
    curve = body["transition_curves"]["2025"]
    assert curve[0] == {"day": 0, "at_risk": 18, "survival": 1.0}
    assert {"day": 240, "at_risk": 11, "survival": round(11 / 18, 4)} in curve


def test_the_funders_participant_figures(year):
    _network, _body, t, _people = year
    entry = t["esf_entry"]
    # Persons at entry: 8 + 4 women, 5 + 1 men (SM0 is W0, counted once with her first record's facts).
    assert (entry[("participants", "woman")], entry[("participants", "man")], entry[("participants", "total")]) == (
        12, 6, 18)
    assert (entry[("unemployed", "woman")], entry[("unemployed", "man")]) == (8, 5)
    assert (entry[("inactive", "woman")], entry[("inactive", "man")], entry[("inactive", "total")]) == (S, S, 5)
    assert entry[("inactive_not_in_education", "total")] == 0 and entry[("over_54", "total")] == 0
    assert entry[("under_25", "total")] == 13 and entry[("isced_3_4", "total")] == 13
    assert entry[("isced_5_8", "total")] == 5 and entry[("disadvantaged", "total")] == 0
    leaving = t["esf_exit"]
    # Leavers: W1–W3 (W0 is still a samk client as SM0) and M0–M1.
    assert leaving[("leavers", "total")] == 5 and leaving[("leavers", "woman")] == S
    assert leaving[("in_employment", "total")] == S and leaving[("in_education", "total")] == S
    assert leaving[("qualification", "total")] == S


def test_matching_suggestions_and_fairness(year):
    _network, _body, t, _people = year
    m = t["matching"]
    # sataedu made 6 to W0–W5, samk 4 to S0–S3 (hidden, and so sataedu's 6 beside the total 10, as "x").
    assert m[("samk", "suggestions_made")] == S and m[("sataedu", "suggestions_made")] == X
    assert m[("total", "suggestions_made")] == 10 and m[("total", "persons_suggested")] == 10
    assert m[("total", "accepted")] == S and m[("total", "acceptance_rate")] == X
    fair = t["fairness"]
    assert fair[("service_area:pohjois-satakunta", "suggestion_rate")] == 0.5
    assert fair[("total", "suggestion_rate")] == 0.6 and fair[("total", "acceptance_rate")] == 0.666


def test_a_manager_sees_their_organisation_and_the_network(year):
    network, _body, _t, _people = year
    manager = net.client_as(network, "manager1")  # sataedu
    own = manager.get("/reporting/api/v1/indicators", query_string={**known_history.PERIOD,
                                                                     "organisation": "sataedu"})
    assert own.status_code == 200
    assert cells(own.json)["reach"][("total", "clients_served")] == 13
    whole = cells(manager.get("/reporting/api/v1/indicators", query_string=known_history.PERIOD).json)
    assert {row for row, _ in whole["reach"]} == {"sataedu", "total"}
    assert whole["reach"][("total", "clients_served")] == 18  # 19 records, SM0 = W0 one person
    other = manager.get("/reporting/api/v1/indicators", query_string={"organisation": "samk"})
    assert other.status_code == 403 and "organisation" in other.json["error"]["fields"]


def test_filters_slice_every_figure(year):
    network, _body, _t, _people = year
    coordinator = net.client_as(network, "coordinator")
    men = cells(coordinator.get("/reporting/api/v1/indicators",
                                query_string={**known_history.PERIOD, "gender": "man"}).json)
    # Persons (sliced by their first record): M0–M4 at sataedu and SM1 at samk (SM0 is W0, a woman at sataedu).
    # The 1 is "<5" and the 5 hidden with it ("x"); a total of 6 would pin them down, so it is hidden too.
    assert men["reach"][("total", "clients_served")] == X
    assert men["environments"][("total", "total")] == 4  # environments have no gender
    south = cells(coordinator.get("/reporting/api/v1/indicators",
                                  query_string={**known_history.PERIOD, "area": "kaakkois-satakunta"}).json)
    assert south["reach"][("total", "clients_served")] == 5  # S0–S3 and SM1 (SM0 is W0, of the North)
    assert south["environments"][("total", "total")] == 1  # E2
    by_field = cells(coordinator.get("/reporting/api/v1/indicators",
                                     query_string={**known_history.PERIOD, "breakdown": "field"}).json)
    assert by_field["environments"][("04", "total")] == 2  # E1 and E2
    by_environment = cells(coordinator.get("/reporting/api/v1/indicators",
                                           query_string={**known_history.PERIOD, "breakdown": "environment"}).json)
    e1, e2 = _people["E"][:2]
    # E1 has 6 participants, E2 2: E2 is hidden, and E1 with it ("x"), since the total (8) is shown.
    assert by_environment["reach"][(e2, "participants")] == S and by_environment["reach"][(e1, "participants")] == X
    assert by_environment["reach"][("total", "participants")] == 8
    assert by_environment["experience_by"][(e1, "respondents")] == 5


def test_the_coordinator_sees_exact_figures_and_everyone_else_protected_ones(known_year):
    network, _body, _t, _people = known_year
    coordinator, manager = net.client_as(network, "coordinator"), net.client_as(network, "manager1")
    period = {k: v for k, v in known_history.PERIOD.items() if k != "view"}
    exact = coordinator.get("/reporting/api/v1/indicators", query_string=period).json
    assert exact["view"] == "exact"
    t = cells(exact)
    # By hand: participants W0–W5 at sataedu (6) and S0–S1 at samk (2), shown as they are to the coordinator.
    assert t["reach"][("sataedu", "participants")] == 6 and t["reach"][("samk", "participants")] == 2
    protected = manager.get("/reporting/api/v1/indicators", query_string=period).json
    assert protected["view"] == "protected"
    refused = manager.get("/reporting/api/v1/indicators", query_string={**period, "view": "exact"})
    assert refused.status_code == 403 and "view" in refused.json["error"]["fields"]
    coordinator.set_cookie("kampus_lang", "en")
    page = coordinator.get("/reporting/", query_string=period, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Exact figures, for the network" in page and "view=protected" in page
    manager.set_cookie("kampus_lang", "fi")
    page = manager.get("/reporting/", query_string=period, headers={"Accept": "text/html"}).get_data(as_text=True)
    assert "Suojatut luvut" in page


def test_cooperation_opportunities_are_events_shown_as_they_are(known_year):
    _network, _body, t, _people = known_year
    coop = t["cooperation"]
    # By hand: E1's thesis (W5) and project (sataedu), E2's order (samk): small counts, yet shown.
    assert coop[("sataedu", "project")] == 1 and coop[("samk", "order")] == 1
