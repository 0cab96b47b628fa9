"""The navigation shows each role only the sections it may use, composed from every service's own entries."""
from __future__ import annotations

import pytest

from shared.auth import ANONYMOUS, ROLES, Principal
from shared.web.navigation import intake_of, link, nav_items, sections, sections_for

EXPECTED = {
    "manager": ["front", "desk", "clients", "partners", "suggestions", "referrals", "overlap", "meetings", "rights",
                "services", "environments", "reports"],
    "student": ["front", "my-path", "my_suggestions", "opportunities", "surveys"],
    "partner": ["front", "needs", "candidates", "environments", "assessments"],
    "coordinator": ["front", "environments", "reports", "network", "open_data", "fairness", "catalogue-review",
                    "questionnaire"],
    "admin": ["front", "partners", "questionnaire", "users"],
}


def who(*roles: str) -> Principal:
    return Principal(user_id="u1", username="u", roles=frozenset(roles))


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_its_own_sections(request_as, role):
    with request_as(who(role), "/clients"):
        assert [item.key for item in nav_items()] == EXPECTED[role]


def test_several_roles_see_the_union_once(request_as):
    with request_as(who("manager", "coordinator"), "/"):
        keys = [item.key for item in nav_items()]
    assert keys == ["front", "desk", "clients", "partners", "suggestions", "referrals", "overlap", "meetings",
                    "rights", "services", "environments", "reports", "network", "open_data", "fairness",
                    "catalogue-review", "questionnaire"]


def test_nobody_signed_in_sees_nothing(request_as):
    with request_as(ANONYMOUS):
        assert nav_items() == []


def test_a_user_without_roles_sees_only_the_front_page(request_as):
    with request_as(who()):
        assert [item.key for item in nav_items()] == ["front"]


def test_the_nav_is_rendered_per_role(client, html, sign_in):
    sign_in("student")
    links = {a.text: a.attrs["href"] for a in html(client.get("/clients").text).find("nav").find_all("a")}
    assert links == {"Etusivu": "/", "Oma polku": "/intake/me", "Omat ehdotukset": "/matching/my/suggestions",
                     "Mahdollisuudet": "/matching/my/opportunities", "Kyselyt": "/environments/my/surveys"}


def test_every_section_is_for_known_roles_and_services():
    services = {"portal", "intake", "matching", "environments", "reporting"}
    assert len({s.key for s in sections()}) == len(sections())
    for section in sections():
        assert section.roles <= set(ROLES), section.key
        assert section.service in services and section.path.startswith("/"), section.key


def test_each_service_declares_its_own_entries_and_the_shell_orders_them():
    from shared.events import catalogue

    by_service = {s.key: s.service for s in sections()}
    assert by_service["front"] == by_service["users"] == "portal"
    assert by_service["suggestions"] == by_service["fairness"] == "matching"
    assert by_service["surveys"] == "environments" and by_service["network"] == "reporting"
    for name, definition in {"portal": catalogue.definition("portal"), **catalogue.definitions()}.items():
        assert {entry.key for entry in definition.navigation} == {k for k, s in by_service.items() if s == name}
    orders = [s.order for s in sections()]
    assert orders == sorted(orders) and len(set(orders)) == len(orders)


@pytest.mark.parametrize("path, active", [("/clients", "clients"), ("/clients/12/path", "clients"),
                                          ("/partners", "partners"), ("/clientsx", None), ("/", None)])
def test_the_current_section_of_this_service_is_active(request_as, path, active):
    with request_as(who("manager"), path):
        assert [i.key for i in nav_items() if i.active] == ([active] if active else [])


def test_the_longest_matching_path_wins(app, request_as):
    app.extensions["kampus_ui"]["service"] = "environments"
    with request_as(who("student", "partner"), "/my/surveys/3"):
        assert [i.key for i in nav_items() if i.active] == ["surveys"]
    with request_as(who("partner"), "/42"):
        assert [i.key for i in nav_items() if i.active] == ["environments"]


def test_the_front_page_is_active_only_on_itself(app, request_as):
    app.extensions["kampus_ui"]["service"] = "portal"
    with request_as(who("admin"), "/"):
        assert [i.key for i in nav_items() if i.active] == ["front"]
    with request_as(who("admin"), "/account/password"):
        assert [i.key for i in nav_items() if i.active] == []


def test_links_default_to_the_embedded_prefixes_and_follow_configuration(app, request_as):
    with request_as(who("manager")):
        assert link("portal", "logout") == "/logout"
        assert link("environments", "/") == "/environments/"
        app.config["KAMPUS_LINKS"] = {"reporting": "http://reports.example:8004"}
        assert link("reporting", "/network") == "http://reports.example:8004/network"
        assert link("intake", "/me") == "/intake/me"


def test_a_clients_thread_is_in_the_intake_of_the_clients_organisation(app, request_as):
    with request_as(Principal(user_id="p1", username="p", roles=frozenset({"partner"}), organisation="virtanen")):
        assert intake_of("sataedu", "conversations/x") == "/intake/conversations/x"  # one intake serves all
        app.config["KAMPUS_INTAKES"] = {"sataedu": "https://sataedu.example/intake", "virtanen": "https://v.example"}
        assert intake_of("sataedu", "conversations/x") == "https://sataedu.example/intake/conversations/x"
        assert link("intake", "conversations/x") == "https://v.example/conversations/x"  # the partner's own
        assert intake_of("samk", "/x") == "https://v.example/x"  # an organisation without its own intake


def test_front_page_sections_leave_out_the_front_page(request_as):
    with request_as(who("partner")):
        cards = sections_for()
    assert [c["href"] for c in cards] == ["/intake/my/needs", "/matching/partner/needs", "/environments/",
                                         "/environments/my/assessments"]
    assert all(c["title"] and c["description"] for c in cards)
