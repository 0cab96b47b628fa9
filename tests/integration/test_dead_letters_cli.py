"""`kampus dead-letters` run as a service's own AMQP user, which may not read dead letters: the answer names the
organisation's operator user to run it as, for listing as for replaying, instead of a pika traceback."""
from __future__ import annotations

import uuid
from urllib.parse import unquote, urlsplit

import pika
import pytest
from click.testing import CliRunner

from services.cli import main
from shared.bus import topology
from shared.bus.amqp import parameters

pytestmark = pytest.mark.integration


@pytest.fixture
def service_user(broker, amqp_url):
    """A vhost with a dead letter of `<org>.intake`, and a user that may read nothing there."""
    org = f"org-{uuid.uuid4().hex[:6]}"
    with pika.BlockingConnection(parameters(amqp_url, "test-setup")) as connection:
        channel = connection.channel()
        channel.queue_declare(topology.dead_queue(f"{org}.intake"), durable=True)
        channel.basic_publish("", topology.dead_queue(f"{org}.intake"), b"{}")
    name = f"{org}.intake"
    url = broker.add_user(amqp_url, name, "service-secret")
    vhost = unquote(urlsplit(amqp_url).path.lstrip("/"))
    broker.rabbitmqctl("set_permissions", "-p", vhost, name, "^$", "^$", "^$")
    try:
        yield org, url
    finally:
        broker.delete_user(name)


@pytest.mark.parametrize("command", ["list", "replay"])
def test_dead_letters_as_a_service_user_names_the_operator_to_run_them_as(service_user, tmp_path, command):
    org, url = service_user
    result = CliRunner().invoke(main, ["dead-letters", command, "intake"], env={
        "AMQP_URL": url, "KAMPUS_ORG": org, "AMQP_OPERATOR_URL": "",
        "INTAKE_DATABASE_URL": f"sqlite:///{tmp_path / 'intake.sqlite3'}"})
    assert result.exit_code == 1, result.output
    assert "ACCESS_REFUSED" in result.output
    assert f"run it as the organisation's operator, AMQP_OPERATOR_URL=amqp://{org}.operator:" in result.output
    assert "Traceback" not in result.output and "service-secret" not in result.output
