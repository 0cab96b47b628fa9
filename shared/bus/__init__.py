"""The event bus: outbox, relay, consumers with inbox de-duplication, dead letters."""
