"""The network's front door in the embedded default: links to the four services."""
from __future__ import annotations

from flask import Flask, jsonify


def create_front(apps: dict) -> Flask:
    """A small root app served at / beside the services under their prefixes."""
    front = Flask("kampus.front")

    @front.get("/")
    def index():
        return jsonify(name="Sosiaalinen kampus", services={name: f"/{name}/" for name in apps})

    @front.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    return front
