"""The project's common library: events, bus, web scaffolding, config, logging."""
