"""On a phone the rows of a record table become cards: every cell, the status, the Save button and the
"Change" link are in view at 390 px without scrolling sideways, each cell is named by its column's header,
and the parts keep their table roles; a wide screen keeps the table.
"""
from __future__ import annotations

import pytest

from demo import clients as demo_clients
from tests.support import network as net
from tests.support.browser import served, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# The right edge of every visible cell of the page's first table, and of the given controls, in px.
RIGHT_EDGES = """selectors => {
  const table = document.querySelector('main table');
  const cells = Array.from(table.querySelectorAll('tbody td, tbody th'));
  const controls = selectors.flatMap(s => Array.from(table.querySelectorAll(s)));
  return {cells: cells.map(c => c.getBoundingClientRect().right),
          controls: controls.map(c => c.getBoundingClientRect().right)};
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo network (partners' needs, students' profiles) with one of manager1's clients on a path."""
    network = net.build(tmp_path_factory.mktemp("table-cards"))
    assert demo_clients.seed(network) is True
    manager = net.client_as(network, "manager1")
    client = manager.post("/intake/api/v1/clients", json={
        "first_name": "Kerttu", "last_name": "Kortti", "birth_date": "2004-05-06", "home_municipality": "214",
        "consents": {}})
    assert client.status_code == 201, client.get_json()
    client_id = client.get_json()["id"]
    step = manager.post(f"/intake/api/v1/clients/{client_id}/path/steps", json={
        "kind": "visit_company", "title": "Vierailu konepajaan", "owner": "client", "due_date": "2027-02-01"})
    assert step.status_code == 201, step.get_json()
    assert network.settle()
    with served(network) as url:
        yield url, client_id


def in_view(page, controls: list[str]) -> None:
    """Every cell and every control (at least one of each selector) ends inside the phone's width."""
    edges = page.evaluate(RIGHT_EDGES, controls)
    assert edges["cells"] and len(edges["controls"]) >= len(controls), edges
    assert max(edges["cells"]) <= PHONE["width"], f"cells reach {max(edges['cells'])}px"
    assert max(edges["controls"]) <= PHONE["width"], f"controls reach {max(edges['controls'])}px"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def labels(page) -> list[str | None]:
    """The column names the first body row's data cells show (data-label), in order."""
    return page.locator("main table tbody tr").first.locator("td").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-label'))")


def test_the_partners_needs_are_cards_with_the_status_and_change_link_in_view(site, browser):
    url, _ = site
    with signed_in(browser, url, "partner1", viewport=PHONE) as page:
        page.goto(f"{url}/intake/my/needs")
        in_view(page, ["a[href$='/edit']"])
        first = page.locator("main table tbody tr").first
        assert first.get_by_role("link", name="Muokkaa").is_visible()
        # Each cell shows its column's name; the actions column's header has no visible text, so no name.
        assert labels(page) == ["Otsikko", "Työn tyyppi", "Aika", "Taidot", "Tila", None]
        assert page.get_by_role("table").first.get_by_role("columnheader", name="Tila").count() == 1
        assert first.get_by_role("cell").count() == 6

        page.set_viewport_size(DESKTOP)
        assert page.evaluate("getComputedStyle(document.querySelector('main table')).display") == "table"
        assert page.locator("main table thead").is_visible()


def test_the_steps_of_a_clients_path_are_cards_with_the_save_button_in_view(site, browser):
    url, client_id = site
    with signed_in(browser, url, "manager1", viewport=PHONE) as page:
        page.goto(f"{url}/intake/clients/{client_id}/path")
        in_view(page, ["select", "input[type='date']", "button[type='submit']"])
        assert labels(page) == ["Kuka", "Tavoite", "Tila ja määräpäivä"]
        row = page.locator("main table tbody tr").first
        assert row.get_by_role("rowheader").get_by_role("link", name="Vierailu konepajaan").is_visible()
        assert row.get_by_role("button", name="Tallenna").is_visible()


def test_a_students_own_skills_are_cards_with_the_level_and_remove_in_view(site, browser):
    url, _ = site
    with signed_in(browser, url, "student2", viewport=PHONE) as page:
        page.goto(f"{url}/intake/me/profile")
        in_view(page, ["select", "button[type='submit']"])
        assert labels(page) == ["Missä osoitettu", "Taso", None]
        shown = page.locator("main table tbody tr").first.locator("td").evaluate_all(
            "cells => cells.map(c => getComputedStyle(c, '::before').content)")
        # The level cell holds a labelled field: its label, not the column's name as well.
        assert shown[1:] == ["none", "none"] and "Missä osoitettu" in shown[0], shown
        assert page.locator("main table tbody tr").first.get_by_role("button", name="Poista").is_visible()
