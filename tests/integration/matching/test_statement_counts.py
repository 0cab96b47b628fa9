"""How many SQL statements matching's lists send (issue #18): the suggestions list and a need's candidates, with
matching on PostgreSQL. Counted with an event listener on matching's engine and its audit store's; the same for
one suggestion as for several, so no statement is sent per row."""
from __future__ import annotations

from collections import Counter

import pytest

from shared.reference import esco
from tests.integration.matching.test_matching_network import MATCHING, publish_need
from tests.support import network as net
from tests.support.intake_partners import record_partner
from tests.support.matching import register_client, unrelated_skills
from tests.support.statements import AUDIT_APPEND, counted, service_and_audit

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def network(tmp_path_factory, postgres):
    url = postgres.create_database()
    network = net.build(tmp_path_factory.mktemp("matching-statements"), database_urls={"matching": url})
    yield network
    network.shutdown()
    postgres.drop_database(url)


def statements(network, call, *, in_transaction: bool = False) -> tuple[Counter, object]:
    """The statements `call` sends to matching's database ("service") and its audit store ("audit") (`in_transaction`:
    those sent inside a transaction), and its answer."""
    return counted(service_and_audit(network.runtimes["matching"]), call, in_transaction=in_transaction)


def test_the_suggestions_list_and_a_needs_candidates_send_as_many_statements_for_one_row_as_for_four(network):
    """... and their statements hold their constants in the SQL text (the target kinds, the wanted statuses, a page's
    limit and offset): a prepared statement's generic plan cannot see parameters (issue 18, the ninth round)."""
    manager = net.client_as(network, "manager1")
    record_partner(network, manager, name="Konepaja Laskuri Oy", kind="company", business_id="2464491-9",
                   municipality="214", organisation="konepaja-virtanen")
    welder, grinder = unrelated_skills(esco.load_taxonomy(), 2)
    register_client(manager, {welder: 4})
    need_id = publish_need(network, [(welder, True, 3), (grinder, False, 2)])
    assert network.settle()

    def counted(path: str) -> tuple[Counter, dict]:
        manager.get(path)  # the first request of a process looks things up once
        seen, answer = statements(network, lambda: manager.get(path))
        assert answer.status_code == 200, answer.get_json()
        return seen, answer.get_json()

    listed_one, page = counted(f"{MATCHING}/suggestions")
    candidates_one, found = counted(f"{MATCHING}/needs/{need_id}/candidates")
    assert page["total"] == 1 and len(found["items"]) == 1
    for level in (3, 4, 5):
        register_client(manager, {welder: level, grinder: 2})
    assert network.settle()
    listed_four, page = counted(f"{MATCHING}/suggestions")
    candidates_four, found = counted(f"{MATCHING}/needs/{need_id}/candidates")
    assert page["total"] == 4 and len(found["items"]) == 4
    assert {(item["target_title"], item["target_owner"]) for item in page["items"]} == {
        ("Hitsaaja osa-aikaiseksi", "Konepaja Laskuri Oy")}
    assert [item["target_title"] for item in found["items"]] == ["Hitsaaja osa-aikaiseksi"] * 4
    whole = page["items"]
    # newest first, then by rank (the page is taken in this order before its rows are joined to their targets)
    for earlier, later in zip(whole, whole[1:]):
        assert earlier["made_at"] > later["made_at"] or (
            earlier["made_at"] == later["made_at"] and earlier["rank"] < later["rank"])
    in_pages = [counted(f"{MATCHING}/suggestions?per_page=3&page={number}")[1]["items"] for number in (1, 2)]
    assert [len(items) for items in in_pages] == [3, 1]
    assert [item["id"] for item in in_pages[0] + in_pages[1]] == [item["id"] for item in whole]
    filtered, page = counted(f"{MATCHING}/suggestions?status=new&need_id={need_id}&per_page=3&page=2")
    assert (page["total"], len(page["items"])) == (4, 1) and filtered == listed_four  # the filters as parameters
    assert counted(f"{MATCHING}/suggestions?status=accepted&need_id={need_id}")[1]["total"] == 0
    past_the_end, page = counted(f"{MATCHING}/suggestions?need_id={need_id}&per_page=3&page=3")
    assert (page["total"], page["items"]) == (4, []) and past_the_end == {"service": 2}  # no rows: counted apart
    # one page of rows with their targets' titles (they took one more statement per kind of target) and how many
    # match in all (a window count; it took one more statement); one audit entry naming the clients shown
    assert listed_one == listed_four == {"service": 1, "audit": AUDIT_APPEND}
    in_transaction, _page = statements(network, lambda: manager.get(f"{MATCHING}/suggestions"), in_transaction=True)
    assert in_transaction == {}  # each statement on its own: no BEGIN and ROLLBACK round trips around the list
    # the need's title, its rows with their titles, the network's count; one audit entry
    assert candidates_one == candidates_four == {"service": 3, "audit": AUDIT_APPEND}
    sent = texts_of(network, lambda: manager.get(f"{MATCHING}/needs/{need_id}/candidates"))
    listed, network_count = (t for t in sent if "FROM suggestions" in t)
    for text in (listed, network_count):  # the kind and the statuses constants, the need a parameter
        assert "suggestions.target_kind = 'need'" in text and "suggestions.status IN ('new', 'accepted')" in text
        assert "%(target_id)s" in text
    assert "%(organisation)s" in listed
    sent = texts_of(network, lambda: manager.get(f"{MATCHING}/suggestions?need_id={need_id}&per_page=3&page=2"))
    (listed,) = (t for t in sent if "FROM suggestions" in t)
    assert "LIMIT 3 OFFSET 3" in listed and "%(organisation)s" in listed and "%(need_id)s" in listed
    assert "= 'need'" in listed and "= 'environment_role'" in listed and "%(target_kind" not in listed


def texts_of(network, call) -> list[str]:
    """The SQL of the statements `call` sends to matching's database, one line each."""
    texts: list[str] = []
    _seen, answer = counted({network.runtimes["matching"].db.engine.url.database: "service"}, call, texts=texts)
    assert answer.status_code == 200, answer.get_json()
    return [" ".join(text.split()) for text in texts]
