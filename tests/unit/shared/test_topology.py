"""Queue bindings: broadcast types from any organisation, addressed types only for the consumer's own."""
from __future__ import annotations

from shared.bus import topology


def test_an_addressed_type_is_bound_only_with_the_consumers_own_organisation():
    keys = topology.binding_keys(["intake.need.published", "intake.contact.shared"], "samk")
    assert keys == ["*.intake.contact.shared.samk", "*.intake.need.published"]


def test_binding_keys_take_the_addressed_types_given():
    keys = topology.binding_keys(["intake.probe.sent", "intake.thing.happened"], "diak",
                                 addressed={"intake.probe.sent"})
    assert keys == ["*.intake.probe.sent.diak", "*.intake.thing.happened"]
    assert topology.binding_keys(["intake.contact.shared"], "diak", addressed=()) == ["*.intake.contact.shared"]


def test_the_organisation_of_a_consumer_is_the_first_part_of_its_name():
    assert topology.organisation_of(topology.consumer_name("sataedu", "intake")) == "sataedu"


class RecordingChannel:
    """A channel that records what is declared and bound (the declarations need no broker to be read)."""

    def __init__(self) -> None:
        self.bindings: list[tuple[str, str, str]] = []

    def exchange_declare(self, *args, **kwargs) -> None:
        pass

    def queue_declare(self, *args, **kwargs) -> None:
        pass

    def queue_bind(self, queue, exchange, routing_key) -> None:
        self.bindings.append((queue, exchange, routing_key))


def test_declare_network_binds_each_intake_to_its_own_contacts():
    channel = RecordingChannel()
    consumers = {"sataedu.intake": ["intake.contact.shared"], "samk.intake": ["intake.contact.shared"]}
    topology.declare_network(channel, consumers)
    assert [(q, k) for q, x, k in channel.bindings if x == topology.EVENTS_EXCHANGE] == [
        ("sataedu.intake.events", "*.intake.contact.shared.sataedu"),
        ("samk.intake.events", "*.intake.contact.shared.samk")]
    # Replays reach each queue by its consumer's name; dead letters each consumer's own dead-letter queue.
    assert [(q, k) for q, x, k in channel.bindings if x == topology.REPLAY_EXCHANGE] == [
        ("sataedu.intake.events", "sataedu.intake"), ("samk.intake.events", "samk.intake")]
    assert [(q, k) for q, x, k in channel.bindings if x == topology.DEAD_EXCHANGE] == [
        ("sataedu.intake.dead", "sataedu.intake"), ("samk.intake.dead", "samk.intake")]
