"""Pages of the reporting service: one module per area, each exposing a Flask blueprint `bp`."""
