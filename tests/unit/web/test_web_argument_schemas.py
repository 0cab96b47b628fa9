"""flask-smorest's argument parser keeps one instance per schema class instead of building one per request."""
from __future__ import annotations

import pytest
from flask import Flask
from flask_smorest import Api, Blueprint
from marshmallow import Schema, fields, validate

from shared.web.schemas import keep_argument_schemas


class Item(Schema):
    built = 0

    name = fields.String(required=True, validate=validate.Length(min=2))
    tags = fields.List(fields.String(), load_default=list)

    def __init__(self, *args, **kwargs):
        type(self).built += 1
        super().__init__(*args, **kwargs)


@pytest.fixture
def client():
    app = Flask("arguments")
    app.config.update(API_TITLE="t", API_VERSION="v1", OPENAPI_VERSION="3.0.3")
    api = Api(app)
    bp = Blueprint("items", __name__)

    @bp.post("/items")
    @bp.arguments(Item)
    def post(data):
        return {"got": data}

    api.register_blueprint(bp)
    yield app.test_client()
    keep_argument_schemas(False)
    keep_argument_schemas(True)  # as build_app leaves it


@pytest.mark.parametrize("kept, built", [(False, 3), (True, 1)])
def test_one_schema_instance_answers_every_request_alike(client, kept, built):
    keep_argument_schemas(kept)
    Item.built = 0
    answers = [client.post("/items", json=body) for body in ({"name": "ab"}, {"name": "cd", "tags": ["x"]},
                                                           {"name": "e"})]
    assert Item.built == built
    assert [a.status_code for a in answers] == [200, 200, 422]
    assert answers[0].json == {"got": {"name": "ab", "tags": []}}
    assert answers[1].json == {"got": {"name": "cd", "tags": ["x"]}}
    assert answers[2].json["errors"] == {"json": {"name": ["Shorter than minimum length 2."]}}
