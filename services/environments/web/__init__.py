"""Pages of the environments service: one module per area, each exposing a Flask blueprint `bp`."""
