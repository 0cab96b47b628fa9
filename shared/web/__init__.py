"""Flask scaffolding shared by every service: app assembly, errors, health, metrics."""
