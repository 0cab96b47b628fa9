"""The demo network a newcomer gets from `make dev`: logins, clients, the student's own record."""
from __future__ import annotations

import pytest
from werkzeug.test import Client

from shared import demo_data
from tests.support import network as net

pytestmark = pytest.mark.e2e


def test_demo_content_is_entered_once_and_the_student_sees_only_their_own_record(tmp_path):
    network = net.build(tmp_path)
    try:
        assert demo_data.seed(network) is True
        assert demo_data.seed(network) is False, "seeded once"
        client = Client(network.wsgi)
        token = client.post("/auth/token", json={"username": "student1", "password": "demo"}).get_json()
        me = client.get("/intake/api/v1/clients/me",
                        headers={"Authorization": f"Bearer {token['access_token']}", "Accept": "application/json"})
        assert me.status_code == 200
        assert me.get_json()["first_name"] == "Opiskelija"
        manager = net.client_as(network, "manager1")
        listed = manager.get("/intake/api/v1/clients").get_json()
        names = {c["first_name"] for c in listed["items"]} if "items" in listed else set()
        assert {"Aino", "Eetu", "Opiskelija"} <= names
        other = net.client_as(network, "manager2").get(f"/intake/api/v1/clients/{me.get_json()['id']}")
        assert other.status_code == 404, "another organisation's manager does not see the client"
    finally:
        network.shutdown()
