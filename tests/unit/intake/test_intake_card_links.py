"""The client list page's card links: one `url_for` a page, each link what `url_for` gives for that client."""
from __future__ import annotations

import uuid

from flask import Flask, url_for

from services.intake.web import clients


def test_each_card_link_is_what_url_for_builds_with_one_url_for_a_page(monkeypatch):
    app = Flask("links")
    app.add_url_rule("/clients/<uuid:client_id>", "client_pages.card", lambda client_id: "")
    ids = [str(uuid.uuid4()) for _ in range(3)] + [uuid.uuid4()]
    built: list[dict] = []

    def counted(endpoint, **values):
        built.append(values)
        return url_for("client_pages.card", **values)

    with app.test_request_context("/clients", base_url="http://localhost/intake"):
        expected = {client_id: url_for("client_pages.card", client_id=client_id) for client_id in ids}
        monkeypatch.setattr(clients, "url_for", counted)
        links = clients.card_links(ids)
    assert links == expected
    assert all(link.startswith("/intake/clients/") for link in links.values())
    assert len(built) == 1
    assert clients.card_links([]) == {}
