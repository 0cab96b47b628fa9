"""The portal consumes no events: its definition lists no subscribers (the folder keeps the one shape)."""
