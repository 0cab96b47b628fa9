"""Pages of the matching service: one module per area, each exposing a Flask blueprint `bp`."""
