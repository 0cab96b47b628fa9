"""The matching HTTP API under /api/v1: one module per area, each exposing a flask-smorest `blp`."""
